package io.perfkit.cache;

import io.perfkit.core.Ticker;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * A small circuit breaker around Redis: {@code failureThreshold} consecutive failures open it; after
 * {@code openNanos} one probe is let through (half-open); its success closes the breaker, its failure re-opens it.
 * Written here rather than taken from Resilience4j because it needs only these ~80 lines, runs on the miss path
 * with one volatile read when closed, and keeps perf-cache free of another runtime dependency.
 */
final class CircuitBreaker {
    private final int failureThreshold;
    private final long openNanos;
    private final Ticker ticker;
    private final Consumer<BreakerState> onChange;
    private final AtomicReference<BreakerState> state = new AtomicReference<>(BreakerState.CLOSED);
    private final AtomicInteger consecutiveFailures = new AtomicInteger();
    private final AtomicLong openedAt = new AtomicLong();

    CircuitBreaker(int failureThreshold, long openNanos, Ticker ticker, Consumer<BreakerState> onChange) {
        this.failureThreshold = failureThreshold;
        this.openNanos = openNanos;
        this.ticker = ticker;
        this.onChange = onChange;
    }

    /** Returns true when a call may go to Redis now. In HALF_OPEN only the caller that won the probe gets true. */
    boolean tryAcquire() {
        BreakerState s = state.get();
        if (s == BreakerState.CLOSED) {
            return true;
        }
        if (s == BreakerState.OPEN && ticker.read() - openedAt.get() >= openNanos) {
            return transition(BreakerState.OPEN, BreakerState.HALF_OPEN);
        }
        return false;
    }

    void onSuccess() {
        consecutiveFailures.set(0);
        if (state.get() != BreakerState.CLOSED) {
            transition(BreakerState.HALF_OPEN, BreakerState.CLOSED);
        }
    }

    void onFailure() {
        BreakerState s = state.get();
        if (s == BreakerState.HALF_OPEN) {
            openedAt.set(ticker.read());
            transition(BreakerState.HALF_OPEN, BreakerState.OPEN);
        } else if (s == BreakerState.CLOSED && consecutiveFailures.incrementAndGet() >= failureThreshold) {
            openedAt.set(ticker.read());
            transition(BreakerState.CLOSED, BreakerState.OPEN);
        }
    }

    BreakerState state() {
        return state.get();
    }

    private boolean transition(BreakerState from, BreakerState to) {
        if (!state.compareAndSet(from, to)) {
            return false;
        }
        if (to == BreakerState.CLOSED) {
            consecutiveFailures.set(0);
        }
        onChange.accept(to);
        return true;
    }
}
