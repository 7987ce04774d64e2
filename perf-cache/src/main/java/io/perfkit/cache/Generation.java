package io.perfkit.cache;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The current generation of the whole cache or of one tag, as this instance knows it. Only ever moves forward.
 * L1 entries keep a reference to it and the value it had when they were filled; an entry whose generation has
 * moved on is stale. {@link #UNKNOWN} until read from Redis.
 */
final class Generation extends AtomicLong {
    private static final long serialVersionUID = 1L;
    static final long UNKNOWN = -1;
    private static final long NOT_MOVED = Long.MIN_VALUE;

    final String redisKey;

    Generation(String redisKey, long initial) {
        super(initial);
        this.redisKey = redisKey;
    }

    /** Moves to {@code value} if that is newer; returns true when it moved. */
    boolean advanceTo(long value) {
        return advance(value) != NOT_MOVED;
    }

    /**
     * Moves to {@code value} if that is newer; returns true when it moved from a known value (not {@link #UNKNOWN}),
     * which is when entries filled under the old value may sit in L1.
     */
    boolean advanceFromKnownTo(long value) {
        long previous = advance(value);
        return previous != NOT_MOVED && previous != UNKNOWN;
    }

    private long advance(long value) {
        long current;
        do {
            current = get();
            if (value <= current) {
                return NOT_MOVED;
            }
        } while (!compareAndSet(current, value));
        return current;
    }
}
