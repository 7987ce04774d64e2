package io.perfkit.cache;

import org.jspecify.annotations.Nullable;

/**
 * An L1 entry: the value (null for a cached absence), the generations it was valid for, its L1 expiry and the ticker
 * reading at which early refresh (XFetch) starts, drawn once when the entry was filled so that the hit path needs no
 * random number and no logarithm.
 *
 * <p>Split in two on purpose: what a hit reads (value, one time bound, the whole-cache generation) sits in this small
 * object, so a hit touches as few cache lines as possible; the L2 timestamps, the tag generations and the separate
 * expiry and refresh times sit in {@link Meta}, read only off the common hit path.
 */
final class Entry<V> {
    /** A refresh time far enough ahead to mean "never" while staying safe for {@code now - refreshAt} arithmetic. */
    static final long NEVER_OFFSET = Long.MAX_VALUE / 4;

    final @Nullable V value;
    /** The earlier of expiry and refresh time: before it, a hit needs neither branch (one compare). */
    private final long quietUntilTick;
    /**
     * The value of the whole-cache generation at fill time. The hit path compares it with the cache's own
     * generation object (the same one for every entry of a cache), so it needs no load through the entry for it.
     */
    private final long firstGen;
    /** True when the entry depends on tag or prefix generations besides the whole-cache one. */
    private final boolean tagged;
    private final Meta meta;

    Entry(@Nullable V value, long writeMillis, long expiresAtMillis, int loadMillis, Generation[] holders,
            long[] gens, long expiresAtTick, long refreshAtTick) {
        this.value = value;
        this.firstGen = gens[0];
        this.tagged = holders.length > 1;
        this.quietUntilTick = refreshAtTick - expiresAtTick < 0 ? refreshAtTick : expiresAtTick;
        this.meta = new Meta(writeMillis, expiresAtMillis, loadMillis, holders, gens, expiresAtTick, refreshAtTick);
    }

    long writeMillis() {
        return meta.writeMillis;
    }

    long expiresAtMillis() {
        return meta.expiresAtMillis;
    }

    int loadMillis() {
        return meta.loadMillis;
    }

    long expiresAtTick() {
        return meta.expiresAtTick;
    }

    long refreshAtTick() {
        return meta.refreshAtTick;
    }

    /**
     * True while the entry is live (see {@link #isLive(long, Generation)}) and no early refresh is due at ticker
     * reading {@code now}: the whole check of the common L1 hit.
     */
    boolean isQuiet(long now, Generation all) { // all: the cache's whole-cache generation, as in every entry
        return now - quietUntilTick < 0 && all.get() == firstGen && (!tagged || meta.tagsCurrent());
    }

    /**
     * True while the entry's L1 lifetime has not run out at ticker reading {@code now} and no generation it depends
     * on has moved on. Expiry is checked here, lazily, rather than by Caffeine: a hit then costs one comparison
     * instead of Caffeine's per-read expiry bookkeeping; an expired entry is never served and is replaced by the
     * next fill or evicted by size.
     */
    boolean isLive(long now, Generation all) {
        return (now - quietUntilTick < 0 || now - meta.expiresAtTick < 0) && isCurrent(all);
    }

    /** True while no generation this entry depends on has moved on; {@code all} as in {@link #isQuiet}. */
    boolean isCurrent(Generation all) {
        return all.get() == firstGen && (!tagged || meta.tagsCurrent());
    }

    /** What only the slow paths read. */
    private static final class Meta {
        final long writeMillis;
        final long expiresAtMillis;
        final int loadMillis;
        /** All generations, the whole-cache one at index 0. */
        final Generation[] holders;
        final long[] gens;
        final long expiresAtTick;
        final long refreshAtTick;

        Meta(long writeMillis, long expiresAtMillis, int loadMillis, Generation[] holders, long[] gens,
                long expiresAtTick, long refreshAtTick) {
            this.writeMillis = writeMillis;
            this.expiresAtMillis = expiresAtMillis;
            this.loadMillis = loadMillis;
            this.holders = holders;
            this.gens = gens;
            this.expiresAtTick = expiresAtTick;
            this.refreshAtTick = refreshAtTick;
        }

        boolean tagsCurrent() {
            for (int i = 1; i < holders.length; i++) {
                if (holders[i].get() != gens[i]) {
                    return false;
                }
            }
            return true;
        }
    }
}
