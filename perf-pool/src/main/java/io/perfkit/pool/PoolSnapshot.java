package io.perfkit.pool;

import io.perfkit.core.Require;

/**
 * One reading of a pool's state, taken by a {@link PoolSampler}. Gauges ({@code active}, {@code idle},
 * {@code pending}) are instantaneous; the counters ({@code acquisitions} and the following) are cumulative
 * since the pool started, so that the difference between two snapshots gives a rate.
 *
 * @param active connections lent out
 * @param idle connections in the pool, ready
 * @param total open connections
 * @param pending threads waiting for a connection
 * @param maximumPoolSize the pool's current maximum size
 * @param minimumIdle the pool's current minimum idle setting
 * @param hasTimings whether the counters below are measured; false when only the pool's gauges can be read
 * @param acquisitions connections borrowed so far
 * @param acquireNanos total time callers waited in {@code getConnection()}, in nanoseconds
 * @param usages connections returned so far
 * @param usageNanos total time connections were held by callers, in nanoseconds
 * @param timeouts {@code getConnection()} calls that timed out so far
 */
public record PoolSnapshot(int active, int idle, int total, int pending, int maximumPoolSize, int minimumIdle,
                           boolean hasTimings, long acquisitions, long acquireNanos, long usages, long usageNanos,
                           long timeouts) {
    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException if a count is negative or the maximum is below 1
     */
    public PoolSnapshot {
        Require.argument(active >= 0 && idle >= 0 && total >= 0 && pending >= 0 && minimumIdle >= 0,
                "pool gauges must be >= 0, but were active=%s idle=%s total=%s pending=%s minimumIdle=%s",
                active, idle, total, pending, minimumIdle);
        Require.atLeast(maximumPoolSize, 1, "maximumPoolSize");
        Require.argument(acquisitions >= 0 && acquireNanos >= 0 && usages >= 0 && usageNanos >= 0 && timeouts >= 0,
                "pool counters must be >= 0");
    }

    /**
     * Returns a snapshot of gauges only, for pools whose timings are not recorded.
     *
     * @param active connections lent out
     * @param idle connections ready
     * @param total open connections
     * @param pending threads waiting
     * @param maximumPoolSize the current maximum
     * @param minimumIdle the current minimum idle
     * @return the snapshot
     */
    public static PoolSnapshot ofGauges(int active, int idle, int total, int pending, int maximumPoolSize,
                                        int minimumIdle) {
        return new PoolSnapshot(active, idle, total, pending, maximumPoolSize, minimumIdle, false, 0, 0, 0, 0, 0);
    }
}
