package io.perfkit.pool.hikari;

import com.zaxxer.hikari.HikariConfigMXBean;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.perfkit.core.Require;
import io.perfkit.pool.PoolControls;
import io.perfkit.pool.PoolSampler;
import io.perfkit.pool.PoolSnapshot;

/**
 * Connects a running {@link HikariDataSource} to the {@link io.perfkit.pool.PoolAdvisor}: a sampler that reads
 * HikariCP's {@link HikariPoolMXBean} (and the {@link TimingMetricsTrackerFactory}'s counters when the pool has
 * one), and controls that resize the pool through {@link HikariConfigMXBean}, the only runtime path HikariCP
 * allows.
 *
 * <pre>{@code
 * PoolAdvisor advisor = PoolAdvisor.builder("orders", HikariPools.sampler(dataSource))
 *     .adaptive(HikariPools.controls(dataSource), AdaptiveSizing.within(4, 24))
 *     .build().start();
 * }</pre>
 */
public final class HikariPools {
    private HikariPools() {}

    /**
     * Returns a sampler of the pool. Without a {@link TimingMetricsTrackerFactory} on the pool the snapshots hold
     * gauges only (the advisor then cannot tell hold time from demand).
     *
     * @param dataSource the pool; not closed, the caller owns it
     * @return the sampler; a pool not started yet reads as empty
     */
    public static PoolSampler sampler(HikariDataSource dataSource) {
        Require.nonNull(dataSource, "dataSource");
        return () -> sample(dataSource);
    }

    private static PoolSnapshot sample(HikariDataSource ds) {
        HikariPoolMXBean pool = ds.getHikariPoolMXBean();
        HikariConfigMXBean config = ds.getHikariConfigMXBean();
        int max = Math.max(1, config.getMaximumPoolSize());
        int minIdle = Math.max(0, config.getMinimumIdle());
        if (pool == null) {
            return PoolSnapshot.ofGauges(0, 0, 0, 0, max, minIdle);
        }
        int active = Math.max(0, pool.getActiveConnections());
        int idle = Math.max(0, pool.getIdleConnections());
        int total = Math.max(0, pool.getTotalConnections());
        int pending = Math.max(0, pool.getThreadsAwaitingConnection());
        if (!(ds.getMetricsTrackerFactory() instanceof TimingMetricsTrackerFactory)) {
            return PoolSnapshot.ofGauges(active, idle, total, pending, max, minIdle);
        }
        TimingMetricsTrackerFactory t = (TimingMetricsTrackerFactory) ds.getMetricsTrackerFactory();
        return new PoolSnapshot(active, idle, total, pending, max, minIdle, true, t.acquisitions.sum(),
                t.acquireNanos.sum(), t.usages.sum(), t.usageMillis.sum() * 1_000_000L, t.timeouts.sum());
    }

    /**
     * Returns controls that resize the pool through HikariCP's {@link HikariConfigMXBean}. Growing takes effect
     * as callers wait; after shrinking, HikariCP retires idle connections above {@code minimumIdle} once they
     * have been idle for {@code idleTimeout}, and connections above the maximum when they reach
     * {@code maxLifetime}.
     *
     * <p>HikariCP opens a connection when a borrow finds none idle (one per such borrow), not when its maximum
     * is raised: a grown pool fills as new borrows arrive, which under sustained load is at once.
     *
     * @param dataSource the pool; not closed, the caller owns it
     * @return the controls
     */
    public static PoolControls controls(HikariDataSource dataSource) {
        Require.nonNull(dataSource, "dataSource");
        return (maximumPoolSize, minimumIdle) -> {
            Require.atLeast(maximumPoolSize, 1, "maximumPoolSize");
            Require.argument(minimumIdle >= 0 && minimumIdle <= maximumPoolSize,
                    "minimumIdle must be between 0 and maximumPoolSize (%s), but was %s", maximumPoolSize,
                    minimumIdle);
            HikariConfigMXBean config = dataSource.getHikariConfigMXBean();
            if (maximumPoolSize >= config.getMaximumPoolSize()) {
                config.setMaximumPoolSize(maximumPoolSize);
                config.setMinimumIdle(minimumIdle);
            } else {
                config.setMinimumIdle(minimumIdle);
                config.setMaximumPoolSize(maximumPoolSize);
            }
        };
    }
}
