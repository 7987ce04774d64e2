package io.perfkit.compression;

import java.util.concurrent.atomic.AtomicReferenceArray;
import org.jspecify.annotations.Nullable;

/**
 * A bounded, lock-free pool of idle {@link CompressingResponse}s (each with its stream, request wrapper and holding
 * buffer), shared by all threads: a fixed array of slots, each taken or filled by one compare-and-set, probed
 * from a start derived from the calling thread's id so that threads mostly touch different slots. Nothing is
 * bound to a thread: a wrapper released by one thread is taken by whichever thread probes its slot next.
 * A miss (every probed slot empty) allocates; a release into a full pool drops the wrapper for the GC.
 */
final class WrapperPool {
    /** Slots probed per acquire or release: enough to find one under contention, bounded so a miss stays cheap. */
    private static final int MAX_PROBES = 8;

    private final AtomicReferenceArray<@Nullable CompressingResponse> slots;
    private final int size;
    private final int probes;

    /** @param capacity the most idle wrappers kept, at least 1 */
    WrapperPool(int capacity) {
        this.slots = new AtomicReferenceArray<>(capacity);
        this.size = capacity;
        this.probes = Math.min(capacity, MAX_PROBES);
    }

    /** The first slot to probe: the thread id, spread, so that threads mostly start at different slots. */
    private int start() {
        long id = Thread.currentThread().getId();
        return (int) ((id * 0x9E3779B97F4A7C15L >>> 33) % size);
    }

    /** @return an idle, fully reset wrapper, or null when none was found */
    @Nullable CompressingResponse acquire() {
        int slot = start();
        for (int n = 0; n < probes; n++, slot = slot + 1 == size ? 0 : slot + 1) {
            CompressingResponse r = slots.get(slot);
            if (r != null && slots.compareAndSet(slot, r, null)) {
                return r;
            }
        }
        return null;
    }

    /**
     * Offers a wrapper that has been reset and that nothing else references any more.
     *
     * @return whether it was kept (false: the pool was full and it is left to the GC)
     */
    boolean release(CompressingResponse r) {
        int slot = start();
        for (int n = 0; n < probes; n++, slot = slot + 1 == size ? 0 : slot + 1) {
            if (slots.get(slot) == null && slots.compareAndSet(slot, null, r)) {
                return true;
            }
        }
        return false;
    }

    /** @return idle wrappers in the pool (a snapshot, for tests) */
    int idle() {
        int n = 0;
        for (int i = 0; i < slots.length(); i++) {
            if (slots.get(i) != null) {
                n++;
            }
        }
        return n;
    }
}
