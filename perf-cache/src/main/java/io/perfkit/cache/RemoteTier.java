package io.perfkit.cache;

import io.perfkit.core.RateLimitedLogger;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The L2 read and write path: every Redis call goes through the circuit breaker with the cache's command timeout;
 * a failure becomes a {@link RemoteFailure} that the caller resolves by the {@link RemoteFailurePolicy} (counted and
 * logged, rate-limited). Also turns stored envelopes into L1 entries and back.
 */
final class RemoteTier<V> {
    private final String name;
    private final String namespace;
    final RemoteStore store;
    private final ValueCodec<V> codec;
    final long commandTimeoutMillis;
    private final long tombstoneMillis;
    final RemoteFailurePolicy policy;
    final CircuitBreaker breaker;
    private final LocalTier<V> local;
    private final CacheMetrics metrics;
    private final RateLimitedLogger log;
    /** Clears L1 when an envelope shows that the whole-cache generation moved on (see {@link Entry#isQuiet}). */
    private final Runnable wholeCacheMoved;

    RemoteTier(String name, String namespace, RemoteStore store, ValueCodec<V> codec, long commandTimeoutMillis,
            long tombstoneMillis, RemoteFailurePolicy policy, CircuitBreaker breaker, LocalTier<V> local,
            CacheMetrics metrics, RateLimitedLogger log, Runnable wholeCacheMoved) {
        this.name = name;
        this.namespace = namespace;
        this.store = store;
        this.codec = codec;
        this.commandTimeoutMillis = commandTimeoutMillis;
        this.tombstoneMillis = tombstoneMillis;
        this.policy = policy;
        this.breaker = breaker;
        this.local = local;
        this.metrics = metrics;
        this.log = log;
        this.wholeCacheMoved = wholeCacheMoved;
    }

    String dataKey(String k) {
        return namespace + "k:" + k;
    }

    /** Reads L2 once; a tombstone, a stale generation or undecodable bytes count as a miss. */
    RemoteRead<V> read(String k, Snapshot snap) {
        try {
            byte[] bytes = call("get", () -> store.get(dataKey(k)));
            Entry<V> e = bytes == null ? null : toEntry(bytes, snap);
            metrics.get(Tier.L2, e != null);
            return new RemoteRead<>(e, bytes, true, null);
        } catch (RemoteFailure f) {
            metrics.get(Tier.L2, false);
            fallback("get", f);
            return new RemoteRead<>(null, null, false, f.getCause());
        }
    }

    /** Reads several keys in one round trip (split by slot on a Cluster). */
    List<byte @Nullable []> readAll(List<String> keys) {
        return call("get", () -> store.getAll(keys));
    }

    /** Writes an entry unconditionally, for {@code put}. */
    void write(String k, Entry<V> e, Snapshot snap) {
        byte[] bytes = encode(e, snap.gens);
        long ttl = e.expiresAtMillis() - e.writeMillis();
        call("set", () -> store.set(dataKey(k), bytes, Math.max(1, ttl)));
        metrics.put(Tier.L2);
    }

    /** Replaces the key's value by a tombstone with a random token, so a slow load's write-back is refused. */
    void writeTombstone(String k) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        byte[] tomb = Envelope.tombstone(r.nextLong(), r.nextLong());
        call("set", () -> store.set(dataKey(k), tomb, tombstoneMillis));
    }

    /** Writes a loaded entry with compare-and-set against {@code observed}, the bytes read before loading. */
    CompletableFuture<Boolean> writeLoadedAsync(String k, byte @Nullable [] observed, Entry<V> e, Snapshot snap) {
        if (!breaker.tryAcquire()) {
            return CompletableFuture.completedFuture(false);
        }
        byte[] bytes = encode(e, snap.gens);
        long ttl = Math.max(1, e.expiresAtMillis() - e.writeMillis());
        return store.compareAndSet(dataKey(k), observed, bytes, ttl)
                .orTimeout(commandTimeoutMillis, TimeUnit.MILLISECONDS)
                .handle((written, ex) -> {
                    if (ex != null) {
                        breaker.onFailure();
                        fallback("set", new RemoteFailure(ex));
                        return false;
                    }
                    breaker.onSuccess();
                    if (Boolean.TRUE.equals(written)) {
                        metrics.put(Tier.L2);
                    }
                    return Boolean.TRUE.equals(written);
                });
    }

    /** Waits for write-backs, at most twice the command timeout each; their failures were counted already. */
    void awaitQuietly(List<CompletableFuture<Boolean>> writes) {
        for (CompletableFuture<Boolean> w : writes) {
            try {
                w.get(commandTimeoutMillis * 2, TimeUnit.MILLISECONDS);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException | TimeoutException ex) {
                // counted in writeLoadedAsync
            }
        }
    }

    @Nullable Entry<V> toEntry(byte[] bytes, Snapshot snap) {
        Envelope env = Envelope.decode(bytes);
        if (env == null || env.kind == Envelope.TOMBSTONE || !snap.known()
                || env.gens.length != snap.gens.length) {
            return null;
        }
        long[] gens = snap.gens;
        for (int i = 0; i < gens.length; i++) {
            if (env.gens[i] < gens[i]) {
                return null; // written before a tag or whole-cache invalidation
            }
        }
        for (int i = 0; i < gens.length; i++) {
            if (env.gens[i] > gens[i]) {
                // invalidated meanwhile, and this instance has not seen the message yet: catch up
                if (snap.holders[i].advanceFromKnownTo(env.gens[i]) && i == 0) {
                    wholeCacheMoved.run();
                }
            }
        }
        long now = System.currentTimeMillis();
        if (env.expiresAtMillis <= now) {
            return null;
        }
        V value = null;
        if (env.kind == Envelope.VALUE) {
            try {
                value = codec.decode(env.bytes, env.payloadOffset, env.payloadLength());
            } catch (RuntimeException ex) {
                metrics.remoteFailure("decode");
                log.warn("decode", "cache '" + name + "': stored value does not decode with " + codec
                        + "; treated as a miss", ex);
                return null;
            }
        }
        return local.makeEntry(value, env.writeMillis, env.expiresAtMillis, env.loadMillis, snap.holders, env.gens,
                now);
    }

    private byte[] encode(Entry<V> e, long[] gens) {
        byte[] payload = null;
        if (e.value != null) {
            payload = codec.encode(e.value);
        }
        return Envelope.encode(e.value == null ? Envelope.ABSENT : Envelope.VALUE, e.writeMillis(), e.expiresAtMillis(),
                e.loadMillis(), gens, payload);
    }

    /** One Redis call through the breaker, waiting at most the command timeout. */
    <T> T call(String operation, Supplier<CompletableFuture<T>> action) {
        if (!breaker.tryAcquire()) {
            throw new RemoteFailure(null);
        }
        try {
            T result = action.get().get(commandTimeoutMillis, TimeUnit.MILLISECONDS);
            breaker.onSuccess();
            return result;
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new RemoteFailure(ex);
        } catch (ExecutionException ex) {
            breaker.onFailure();
            throw new RemoteFailure(ex.getCause());
        } catch (TimeoutException | RuntimeException ex) {
            breaker.onFailure();
            throw new RemoteFailure(ex);
        }
    }

    /** Counts and logs (rate-limited) a failure the caller falls back from. */
    void fallback(String operation, RemoteFailure f) {
        metrics.remoteFailure(operation);
        Throwable cause = f.getCause();
        log.warn("remote-" + operation, "cache '" + name + "': Redis " + operation + " failed ("
                + (cause == null ? "circuit breaker open" : cause.toString()) + "); policy " + policy, null);
    }

    /** Under FAIL_CLOSED throws {@link CacheUnavailableException}; otherwise falls back. */
    void failOrFallback(String operation, @Nullable RemoteFailure f, String what) {
        if (policy == RemoteFailurePolicy.FAIL_CLOSED) {
            throw new CacheUnavailableException("cache '" + name + "': Redis unavailable, cannot " + what,
                    f == null ? null : f.getCause());
        }
        if (f != null) {
            fallback(operation, f);
        } else {
            metrics.remoteFailure(operation);
        }
    }

    /** The outcome of one L2 read: the entry if usable, the bytes seen (for compare-and-set), and whether it worked. */
    static final class RemoteRead<V> {
        final @Nullable Entry<V> entry;
        final byte @Nullable [] observed;
        final boolean ok;
        final @Nullable Throwable failure;

        RemoteRead(@Nullable Entry<V> entry, byte @Nullable [] observed, boolean ok, @Nullable Throwable failure) {
            this.entry = entry;
            this.observed = observed;
            this.ok = ok;
            this.failure = failure;
        }
    }

    /** A Redis call that failed, timed out or was refused by the breaker; never leaves the cache. */
    static final class RemoteFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RemoteFailure(@Nullable Throwable cause) {
            super(cause == null ? "circuit breaker open" : cause.toString(), cause, false, false);
        }
    }
}
