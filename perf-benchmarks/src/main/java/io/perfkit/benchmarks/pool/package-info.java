/** Benchmarks of perf-pool against raw HikariCP on perf-testkit's stub driver. */
@NullMarked
package io.perfkit.benchmarks.pool;

import org.jspecify.annotations.NullMarked;
