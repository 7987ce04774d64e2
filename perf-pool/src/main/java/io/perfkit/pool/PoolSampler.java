package io.perfkit.pool;

/**
 * Reads a pool's state; the {@link PoolAdvisor} calls it at its sampling interval, on its own thread.
 * {@code io.perfkit.pool.hikari.HikariPools#sampler} reads a HikariCP pool.
 *
 * <p>Implementations must be thread-safe, cheap (no I/O, no database round trip) and should not throw; a
 * failure is counted by the advisor and the sample is skipped.
 */
@FunctionalInterface
public interface PoolSampler {
    /**
     * Reads the pool's current state.
     *
     * @return a snapshot
     */
    PoolSnapshot sample();
}
