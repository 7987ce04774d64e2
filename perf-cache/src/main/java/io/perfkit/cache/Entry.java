package io.perfkit.cache;

import org.jspecify.annotations.Nullable;

/**
 * An L1 entry: the value (null for a cached absence), its L2 timestamps, the generations it was valid for, and the
 * ticker reading at which early refresh (XFetch) starts, drawn once when the entry was filled so that the hit path
 * needs no random number and no logarithm.
 */
final class Entry<V> {
    /** A refresh time far enough ahead to mean "never" while staying safe for {@code now - refreshAt} arithmetic. */
    static final long NEVER_OFFSET = Long.MAX_VALUE / 4;

    final @Nullable V value;
    final long writeMillis;
    final long expiresAtMillis;
    final int loadMillis;
    final Generation[] holders;
    final long[] gens;
    final long expiresAtTick;
    final long refreshAtTick;

    Entry(@Nullable V value, long writeMillis, long expiresAtMillis, int loadMillis, Generation[] holders,
            long[] gens, long expiresAtTick, long refreshAtTick) {
        this.value = value;
        this.writeMillis = writeMillis;
        this.expiresAtMillis = expiresAtMillis;
        this.loadMillis = loadMillis;
        this.holders = holders;
        this.gens = gens;
        this.expiresAtTick = expiresAtTick;
        this.refreshAtTick = refreshAtTick;
    }

    /**
     * True while the entry's L1 lifetime has not run out at ticker reading {@code now} and no generation it depends
     * on has moved on. Expiry is checked here, lazily, rather than by Caffeine: a hit then costs one comparison
     * instead of Caffeine's per-read expiry bookkeeping; an expired entry is never served and is replaced by the
     * next fill or evicted by size.
     */
    boolean isLive(long now) {
        return now - expiresAtTick < 0 && isCurrent();
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
