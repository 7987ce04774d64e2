package io.perfkit.cache.micrometer;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A monotonic count for the L1-hit path, read by a {@code FunctionCounter}. Each thread adds to the stripe picked by
 * its id, and stripes sit 128 bytes apart, so threads running at the same time rarely touch the same cache line.
 *
 * <p>Why not a Micrometer {@code Counter}: its {@code DoubleAdder} (like {@code LongAdder}) grows to at most as many
 * cells as there are CPUs, so on a small host the running threads keep meeting in one cell, and every such meeting
 * moves the line between cores; there are at least four stripes per CPU here. An increment is one {@code lock xadd}
 * on a line the thread usually owns already, with no floating-point conversion.
 */
final class StripedCount {
    /** Longs per stripe: 16 longs are 128 bytes, two cache lines, so that adjacent-line prefetch does not pair them. */
    private static final int PAD = 16;

    private final int mask;
    private final AtomicLongArray cells;

    StripedCount() {
        int stripes = Math.max(8, Integer.highestOneBit(Runtime.getRuntime().availableProcessors() * 4 - 1) << 1);
        this.mask = Math.min(stripes, 1024) - 1;
        this.cells = new AtomicLongArray((mask + 1) * PAD);
    }

    void increment() {
        // thread ids are handed out in sequence, so the threads of a pool land on different stripes
        cells.getAndIncrement(((int) Thread.currentThread().getId() & mask) * PAD);
    }

    /** The total; concurrent increments may or may not be included, as with {@code LongAdder.sum()}. */
    double sum() {
        long total = 0;
        for (int i = 0; i <= mask; i++) {
            total += cells.get(i * PAD);
        }
        return total;
    }
}
