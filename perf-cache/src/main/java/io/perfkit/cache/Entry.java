package io.perfkit.cache;

import org.jspecify.annotations.Nullable;

/**
 * An L1 entry: the value (null for a cached absence), its L2 timestamps, the generations it was valid for, and the
 * ticker reading at which early refresh (XFetch) starts, drawn once when the entry was filled so that the hit path
 * needs no random number and no logarithm.
 */
final class Entry<V> {
    static final long NEVER = Long.MAX_VALUE;

    final @Nullable V value;
    final long writeMillis;
    final long expiresAtMillis;
    final int loadMillis;
    final Generation[] holders;
    final long[] gens;
    final long l1Nanos;
    final long refreshAtTick;

    Entry(@Nullable V value, long writeMillis, long expiresAtMillis, int loadMillis, Generation[] holders,
            long[] gens, long l1Nanos, long refreshAtTick) {
        this.value = value;
        this.writeMillis = writeMillis;
        this.expiresAtMillis = expiresAtMillis;
        this.loadMillis = loadMillis;
        this.holders = holders;
        this.gens = gens;
        this.l1Nanos = l1Nanos;
        this.refreshAtTick = refreshAtTick;
    }

    /** True while no generation this entry depends on has moved on. */
    boolean isCurrent() {
        Generation[] h = holders;
        for (int i = 0; i < h.length; i++) {
            if (h[i].get() != gens[i]) {
                return false;
            }
        }
        return true;
    }
}
