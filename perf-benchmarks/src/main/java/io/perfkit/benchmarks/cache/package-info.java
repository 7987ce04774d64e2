/** JMH benchmarks of perf-cache against raw Caffeine and raw Lettuce, in the same run. */
@NullMarked
package io.perfkit.benchmarks.cache;

import org.jspecify.annotations.NullMarked;
