/**
 * Optional jOOQ integration: {@link io.perfkit.query.jooq.PerfkitExecuteListener}. Only this package uses jOOQ
 * types; jOOQ is an optional dependency of perf-query, so applications without it never load this package.
 */
@NullMarked
package io.perfkit.query.jooq;

import org.jspecify.annotations.NullMarked;
