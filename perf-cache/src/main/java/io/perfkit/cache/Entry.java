package io.perfkit.cache;

import org.jspecify.annotations.Nullable;

/**
 * An L1 entry: the value (null for a cached absence), the generations it was valid for, its L1 expiry and the ticker
 * reading at which early refresh (XFetch) starts, drawn once when the entry was filled so that the hit path needs no
 * random number and no logarithm.
 *
 * <p>Split in two on purpose: what a hit reads (value, one time bound, whether tags must be checked) sits in this
 * small object (32 bytes with compressed oops), so a hit touches as few cache lines as possible; the L2 timestamps,
 * the generations and the separate expiry and refresh times sit in {@link Meta}, read only off the common hit path.
 *
 * <p>The common hit does not compare the whole-cache generation: every move of it from a known value is followed at
 * once by a flush of L1 that also makes fills prepared before it lose (see {@code TieredCache#invalidateAll} and the
 * {@code wholeCacheMoved} callbacks of {@link Generations} and {@link RemoteTier}), so an entry in L1 always carries
 * the current one. The exception, an entry filled while the generation was still {@link Generation#UNKNOWN} (Redis
 * unreachable at first use), is never quiet, so its hits take {@link #isLive}, which compares it.
 */
final class Entry<V> {
    /** A refresh time far enough ahead to mean "never" while staying safe for {@code now - refreshAt} arithmetic. */
    static final long NEVER_OFFSET = Long.MAX_VALUE / 4;

    final @Nullable V value;
    /** The earlier of expiry and refresh time: before it, a hit needs neither branch (one compare). */
    private final long quietUntilTick;
    /** True when the entry depends on tag or prefix generations besides the whole-cache one. */
    private final boolean tagged;
    private final Meta meta;

    Entry(@Nullable V value, long writeMillis, long expiresAtMillis, int loadMillis, Generation[] holders,
            long[] gens, long expiresAtTick, long refreshAtTick) {
        this.value = value;
        this.tagged = holders.length > 1;
        long quiet = refreshAtTick - expiresAtTick < 0 ? refreshAtTick : expiresAtTick;
        // already passed (expiresAtTick is at most NEVER_OFFSET after the fill), and safe from overflow
        this.quietUntilTick = gens[0] == Generation.UNKNOWN ? expiresAtTick - NEVER_OFFSET - 1 : quiet;
        this.meta = new Meta(writeMillis, expiresAtMillis, loadMillis, holders, gens, expiresAtTick, refreshAtTick);
    }

    private Entry(Entry<V> from) {
        this.value = from.value;
        this.quietUntilTick = from.quietUntilTick;
        this.tagged = from.tagged;
        this.meta = from.meta;
    }

    /**
     * A copy for L1, made by {@link LocalTier#fill} inside Caffeine's compute, right before Caffeine allocates its
     * node for a new key: the two then sit next to each other in memory (and stay close after a copying GC, which
     * moves an object soon after the object referring to it), so a hit's load of the entry mostly finds it in a
     * cache line the node lookup just read instead of taking a miss of its own.
     */
    Entry<V> copy() {
        return new Entry<>(this);
    }

    /** True for this entry and its {@link #copy()}s. */
    boolean sameAs(Entry<V> other) {
        return meta == other.meta;
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
     * True while the entry is live and no early refresh is due at ticker reading {@code now}: the whole check of the
     * common L1 hit, one compare for an untagged entry (the whole-cache generation needs none, see the class
     * comment).
     */
    boolean isQuiet(long now) {
        return now - quietUntilTick < 0 && (!tagged || meta.tagsCurrent());
    }

    /**
     * True while the entry's L1 lifetime has not run out at ticker reading {@code now} and no generation it depends
     * on has moved on ({@code all}: the cache's whole-cache generation, as in every entry). Expiry is checked here,
     * lazily, rather than by Caffeine: a hit then costs one comparison instead of Caffeine's per-read expiry
     * bookkeeping; an expired entry is never served and is replaced by the next fill or evicted by size.
     */
    boolean isLive(long now, Generation all) {
        return isQuiet(now) || now - meta.expiresAtTick < 0 && isCurrent(all);
    }

    /** True while no generation this entry depends on has moved on; {@code all} as in {@link #isLive}. */
    boolean isCurrent(Generation all) {
        return all.get() == meta.gens[0] && (!tagged || meta.tagsCurrent());
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
