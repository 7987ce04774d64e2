/** Benchmarks of perf-core: the cost of a {@link io.perfkit.core.WorkScope} per request. */
@NullMarked
package io.perfkit.benchmarks.core;

import org.jspecify.annotations.NullMarked;
