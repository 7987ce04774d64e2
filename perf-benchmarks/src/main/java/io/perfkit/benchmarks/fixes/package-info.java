/**
 * Benchmarks of perf-query's fixes on real PostgreSQL, each beside the code it replaces: keyset pagination vs
 * OFFSET at depth, BatchLoader vs an N+1 loop, BatchWriter vs row-by-row inserts, and the heap a streamed
 * million-row result holds. Each benchmark creates its own database and drops it afterwards; the server comes
 * from {@code -Dperfkit.bench.pg.url=...} or {@code PERFKIT_TEST_PG_URL}.
 */
@NullMarked
package io.perfkit.benchmarks.fixes;

import org.jspecify.annotations.NullMarked;
