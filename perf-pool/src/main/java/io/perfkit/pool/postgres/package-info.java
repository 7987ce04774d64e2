/**
 * PostgreSQL's own view of the connections: the server's limits and idle cut-offs
 * ({@link io.perfkit.pool.postgres.PostgresServerSettings}) and a low-rate sampler of {@code pg_stat_activity}
 * ({@link io.perfkit.pool.postgres.ActivityMonitor}) that reports idle-in-transaction sessions, long-running
 * statements and the headroom left under {@code max_connections}.
 */
@NullMarked
package io.perfkit.pool.postgres;

import org.jspecify.annotations.NullMarked;
