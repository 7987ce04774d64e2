/**
 * HikariCP integration: a tuned {@link io.perfkit.pool.hikari.TunedHikari configuration factory}, a
 * {@link io.perfkit.pool.hikari.HikariConfigReview review} of an existing configuration, and the
 * {@link io.perfkit.pool.hikari.HikariPools sampler and controls} the {@link io.perfkit.pool.PoolAdvisor} uses.
 * The only package of perf-pool whose public signatures mention HikariCP types.
 */
@NullMarked
package io.perfkit.pool.hikari;

import org.jspecify.annotations.NullMarked;
