/**
 * Micrometer integrations of perf-core: a finding counter and latency budgets over Micrometer timers. The only
 * package of perf-core that mentions Micrometer types; the {@code MeterRegistry} is always the user's own.
 */
@NullMarked
package io.perfkit.core.micrometer;

import org.jspecify.annotations.NullMarked;
