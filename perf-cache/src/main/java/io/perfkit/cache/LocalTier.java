package io.perfkit.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import io.perfkit.core.Ticker;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * The L1: a size-bounded Caffeine cache of {@link Entry}s, the per-key epochs (striped) and the whole-L1 epoch that
 * make a fill lose against an invalidation that happened after its {@link Snapshot}, and the rules that give an
 * entry its lifetimes (TTL jitter, the cap by the remaining L2 TTL, the degraded TTL, the XFetch refresh time).
 */
final class LocalTier<V> {
    private static final int STRIPES = 4096;

    /** Read directly on the hit path. */
    final Cache<String, Entry<V>> cache;
    private final AtomicLongArray epochs = new AtomicLongArray(STRIPES);
    private final AtomicLong globalEpoch = new AtomicLong();
    private final long ttlNanos;
    private final double jitter;
    private final long negativeTtlMillis;
    private final long remoteTtlMillis;
    private final long degradedNanos;
    private final double beta;
    private final Ticker ticker;
    private final CacheMetrics metrics;
    private final BooleanSupplier receivingInvalidations;

    LocalTier(long maximumSize, long ttlNanos, double jitter, long negativeTtlMillis, long remoteTtlMillis,
            long degradedNanos, double beta, Ticker ticker, CacheMetrics metrics,
            BooleanSupplier receivingInvalidations) {
        this.ttlNanos = ttlNanos;
        this.jitter = jitter;
        this.negativeTtlMillis = negativeTtlMillis;
        this.remoteTtlMillis = remoteTtlMillis;
        this.degradedNanos = degradedNanos;
        this.beta = beta;
        this.ticker = ticker;
        this.metrics = metrics;
        this.receivingInvalidations = receivingInvalidations;
        this.cache = Caffeine.newBuilder()
                .maximumSize(maximumSize)
                // maintenance (eviction, buffer drains) on the calling thread, amortized: the default hands it to
                // the common pool, which costs a thread wake-up per fill on the L2-hit path
                .executor(Runnable::run)
                .evictionListener((String key, Entry<V> value, RemovalCause cause) -> {
                    if (cause.wasEvicted()) {
                        metrics.eviction(Tier.L1);
                    }
                })
                .build();
    }

    long epoch(String k) {
        return epochs.get(stripe(k));
    }

    long globalEpoch() {
        return globalEpoch.get();
    }

    /** Puts into L1 unless an invalidation of this key (or a flush) happened since {@code snap} was taken. */
    void fill(String k, Entry<V> e, Snapshot snap) {
        int stripe = stripe(k);
        Entry<V> now = cache.asMap().compute(k, (key, old) ->
                epochs.get(stripe) == snap.epoch && globalEpoch.get() == snap.global ? e.copy() : old);
        if (now != null && now.sameAs(e)) {
            metrics.put(Tier.L1);
        }
    }

    /** Makes every fill of this key (and of keys sharing its stripe) prepared before now lose; removes nothing. */
    void bumpEpoch(String k) {
        epochs.incrementAndGet(stripe(k));
    }

    /** Bumps the key's epoch first, so a fill racing with this removal cannot land afterwards. */
    void invalidate(String k) {
        epochs.incrementAndGet(stripe(k));
        cache.invalidate(k);
    }

    /** Bumps the whole-L1 epoch first, for the same reason. */
    void flush() {
        globalEpoch.incrementAndGet();
        cache.invalidateAll();
    }

    long size() {
        return cache.estimatedSize();
    }

    /** A new entry for a value just loaded or put: L2 TTL (jittered), else the L1 TTL; absences their own TTL. */
    Entry<V> newEntry(@Nullable V value, long loadNanos, Snapshot snap, long nowMillis) {
        long ttlMillis;
        if (value == null) {
            ttlMillis = negativeTtlMillis;
        } else if (remoteTtlMillis > 0) {
            ttlMillis = jittered(remoteTtlMillis);
        } else {
            ttlMillis = Math.max(1, jittered(TimeUnit.NANOSECONDS.toMillis(ttlNanos)));
        }
        int loadMillis = (int) Math.min(Integer.MAX_VALUE, TimeUnit.NANOSECONDS.toMillis(loadNanos));
        return makeEntry(value, nowMillis, nowMillis + Math.max(1, ttlMillis), loadMillis, snap.holders,
                snap.gens, nowMillis);
    }

    /** An entry whose L1 lifetime never outlives its remaining L2 lifetime, with its XFetch refresh time drawn. */
    Entry<V> makeEntry(@Nullable V value, long writeMillis, long expiresAtMillis, int loadMillis,
            Generation[] holders, long[] gens, long nowMillis) {
        long remainingNanos = TimeUnit.MILLISECONDS.toNanos(Math.max(1, expiresAtMillis - nowMillis));
        long l1Nanos = Math.min(remainingNanos, jitteredNanos(ttlNanos));
        if (!receivingInvalidations.getAsBoolean()) {
            l1Nanos = Math.min(l1Nanos, degradedNanos);
        }
        l1Nanos = Math.min(l1Nanos, Entry.NEVER_OFFSET);
        long nowTick = ticker.read();
        long refreshAt = nowTick + Entry.NEVER_OFFSET;
        if (beta > 0 && loadMillis > 0 && value != null) {
            // XFetch (Vattani et al.): refresh once now - delta * beta * ln(u) >= expiry; u drawn once per fill
            double u = 1.0 - ThreadLocalRandom.current().nextDouble(); // (0, 1]
            long gap = (long) (TimeUnit.MILLISECONDS.toNanos(loadMillis) * beta * -Math.log(u));
            refreshAt = nowTick + Math.max(0, remainingNanos - gap);
        }
        return new Entry<>(value, writeMillis, expiresAtMillis, loadMillis, holders, gens, nowTick + l1Nanos,
                refreshAt);
    }

    private static int stripe(String k) {
        int h = k.hashCode();
        return (h ^ (h >>> 16)) & (STRIPES - 1);
    }

    private long jittered(long millis) {
        if (jitter == 0 || millis <= 0) {
            return millis;
        }
        return millis - (long) (millis * jitter * ThreadLocalRandom.current().nextDouble());
    }

    private long jitteredNanos(long nanos) {
        if (jitter == 0 || nanos <= 0) {
            return nanos;
        }
        return nanos - (long) (nanos * jitter * ThreadLocalRandom.current().nextDouble());
    }
}
