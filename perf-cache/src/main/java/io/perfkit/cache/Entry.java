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
    /** The whole-cache generation, checked inline: most caches have no tags. */
    private final Generation first;
    private final long firstGen;
    /** All generations (the first one again at index 0), or null when there are no tags. */
    private final Generation @Nullable [] holders;
    private final long @Nullable [] gens;
    final long expiresAtTick;
    final long refreshAtTick;

    Entry(@Nullable V value, long writeMillis, long expiresAtMillis, int loadMillis, Generation[] holders,
            long[] gens, long expiresAtTick, long refreshAtTick) {
        this.value = value;
        this.writeMillis = writeMillis;
        this.expiresAtMillis = expiresAtMillis;
        this.loadMillis = loadMillis;
        this.first = holders[0];
        this.firstGen = gens[0];
        this.holders = holders.length > 1 ? holders : null;
        this.gens = holders.length > 1 ? gens : null;
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
        if (first.get() != firstGen) {
            return false;
        }
        Generation[] h = holders;
        long[] g = gens;
        if (h == null || g == null) {
            return true;
        }
        for (int i = 1; i < h.length; i++) {
            if (h[i].get() != g[i]) {
                return false;
            }
        }
        return true;
    }
}
