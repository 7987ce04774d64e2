package io.perfkit.query;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The accumulators behind one {@code perfkit.query} meter: count and total time in striped adders, and the
 * largest time in one field that a statement updates only when it sets a new maximum. Recording costs two
 * uncontended compare-and-sets and a plain read; Micrometer's {@code CumulativeTimer} also updates a
 * {@code DoubleAdder} and a ring of time-windowed maxima keyed by the wall clock, which cost more than the
 * rest of the wrapper together. Micrometer reads these through a {@code FunctionTimer} and a {@code TimeGauge}.
 *
 * <p>The maximum covers a window that turns when it is read and a minute has passed since the last turn: with
 * a registry that publishes every minute or more often, it is the largest time of the last one to two minutes.
 */
final class QueryTimer {
    static final long MAX_WINDOW_NANOS = TimeUnit.MINUTES.toNanos(1);
    private static final VarHandle MAX;

    static {
        try {
            MAX = MethodHandles.lookup().findVarHandle(QueryTimer.class, "max", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final LongAdder count = new LongAdder();
    private final LongAdder totalNanos = new LongAdder();
    /** The largest time of the current window; written through {@link #MAX}. */
    @SuppressWarnings("unused")
    private volatile long max;
    private long previousMax; // guarded by this
    private long windowStart = System.nanoTime(); // guarded by this
    private final long windowNanos;

    QueryTimer() {
        this(MAX_WINDOW_NANOS);
    }

    QueryTimer(long windowNanos) {
        this.windowNanos = windowNanos;
    }

    void record(long nanos) {
        count.increment();
        totalNanos.add(nanos);
        long m = max;
        while (nanos > m) {
            if (MAX.weakCompareAndSet(this, m, nanos)) {
                return;
            }
            m = max;
        }
    }

    long count() {
        return count.sum();
    }

    double totalNanos() {
        return totalNanos.sum();
    }

    synchronized double maxNanos() {
        long now = System.nanoTime();
        if (now - windowStart >= windowNanos) {
            previousMax = (long) MAX.getAndSet(this, 0L);
            windowStart = now;
        }
        return Math.max(previousMax, max);
    }
}
