/**
 * Micrometer meters for perf-pool's own signals (HikariCP's {@code hikaricp.*} meters are HikariCP's, enabled by
 * {@link io.perfkit.pool.hikari.TunedHikari#builder}{@code .metrics(registry)}, and never duplicated here).
 */
@NullMarked
package io.perfkit.pool.micrometer;

import org.jspecify.annotations.NullMarked;
