/** Benchmarks of perf-query against the raw stub driver and peer JDBC wrappers. */
@NullMarked
package io.perfkit.benchmarks.query;

import org.jspecify.annotations.NullMarked;
