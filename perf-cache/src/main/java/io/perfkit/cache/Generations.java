package io.perfkit.cache;

import io.perfkit.core.RateLimitedLogger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The generation counters behind O(1) tag, prefix and whole-cache invalidation, as this instance knows them, and the
 * {@link Snapshot} a miss takes before it reads L2 or loads. A generation is read from Redis the first time it is
 * used (one round trip for all unknown ones) and re-read after an outage.
 */
final class Generations<K> {
    /** Internal generation names: user tags and key prefixes live in separate spaces ("t:..." and "p:..."). */
    static final String TAG = "t:";
    static final String PREFIX_TAG = "p:";

    private final String name;
    private final String namespace;
    private final @Nullable Function<? super K, ? extends Collection<String>> tagger;
    private final LocalTier<?> local;
    private final @Nullable RemoteTier<?> remote;
    private final RateLimitedLogger log;
    private final ConcurrentHashMap<String, Generation> byTag = new ConcurrentHashMap<>();
    final Generation all;
    private final Generation[] noTagHolders;
    /**
     * Clears L1 when a read from Redis finds that the whole-cache generation moved on from a value this instance
     * knew (invalidations missed during an outage): L1 hits do not compare it (see {@link Entry#isQuiet}).
     */
    private final Runnable wholeCacheMoved;

    Generations(String name, String namespace, @Nullable Function<? super K, ? extends Collection<String>> tags,
            @Nullable Function<? super K, String> prefixOf, LocalTier<?> local, @Nullable RemoteTier<?> remote,
            RateLimitedLogger log, Runnable wholeCacheMoved) {
        this.name = name;
        this.namespace = namespace;
        this.tagger = combinedTags(tags, prefixOf);
        this.local = local;
        this.remote = remote;
        this.log = log;
        this.all = new Generation(namespace + "g:", remote != null ? Generation.UNKNOWN : 0);
        this.noTagHolders = new Generation[] {all};
        this.wholeCacheMoved = wholeCacheMoved;
    }

    /** The generation of an internal tag name ({@link #TAG} or {@link #PREFIX_TAG} plus the user's name). */
    Generation of(String tag) {
        return byTag.computeIfAbsent(tag, t -> new Generation(namespace + "tag:" + t,
                remote == null ? 0 : Generation.UNKNOWN));
    }

    /** The generation of a tag this instance already uses, or null (a message about it can be ignored). */
    @Nullable Generation ifKnown(String tag) {
        return byTag.get(tag);
    }

    /** Takes the epochs and generations a miss of this key must still see unchanged when it fills L1. */
    Snapshot snapshot(String k, K key) {
        long epoch = local.epoch(k);
        long global = local.globalEpoch();
        Generation[] holders = noTagHolders;
        Function<? super K, ? extends Collection<String>> t = tagger;
        if (t != null) {
            Collection<String> tags = t.apply(key);
            if (tags != null && !tags.isEmpty()) {
                TreeSet<String> sorted = new TreeSet<>(tags);
                holders = new Generation[sorted.size() + 1];
                holders[0] = all;
                int i = 1;
                for (String tag : sorted) {
                    holders[i++] = of(tag);
                }
            }
        }
        if (remote != null) {
            fetchUnknown(holders);
        }
        long[] gens = new long[holders.length];
        for (int i = 0; i < holders.length; i++) {
            gens[i] = holders[i].get();
        }
        return new Snapshot(epoch, global, holders, gens);
    }

    /** Reads the generations this instance does not know yet, in one round trip. */
    private void fetchUnknown(Generation[] holders) {
        List<Generation> unknown = null; // allocated only in the rare case: every miss passes here
        for (Generation g : holders) {
            if (g.get() == Generation.UNKNOWN) {
                if (unknown == null) {
                    unknown = new ArrayList<>(holders.length);
                }
                unknown.add(g);
            }
        }
        if (unknown != null) {
            read(unknown);
        }
    }

    /** After an outage: re-read every generation this instance uses. */
    void refreshAll() {
        if (remote == null) {
            return;
        }
        List<Generation> every = new ArrayList<>(byTag.values());
        every.add(all);
        read(every);
    }

    private void read(List<Generation> gens) {
        RemoteTier<?> r = remote;
        if (r == null) {
            return;
        }
        List<String> redisKeys = new ArrayList<>();
        gens.forEach(g -> redisKeys.add(g.redisKey));
        try {
            List<byte @Nullable []> values = r.readAll(redisKeys);
            for (int i = 0; i < gens.size(); i++) {
                byte[] v = values.get(i);
                Generation g = gens.get(i);
                // from UNKNOWN there is nothing to clear: entries filled then are never quiet (Entry#isQuiet)
                if (g.advanceFromKnownTo(v == null ? 0 : Long.parseLong(new String(v, StandardCharsets.US_ASCII)))
                        && g == all) {
                    wholeCacheMoved.run();
                }
            }
        } catch (RemoteTier.RemoteFailure f) {
            r.fallback("generation", f);
        } catch (RuntimeException ex) {
            log.warn("generation", "cache '" + name + "': could not read generation counters from Redis", ex);
        }
    }

    private static <K> @Nullable Function<? super K, ? extends Collection<String>> combinedTags(
            @Nullable Function<? super K, ? extends Collection<String>> tags,
            @Nullable Function<? super K, String> prefixOf) {
        if (tags == null && prefixOf == null) {
            return null;
        }
        return key -> {
            List<String> names = new ArrayList<>();
            if (tags != null) {
                Collection<String> own = tags.apply(key);
                if (own != null) {
                    for (String t : own) {
                        names.add(TAG + t);
                    }
                }
            }
            if (prefixOf != null) {
                names.add(PREFIX_TAG + prefixOf.apply(key));
            }
            return names;
        };
    }
}
