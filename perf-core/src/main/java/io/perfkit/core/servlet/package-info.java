/**
 * Jakarta Servlet integration of perf-core: {@link io.perfkit.core.servlet.WorkScopeFilter} opens a
 * {@link io.perfkit.core.WorkScope} per request. Needs {@code jakarta.servlet-api} 6 on the classpath, which
 * perf-core does not bring (it is {@code provided}); nothing outside this package loads servlet classes.
 */
@NullMarked
package io.perfkit.core.servlet;

import org.jspecify.annotations.NullMarked;
