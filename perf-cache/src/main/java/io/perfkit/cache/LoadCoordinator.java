package io.perfkit.cache;

import io.perfkit.core.RateLimitedLogger;
import io.perfkit.core.Ticker;
import io.perfkit.core.WorkScope;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Everything after an L1 miss: single flight per key in this instance, L2, the cluster lease
 * ({@code SET NX PX} with a token-checked release), the loader and the write-backs, XFetch early refresh and
 * stale-while-revalidate / stale-if-error. Every fill goes through {@link LocalTier#fill} with the {@link Snapshot}
 * taken before L2 was read, so an invalidation that arrives meanwhile wins.
 */
final class LoadCoordinator<K, V> {
    private final String name;
    private final String namespace;
    private final LocalTier<V> local;
    private final @Nullable RemoteTier<V> remote;
    private final Generations<K> generations;
    private final CacheMetrics metrics;
    private final Ticker ticker;
    private final Executor executor;
    private final RateLimitedLogger log;
    private final long negativeTtlMillis;
    private final long leaseMillis;
    private final long leaseWaitMillis;
    private final long staleNanos;
    private final long staleIfErrorNanos;
    private final RemoteFailurePolicy policy;
    /** 0: wait for the leader's load however long it takes. */
    private final long loadTimeoutNanos;
    private final ConcurrentHashMap<String, Flight<V>> inFlight = new ConcurrentHashMap<>();
    private final Set<String> refreshing = ConcurrentHashMap.newKeySet();

    LoadCoordinator(String name, String namespace, LocalTier<V> local, @Nullable RemoteTier<V> remote,
            Generations<K> generations, CacheMetrics metrics, Ticker ticker, Executor executor,
            RateLimitedLogger log, long negativeTtlMillis, long leaseMillis, long leaseWaitMillis, long staleNanos,
            long staleIfErrorNanos, RemoteFailurePolicy policy, long loadTimeoutNanos) {
        this.name = name;
        this.namespace = namespace;
        this.local = local;
        this.remote = remote;
        this.generations = generations;
        this.metrics = metrics;
        this.ticker = ticker;
        this.executor = executor;
        this.log = log;
        this.negativeTtlMillis = negativeTtlMillis;
        this.leaseMillis = leaseMillis;
        this.leaseWaitMillis = leaseWaitMillis;
        this.staleNanos = staleNanos;
        this.staleIfErrorNanos = staleIfErrorNanos;
        this.policy = policy;
        this.loadTimeoutNanos = loadTimeoutNanos;
    }

    /** Drops the key's load in flight from single flight: its result must not be shared after an invalidation. */
    void forget(String k) {
        inFlight.remove(k);
    }

    void forgetAll() {
        inFlight.clear();
    }

    // ------------------------------------------------------------------------------------------------ sync get

    /** A {@code get} that did not hit L1; {@code e} is the expired or outdated entry found, if any. */
    @Nullable V miss(@Nullable Entry<V> e, String k, K key, Function<? super K, ? extends @Nullable V> loader) {
        if (e != null) {
            long now = ticker.read();
            if (staleNanos > 0 && now - e.expiresAtTick() < staleNanos && e.isCurrent(generations.all)) {
                // stale-while-revalidate: serve the expired value once more and reload in the background
                metrics.get(Tier.L1, true);
                refreshInBackground(key, k, loader, e);
                return e.value;
            }
            if (staleIfErrorNanos > 0) {
                try {
                    return join(k, key, loader);
                } catch (RuntimeException ex) {
                    // stale-if-error: the loader (or Redis, under FAIL_CLOSED) failed; an expired value that was
                    // never invalidated is better than an error, within the configured window
                    if (now - e.expiresAtTick() < staleIfErrorNanos && e.isCurrent(generations.all)) {
                        metrics.remoteFailure("stale-if-error");
                        log.warn("stale-if-error", "cache '" + name + "': load failed, served an expired value", ex);
                        return e.value;
                    }
                    throw ex;
                }
            }
        }
        return join(k, key, loader);
    }

    /** Counts an L1 miss in the cache's metrics and in the caller's unit of work. */
    private void recordL1Miss() {
        metrics.get(Tier.L1, false);
        WorkScope scope = WorkScope.currentOrNull();
        if (scope != null) {
            scope.recordCacheMiss();
        }
    }

    /** Single flight: the first caller for a key leads the load, the others wait for its result or exception. */
    @Nullable V join(String k, K key, Function<? super K, ? extends @Nullable V> loader) {
        recordL1Miss();
        Flight<V> mine = new Flight<>();
        Flight<V> leader = joinOrLead(k, mine);
        if (leader != null) {
            return await(leader).value;
        }
        try {
            Entry<V> e = lead(k, key, loader);
            mine.complete(e);
            return e.value;
        } catch (RuntimeException | Error ex) {
            mine.completeExceptionally(ex);
            throw ex;
        } finally {
            inFlight.remove(k, mine);
        }
    }

    /**
     * Registers {@code mine} as the key's load, or returns the load in flight to wait for. A load older than the load
     * timeout is taken over rather than joined: the new leader bumps the key's epoch, so the stuck load's late result
     * can no longer fill L1 over the newer one (its L2 write-back is a compare-and-set and fails as well).
     */
    private @Nullable Flight<V> joinOrLead(String k, Flight<V> mine) {
        while (true) {
            Flight<V> leader = inFlight.putIfAbsent(k, mine);
            if (leader == null) {
                return null;
            }
            if (loadTimeoutNanos == 0 || System.nanoTime() - leader.startedAt < loadTimeoutNanos) {
                return leader;
            }
            if (inFlight.replace(k, leader, mine)) {
                metrics.remoteFailure("load-timeout");
                local.bumpEpoch(k);
                return null;
            }
        }
    }

    /** Waits for another caller's load, at most until the load timeout after that load started. */
    private Entry<V> await(Flight<V> leader) {
        try {
            if (loadTimeoutNanos == 0) {
                return leader.join();
            }
            long left = loadTimeoutNanos - (System.nanoTime() - leader.startedAt);
            return leader.get(Math.max(0, left), TimeUnit.NANOSECONDS);
        } catch (CompletionException | ExecutionException ex) {
            Throwable cause = ex.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw new CompletionException(cause);
        } catch (TimeoutException ex) {
            throw timedOut();
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new CacheLoadTimeoutException("cache '" + name + "': interrupted while waiting for a load");
        }
    }

    private CompletableFuture<@Nullable V> withTimeout(Flight<V> flight, CompletableFuture<@Nullable V> result) {
        if (loadTimeoutNanos == 0) {
            return result;
        }
        long left = Math.max(0, loadTimeoutNanos - (System.nanoTime() - flight.startedAt));
        return result.orTimeout(left, TimeUnit.NANOSECONDS).handle((v, ex) -> {
            if (ex == null) {
                return CompletableFuture.completedFuture(v);
            }
            Throwable cause = ex instanceof CompletionException && ex.getCause() != null ? ex.getCause() : ex;
            return CompletableFuture.<@Nullable V>failedFuture(cause instanceof TimeoutException ? timedOut() : cause);
        }).thenCompose(f -> f);
    }

    private CacheLoadTimeoutException timedOut() {
        metrics.remoteFailure("load-timeout");
        return new CacheLoadTimeoutException("cache '" + name + "': the load of this key did not finish within "
                + "loadTimeout (" + TimeUnit.NANOSECONDS.toMillis(loadTimeoutNanos) + " ms)");
    }

    /** The miss path of one key: L2, then (under the lease, if any) the loader, then L2 and L1 writes. */
    private Entry<V> lead(String k, K key, Function<? super K, ? extends @Nullable V> loader) {
        Snapshot snap = generations.snapshot(k, key);
        byte @Nullable [] observed = null;
        boolean remoteOk = false;
        RemoteTier<V> r = remote;
        if (r != null) {
            RemoteTier.RemoteRead<V> read = r.read(k, snap);
            if (read.entry != null) {
                local.fill(k, read.entry, snap);
                if (ticker.read() - read.entry.refreshAtTick() >= 0) {
                    refreshInBackground(key, k, loader, read.entry);
                }
                return read.entry;
            }
            observed = read.observed;
            remoteOk = read.ok;
            if (!remoteOk && policy == RemoteFailurePolicy.FAIL_CLOSED) {
                throw new CacheUnavailableException("cache '" + name + "': Redis unavailable, not loading",
                        read.failure);
            }
        }
        byte[] leaseToken = null;
        if (remoteOk && leaseMillis > 0) {
            Lease<V> lease = acquireLeaseOrWait(k, snap);
            if (lease.entry != null) {
                local.fill(k, lease.entry, snap);
                return lease.entry;
            }
            leaseToken = lease.token;
            observed = lease.observed;
        }
        try {
            return loadAndStore(k, key, loader, snap, observed, remoteOk);
        } finally {
            if (leaseToken != null) {
                releaseLease(k, leaseToken);
            }
        }
    }

    private Entry<V> loadAndStore(String k, K key, Function<? super K, ? extends @Nullable V> loader, Snapshot snap,
            byte @Nullable [] observed, boolean remoteOk) {
        long start = System.nanoTime();
        long startTick = ticker.read();
        V v;
        try {
            v = loader.apply(key);
        } catch (RuntimeException | Error ex) {
            metrics.load(System.nanoTime() - start, false);
            throw ex;
        }
        metrics.load(System.nanoTime() - start, true);
        // the XFetch delta is timed by the cache's ticker (coarse, or the one a test injects)
        Entry<V> e = local.newEntry(v, Math.max(0, ticker.read() - startTick), snap, System.currentTimeMillis());
        if (v == null && negativeTtlMillis == 0) {
            return e;
        }
        RemoteTier<V> r = remote;
        if (remoteOk && r != null && snap.known()) {
            r.awaitQuietly(List.of(r.writeLoadedAsync(k, observed, e, snap)));
        }
        local.fill(k, e, snap);
        return e;
    }

    // ---------------------------------------------------------------------------------------------- async get

    /** A {@code getAsync} that did not hit L1. */
    CompletableFuture<@Nullable V> missAsync(String k, K key,
            Function<? super K, ? extends CompletionStage<? extends @Nullable V>> loader) {
        if (leaseMillis > 0) {
            return CompletableFuture.supplyAsync(
                    () -> join(k, key, kk -> loader.apply(kk).toCompletableFuture().join()), executor);
        }
        recordL1Miss();
        Flight<V> mine = new Flight<>();
        Flight<V> leader = joinOrLead(k, mine);
        if (leader != null) {
            return withTimeout(leader, leader.thenApply(en -> en.value));
        }
        CompletableFuture<Entry<V>> work;
        try {
            work = leadAsync(k, key, loader);
        } catch (RuntimeException ex) {
            work = CompletableFuture.failedFuture(ex);
        }
        work.whenComplete((en, ex) -> {
            inFlight.remove(k, mine);
            if (ex != null) {
                mine.completeExceptionally(ex instanceof CompletionException && ex.getCause() != null
                        ? ex.getCause() : ex);
            } else {
                mine.complete(en);
            }
        });
        return withTimeout(mine, mine.thenApply(en -> en.value));
    }

    private CompletableFuture<Entry<V>> leadAsync(String k, K key,
            Function<? super K, ? extends CompletionStage<? extends @Nullable V>> loader) {
        Snapshot snap = generations.snapshot(k, key);
        RemoteTier<V> r = remote;
        if (r == null) {
            return loadAsync(k, key, loader, snap, null, false);
        }
        if (!r.breaker.tryAcquire()) {
            return afterRemoteFailure(k, key, loader, snap, new RemoteTier.RemoteFailure(null));
        }
        CompletableFuture<byte @Nullable []> read;
        try {
            read = r.store.get(r.dataKey(k)).orTimeout(r.commandTimeoutMillis, TimeUnit.MILLISECONDS);
        } catch (RuntimeException ex) {
            read = CompletableFuture.failedFuture(ex);
        }
        return read.handle((bytes, ex) -> {
            if (ex != null) {
                r.breaker.onFailure();
                metrics.get(Tier.L2, false);
                return afterRemoteFailure(k, key, loader, snap, new RemoteTier.RemoteFailure(
                        ex instanceof CompletionException && ex.getCause() != null ? ex.getCause() : ex));
            }
            r.breaker.onSuccess();
            Entry<V> found = bytes == null ? null : r.toEntry(bytes, snap);
            metrics.get(Tier.L2, found != null);
            if (found != null) {
                local.fill(k, found, snap);
                return CompletableFuture.completedFuture(found);
            }
            return loadAsync(k, key, loader, snap, bytes, true);
        }).thenCompose(f -> f);
    }

    private CompletableFuture<Entry<V>> afterRemoteFailure(String k, K key,
            Function<? super K, ? extends CompletionStage<? extends @Nullable V>> loader, Snapshot snap,
            RemoteTier.RemoteFailure f) {
        RemoteTier<V> r = remote;
        if (r != null) {
            r.fallback("get", f);
        }
        if (policy == RemoteFailurePolicy.FAIL_CLOSED) {
            return CompletableFuture.failedFuture(new CacheUnavailableException(
                    "cache '" + name + "': Redis unavailable, not loading", f.getCause()));
        }
        return loadAsync(k, key, loader, snap, null, false);
    }

    private CompletableFuture<Entry<V>> loadAsync(String k, K key,
            Function<? super K, ? extends CompletionStage<? extends @Nullable V>> loader, Snapshot snap,
            byte @Nullable [] observed, boolean remoteOk) {
        long start = System.nanoTime();
        long startTick = ticker.read();
        CompletableFuture<? extends @Nullable V> loading;
        try {
            loading = loader.apply(key).toCompletableFuture();
        } catch (RuntimeException ex) {
            loading = CompletableFuture.failedFuture(ex);
        }
        return loading.handle((v, ex) -> {
            long loadNanos = System.nanoTime() - start;
            if (ex != null) {
                metrics.load(loadNanos, false);
                return CompletableFuture.<Entry<V>>failedFuture(ex);
            }
            metrics.load(loadNanos, true);
            Entry<V> e = local.newEntry(v, Math.max(0, ticker.read() - startTick), snap, System.currentTimeMillis());
            if (v == null && negativeTtlMillis == 0) {
                return CompletableFuture.completedFuture(e);
            }
            RemoteTier<V> r = remote;
            CompletableFuture<Boolean> write = remoteOk && r != null && snap.known()
                    ? r.writeLoadedAsync(k, observed, e, snap)
                    : CompletableFuture.completedFuture(false);
            return write.handle((written, wex) -> {
                local.fill(k, e, snap);
                return e;
            });
        }).thenCompose(f -> f);
    }

    // ---------------------------------------------------------------------------------------------------- bulk

    /**
     * The part of {@code getAll} after L1: one L2 round trip for {@code missing}, then one bulk load for what is
     * still missing. Adds what it finds to {@code result}.
     */
    void loadAll(Map<K, String> missing, Map<K, V> result,
            Function<? super Set<K>, ? extends Map<? extends K, ? extends V>> bulkLoader) {
        Map<K, Snapshot> snaps = new LinkedHashMap<>();
        missing.forEach((key, k) -> snaps.put(key, generations.snapshot(k, key)));
        Map<K, byte @Nullable []> observed = new LinkedHashMap<>();
        boolean remoteOk = false;
        RemoteTier<V> r = remote;
        if (r != null) {
            List<String> redisKeys = new ArrayList<>();
            missing.values().forEach(k -> redisKeys.add(r.dataKey(k)));
            try {
                List<byte @Nullable []> values = r.readAll(redisKeys);
                remoteOk = true;
                int i = 0;
                for (Map.Entry<K, String> m : new ArrayList<>(missing.entrySet())) {
                    byte[] bytes = values.get(i++);
                    Snapshot snap = snaps.get(m.getKey());
                    Entry<V> e = bytes == null || snap == null ? null : r.toEntry(bytes, snap);
                    metrics.get(Tier.L2, e != null);
                    if (e != null && snap != null) {
                        local.fill(m.getValue(), e, snap);
                        if (e.value != null) {
                            result.put(m.getKey(), e.value);
                        }
                        missing.remove(m.getKey());
                    } else {
                        observed.put(m.getKey(), bytes);
                    }
                }
            } catch (RemoteTier.RemoteFailure f) {
                r.fallback("get", f);
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        Set<K> toLoad = new LinkedHashSet<>(missing.keySet());
        long start = System.nanoTime();
        Map<? extends K, ? extends V> loaded;
        try {
            loaded = bulkLoader.apply(toLoad);
        } catch (RuntimeException | Error ex) {
            metrics.load(System.nanoTime() - start, false);
            throw ex;
        }
        long loadNanos = System.nanoTime() - start;
        metrics.load(loadNanos, true);
        List<CompletableFuture<Boolean>> writes = new ArrayList<>();
        for (Map.Entry<K, String> m : missing.entrySet()) {
            V v = loaded.get(m.getKey());
            Snapshot snap = snaps.get(m.getKey());
            if (snap == null || (v == null && negativeTtlMillis == 0)) {
                continue;
            }
            Entry<V> e = local.newEntry(v, loadNanos, snap, System.currentTimeMillis());
            if (remoteOk && r != null && snap.known()) {
                writes.add(r.writeLoadedAsync(m.getValue(), observed.get(m.getKey()), e, snap));
            }
            local.fill(m.getValue(), e, snap);
            if (v != null) {
                result.put(m.getKey(), v);
            }
        }
        if (r != null) {
            r.awaitQuietly(writes);
        }
    }

    // ---------------------------------------------------------------------------------------- lease & refresh

    private Lease<V> acquireLeaseOrWait(String k, Snapshot snap) {
        RemoteTier<V> r = remote;
        if (r == null) {
            return new Lease<>(null, null, null);
        }
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        byte[] token = (Long.toHexString(rnd.nextLong()) + Long.toHexString(rnd.nextLong()))
                .getBytes(StandardCharsets.US_ASCII);
        String leaseKey = leaseKey(k);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(leaseWaitMillis);
        long pause = 2;
        while (true) {
            try {
                Boolean acquired = r.call("lease", () -> r.store.setIfAbsent(leaseKey, token, leaseMillis));
                if (Boolean.TRUE.equals(acquired)) {
                    // re-read: the previous holder may have written just before releasing
                    RemoteTier.RemoteRead<V> again = r.read(k, snap);
                    if (again.entry != null) {
                        releaseLease(k, token);
                        return new Lease<>(again.entry, null, null);
                    }
                    return new Lease<>(null, token, again.observed);
                }
            } catch (RemoteTier.RemoteFailure f) {
                r.fallback("lease", f);
                return new Lease<>(null, null, null);
            }
            if (System.nanoTime() >= deadline) {
                RemoteTier.RemoteRead<V> last = r.read(k, snap);
                return new Lease<>(last.entry, null, last.observed);
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return new Lease<>(null, null, null);
            }
            pause = Math.min(pause * 2, 50);
            RemoteTier.RemoteRead<V> polled = r.read(k, snap);
            if (polled.entry != null) {
                return new Lease<>(polled.entry, null, null);
            }
        }
    }

    private void releaseLease(String k, byte[] token) {
        RemoteTier<V> r = remote;
        if (r == null) {
            return;
        }
        try {
            r.call("lease", () -> r.store.deleteIfEquals(leaseKey(k), token));
        } catch (RemoteTier.RemoteFailure f) {
            r.fallback("lease", f); // the lease expires by itself
        }
    }

    private String leaseKey(String k) {
        return namespace + "lease:" + k;
    }

    /** Starts one background reload of the key (deduplicated per key) while callers keep the current value. */
    void refreshInBackground(K key, String k, Function<? super K, ? extends @Nullable V> loader, Entry<V> current) {
        if (!refreshing.add(k)) {
            return;
        }
        try {
            executor.execute(() -> {
                try {
                    refresh(key, k, loader, current);
                } catch (RuntimeException | Error ex) {
                    log.warn("refresh", "cache '" + name + "': early refresh failed; the current value is kept", ex);
                } finally {
                    refreshing.remove(k);
                }
            });
        } catch (RuntimeException rejected) {
            refreshing.remove(k);
        }
    }

    private void refresh(K key, String k, Function<? super K, ? extends @Nullable V> loader, Entry<V> current) {
        metrics.refresh();
        Snapshot snap = generations.snapshot(k, key);
        byte @Nullable [] observed = null;
        boolean remoteOk = false;
        RemoteTier<V> r = remote;
        if (r != null) {
            RemoteTier.RemoteRead<V> read = r.read(k, snap);
            if (read.entry != null && read.entry.writeMillis() > current.writeMillis()) {
                local.fill(k, read.entry, snap); // another instance refreshed already
                return;
            }
            observed = read.observed;
            remoteOk = read.ok;
        }
        byte[] token = null;
        if (remoteOk && leaseMillis > 0 && r != null) {
            ThreadLocalRandom rnd = ThreadLocalRandom.current();
            byte[] t = Long.toHexString(rnd.nextLong()).getBytes(StandardCharsets.US_ASCII);
            try {
                if (!Boolean.TRUE.equals(r.call("lease", () -> r.store.setIfAbsent(leaseKey(k), t, leaseMillis)))) {
                    return; // another instance is refreshing; keep serving the current value
                }
                token = t;
            } catch (RemoteTier.RemoteFailure f) {
                r.fallback("lease", f);
            }
        }
        try {
            loadAndStore(k, key, loader, snap, observed, remoteOk);
        } finally {
            if (token != null) {
                releaseLease(k, token);
            }
        }
    }

    /** One load of one key, shared by the callers that missed it meanwhile; knows when it started. */
    private static final class Flight<V> extends CompletableFuture<Entry<V>> {
        final long startedAt = System.nanoTime();
    }

    private static final class Lease<V> {
        final @Nullable Entry<V> entry;
        final byte @Nullable [] token;
        final byte @Nullable [] observed;

        Lease(@Nullable Entry<V> entry, byte @Nullable [] token, byte @Nullable [] observed) {
            this.entry = entry;
            this.token = token;
            this.observed = observed;
        }
    }
}
