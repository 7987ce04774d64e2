/**
 * JMH benchmarks of perfkit against the raw libraries it wraps, one subpackage per module. Not published.
 * Run them with {@code perf-benchmarks/run.sh}; see {@code docs/benchmarks.md}.
 */
@NullMarked
package io.perfkit.benchmarks;

import org.jspecify.annotations.NullMarked;
