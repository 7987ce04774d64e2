package io.perfkit.pool.hikari;

import com.zaxxer.hikari.metrics.IMetricsTracker;
import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import com.zaxxer.hikari.metrics.PoolStats;
import io.perfkit.core.RateLimitedLogger;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

/**
 * A HikariCP {@link MetricsTrackerFactory} that keeps cumulative counts of borrows, wait time, hold time and
 * timeouts for the {@link io.perfkit.pool.PoolAdvisor}, and passes every event on to another factory (typically
 * HikariCP's own {@code MicrometerMetricsTrackerFactory}, so the {@code hikaricp.*} meters stay as they are and
 * are not duplicated). {@link TunedHikari} installs it; install it yourself on a configuration of your own:
 *
 * <pre>{@code
 * config.setMetricsTrackerFactory(TimingMetricsTrackerFactory.wrapping(new MicrometerMetricsTrackerFactory(registry)));
 * }</pre>
 *
 * <p>Each event costs one {@link LongAdder} increment or two; a failing delegate is logged (rate-limited) and
 * never fails the pool's call.
 */
public final class TimingMetricsTrackerFactory implements MetricsTrackerFactory {
    private final @Nullable MetricsTrackerFactory delegate;
    final LongAdder acquisitions = new LongAdder();
    final LongAdder acquireNanos = new LongAdder();
    final LongAdder usages = new LongAdder();
    final LongAdder usageMillis = new LongAdder();
    final LongAdder timeouts = new LongAdder();

    private TimingMetricsTrackerFactory(@Nullable MetricsTrackerFactory delegate) {
        this.delegate = delegate;
    }

    /**
     * Returns a factory that only counts.
     *
     * @return the factory
     */
    public static TimingMetricsTrackerFactory standalone() {
        return new TimingMetricsTrackerFactory(null);
    }

    /**
     * Returns a factory that counts and passes every event to {@code delegate}.
     *
     * @param delegate the factory whose tracker also receives every event
     * @return the factory
     */
    public static TimingMetricsTrackerFactory wrapping(MetricsTrackerFactory delegate) {
        return new TimingMetricsTrackerFactory(java.util.Objects.requireNonNull(delegate, "delegate"));
    }

    @Override
    public IMetricsTracker create(String poolName, PoolStats poolStats) {
        IMetricsTracker inner = delegate == null ? null : delegate.create(poolName, poolStats);
        return inner == null ? new Counting(this) : new Forwarding(this, inner);
    }

    /** Counts events only. */
    private static class Counting implements IMetricsTracker {
        final TimingMetricsTrackerFactory f;

        Counting(TimingMetricsTrackerFactory f) {
            this.f = f;
        }

        @Override
        public void recordConnectionAcquiredNanos(long elapsedAcquiredNanos) {
            f.acquisitions.increment();
            f.acquireNanos.add(elapsedAcquiredNanos);
        }

        @Override
        public void recordConnectionUsageMillis(long elapsedBorrowedMillis) {
            f.usages.increment();
            f.usageMillis.add(elapsedBorrowedMillis);
        }

        @Override
        public void recordConnectionTimeout() {
            f.timeouts.increment();
        }
    }

    /** Counts events and passes them on. */
    private static final class Forwarding extends Counting {
        private static final RateLimitedLogger LOG =
                RateLimitedLogger.of(LoggerFactory.getLogger(TimingMetricsTrackerFactory.class));
        private final IMetricsTracker inner;

        Forwarding(TimingMetricsTrackerFactory f, IMetricsTracker inner) {
            super(f);
            this.inner = inner;
        }

        @Override
        public void recordConnectionCreatedMillis(long connectionCreatedMillis) {
            try {
                inner.recordConnectionCreatedMillis(connectionCreatedMillis);
            } catch (RuntimeException e) {
                LOG.warn("delegate-failed", "Metrics tracker " + inner + " failed", e);
            }
        }

        @Override
        public void recordConnectionAcquiredNanos(long elapsedAcquiredNanos) {
            super.recordConnectionAcquiredNanos(elapsedAcquiredNanos);
            try {
                inner.recordConnectionAcquiredNanos(elapsedAcquiredNanos);
            } catch (RuntimeException e) {
                LOG.warn("delegate-failed", "Metrics tracker " + inner + " failed", e);
            }
        }

        @Override
        public void recordConnectionUsageMillis(long elapsedBorrowedMillis) {
            super.recordConnectionUsageMillis(elapsedBorrowedMillis);
            try {
                inner.recordConnectionUsageMillis(elapsedBorrowedMillis);
            } catch (RuntimeException e) {
                LOG.warn("delegate-failed", "Metrics tracker " + inner + " failed", e);
            }
        }

        @Override
        public void recordConnectionTimeout() {
            super.recordConnectionTimeout();
            try {
                inner.recordConnectionTimeout();
            } catch (RuntimeException e) {
                LOG.warn("delegate-failed", "Metrics tracker " + inner + " failed", e);
            }
        }

        @Override
        public void close() {
            inner.close();
        }
    }
}
