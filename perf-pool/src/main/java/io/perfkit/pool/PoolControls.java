package io.perfkit.pool;

/**
 * The runtime-tunable part of a pool: its size. The {@link PoolAdvisor} changes it only when adaptive sizing is
 * enabled. {@code io.perfkit.pool.hikari.HikariPools#controls} drives HikariCP's {@code HikariConfigMXBean}.
 */
public interface PoolControls {
    /**
     * Resizes the pool. Implementations apply the two values in the order that keeps
     * {@code minimumIdle <= maximumPoolSize} at every moment.
     *
     * @param maximumPoolSize the new maximum, at least 1
     * @param minimumIdle the new minimum idle, between 0 and {@code maximumPoolSize}
     * @throws IllegalArgumentException if the values are out of range
     */
    void resize(int maximumPoolSize, int minimumIdle);
}
