package io.perfkit.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import io.perfkit.core.Finding;
import io.perfkit.core.FindingKind;
import io.perfkit.core.FindingPublisher;
import io.perfkit.core.FindingSink;
import io.perfkit.core.RateLimitedLogger;
import io.perfkit.core.Require;
import io.perfkit.core.Ticker;
import io.perfkit.core.WorkScope;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

/**
 * A two-level cache: a Caffeine L1 in this process over a Redis L2 shared by every instance, then the loader.
 *
 * <pre>{@code
 * try (LettuceRemoteStore redis = LettuceRemoteStore.create(redisClient);
 *      TieredCache<String, Book> books = TieredCache.<String, Book>builder("books")
 *              .local(10_000, Duration.ofMinutes(5))
 *              .remote(redis, Duration.ofHours(1))
 *              .codec(ValueCodec.json(Book.class))
 *              .build()) {
 *     Book book = books.get("isbn:978-0134685991", isbn -> repository.findByIsbn(isbn));
 *     books.invalidate("isbn:978-0134685991");   // every instance drops it from L1
 * }
 * }</pre>
 *
 * <p>What holds (see docs/cache.md for the full statement):
 * <ul>
 *   <li>Concurrent misses of one key in one instance call the loader once; with {@link Builder#lease} instances
 *       sharing Redis call it about once per key between them.</li>
 *   <li>An invalidation, here or from another instance, that arrives while a load of the same key is in flight
 *       wins: the value that load read never lands in L1, and its write to L2 is refused (compare-and-set against
 *       what it read).</li>
 *   <li>Invalidation messages carry per-sender sequence numbers and heartbeats: a gap, a reconnect, or a
 *       subscription that stopped delivering clears L1.</li>
 *   <li>Invalidation by tag and {@link #invalidateAll()} are O(1) (generation counters), never KEYS or SCAN.</li>
 *   <li>When Redis fails, calls keep succeeding from L1 and the loader (under {@link RemoteFailurePolicy#FAIL_OPEN},
 *       the default), Redis calls time out after {@link Builder#commandTimeout} and a circuit breaker stops
 *       calling Redis until a probe succeeds; every fallback is counted.</li>
 *   <li>An L1 hit reads no clock: time comes from a coarse ticker updated by a background thread.</li>
 * </ul>
 *
 * <p>Thread-safe. Close it to stop its heartbeat and subscription; it never closes the {@link RemoteStore}.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class TieredCache<K, V> implements AutoCloseable {
    private static final int STRIPES = 4096;
    private static final String ALL_GEN = "";
    /** Internal generation names: user tags and key prefixes live in separate spaces ("t:..." and "p:..."). */
    private static final String TAG = "t:";
    private static final String PREFIX_TAG = "p:";

    private final String name;
    private final String namespace;
    private final Function<? super K, String> keyMapper;
    private final @Nullable Function<? super K, ? extends Collection<String>> tagger;
    private final boolean hasPrefixes;
    private final Cache<String, Entry<V>> l1;
    private final long l1TtlNanos;
    private final double jitter;
    private final long negativeTtlMillis;
    private final long degradedL1Nanos;
    private final long staleNanos;
    private final long staleIfErrorNanos;
    private final @Nullable RemoteStore remote;
    private final @Nullable ValueCodec<V> codec;
    private final long remoteTtlMillis;
    private final long tombstoneMillis;
    private final long commandTimeoutMillis;
    private final RemoteFailurePolicy policy;
    private final long leaseMillis;
    private final long leaseWaitMillis;
    private final double beta;
    private final CacheRecorder recorder;
    private final InvalidationListener listener;
    private final @Nullable FindingPublisher findings;
    private final Ticker ticker;
    private final Executor executor;
    private final @Nullable ScheduledExecutorService ownedScheduler;
    private final CircuitBreaker breaker;
    private final RateLimitedLogger log = RateLimitedLogger.of(LoggerFactory.getLogger(TieredCache.class));

    private final AtomicLongArray epochs = new AtomicLongArray(STRIPES);
    private final AtomicLong globalEpoch = new AtomicLong();
    private final ConcurrentHashMap<String, CompletableFuture<Entry<V>>> inFlight = new ConcurrentHashMap<>();
    private final Set<String> refreshing = ConcurrentHashMap.newKeySet();
    private final ConcurrentHashMap<String, Generation> generations = new ConcurrentHashMap<>();
    private final Generation allGeneration;
    private final Generation[] noTagHolders;
    private final @Nullable Bus bus;
    private final List<ScheduledFuture<?>> tasks = new ArrayList<>();

    private TieredCache(Builder<K, V> b) {
        this.name = b.name;
        this.namespace = b.namespace + ":";
        this.keyMapper = b.keyMapper;
        this.tagger = combinedTags(b.tagger, b.prefixOf);
        this.hasPrefixes = b.prefixOf != null;
        this.l1TtlNanos = b.localTtl.toNanos();
        this.jitter = b.jitter;
        this.negativeTtlMillis = b.negativeTtl == null ? 0 : b.negativeTtl.toMillis();
        this.degradedL1Nanos = b.degradedLocalTtl.toNanos();
        this.staleNanos = b.staleWhileRevalidate.toNanos();
        this.staleIfErrorNanos = b.staleIfError.toNanos();
        this.remote = b.remote;
        this.codec = b.codec;
        this.remoteTtlMillis = b.remoteTtl == null ? 0 : b.remoteTtl.toMillis();
        this.tombstoneMillis = b.tombstoneTtl.toMillis();
        this.commandTimeoutMillis = Math.max(1, b.commandTimeout.toMillis());
        this.policy = b.policy;
        this.leaseMillis = b.lease == null ? 0 : b.lease.toMillis();
        this.leaseWaitMillis = b.leaseWait.toMillis();
        this.beta = b.beta;
        this.recorder = b.recorderFactory.create(b.name);
        this.listener = b.listener;
        this.findings = b.findingSink == null ? null : FindingPublisher.of(b.findingSink);
        this.executor = b.executor;

        ScheduledExecutorService scheduler = b.scheduler;
        if (scheduler == null) {
            ScheduledThreadPoolExecutor owned = new ScheduledThreadPoolExecutor(1, r -> {
                Thread t = new Thread(r, "perfkit-cache-" + b.name);
                t.setDaemon(true);
                return t;
            });
            owned.setRemoveOnCancelPolicy(true);
            scheduler = owned;
            this.ownedScheduler = owned;
        } else {
            this.ownedScheduler = null;
        }
        if (b.ticker != null) {
            this.ticker = b.ticker;
        } else {
            CoarseTicker coarse = new CoarseTicker();
            tasks.add(scheduler.scheduleAtFixedRate(coarse::advance, 1, 1, TimeUnit.MILLISECONDS));
            this.ticker = coarse;
        }
        this.breaker = new CircuitBreaker(b.breakerFailures, b.breakerOpen.toNanos(), ticker, this::onBreakerChange);

        boolean remoteGenerations = remote != null;
        this.allGeneration = new Generation(namespace + "g:", remoteGenerations ? Generation.UNKNOWN : 0);
        this.noTagHolders = new Generation[] {allGeneration};

        this.l1 = Caffeine.newBuilder()
                .maximumSize(b.localMaximumSize)
                .evictionListener((String key, Entry<V> value, RemovalCause cause) -> {
                    if (cause.wasEvicted()) {
                        safeRecord(() -> recorder.recordEviction(Tier.L1));
                    }
                })
                .build();

        if (remote != null && b.invalidationMessages) {
            this.bus = new Bus(remote, namespace + "invalidations", b.heartbeat.toNanos());
            bus.start(scheduler);
        } else {
            this.bus = null;
        }
        if (remote != null) {
            executor.execute(this::refreshGenerations);
        }
    }

    /**
     * Starts a builder.
     *
     * <pre>{@code
     * TieredCache<String, Book> books = TieredCache.<String, Book>builder("books")
     *         .local(10_000, Duration.ofMinutes(5))
     *         .remote(store, Duration.ofHours(1))
     *         .codec(ValueCodec.json(Book.class))
     *         .build();
     * }</pre>
     *
     * @param name the cache name: the {@code cache} tag of its meters and, unless {@link Builder#namespace} is set,
     *     the Redis key namespace; letters, digits, {@code . _ -} only
     * @param <K> the key type
     * @param <V> the value type
     * @return the builder
     */
    public static <K, V> Builder<K, V> builder(String name) {
        return new Builder<>(name);
    }

    /**
     * Returns the cache's name.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * Returns the value for a key: from L1, else from L2, else from the loader (whose result is written to L2
     * and L1). Concurrent calls for one key share one load.
     *
     * @param key the key
     * @param loader computes the value on a miss; may return null (cached as an absence when
     *     {@link Builder#cacheNulls} is set)
     * @return the value, or null
     * @throws CacheUnavailableException under FAIL_CLOSED when the value is not in L1 and Redis is unavailable
     * @throws RuntimeException what the loader threw (nothing is cached then)
     */
    public @Nullable V get(K key, Function<? super K, ? extends @Nullable V> loader) {
        String k = keyMapper.apply(key);
        Entry<V> e = l1.getIfPresent(k);
        long now;
        if (e != null && e.isLive(now = ticker.read())) {
            onL1Hit(e, key, k, loader, now);
            return e.value;
        }
        return miss(e, k, key, loader);
    }

    /**
     * Returns the value for a key from L1 or L2, without loading.
     *
     * @param key the key
     * @return the value, or null when absent (or cached as absent)
     */
    public @Nullable V getIfPresent(K key) {
        String k = keyMapper.apply(key);
        Entry<V> e = l1.getIfPresent(k);
        long now;
        if (e != null && e.isLive(now = ticker.read())) {
            onL1Hit(e, key, k, null, now);
            return e.value;
        }
        record(Tier.L1, false);
        if (remote == null) {
            return null;
        }
        Snapshot snap = snapshot(k, key);
        Remote<V> r = readRemote(k, snap);
        if (r.entry != null) {
            fillL1(k, r.entry, snap);
            return r.entry.value;
        }
        return null;
    }

    /**
     * Returns the values for several keys: L1 first, then one L2 round trip for the rest, then one call of the bulk
     * loader for what is still missing. Keys whose value is null are left out of the result.
     *
     * @param keys the keys
     * @param bulkLoader loads the missing keys at once; keys it leaves out are absent
     * @return the values found, in the order of {@code keys}
     */
    public Map<K, V> getAll(Collection<? extends K> keys,
            Function<? super Set<K>, ? extends Map<? extends K, ? extends V>> bulkLoader) {
        Require.nonNull(keys, "keys");
        Require.nonNull(bulkLoader, "bulkLoader");
        Map<K, V> result = new LinkedHashMap<>();
        Map<K, String> missing = new LinkedHashMap<>();
        for (K key : keys) {
            String k = keyMapper.apply(key);
            Entry<V> e = l1.getIfPresent(k);
            long now;
            if (e != null && e.isLive(now = ticker.read())) {
                onL1Hit(e, key, k, null, now);
                if (e.value != null) {
                    result.put(key, e.value);
                }
            } else {
                record(Tier.L1, false);
                missing.put(key, k);
            }
        }
        if (missing.isEmpty()) {
            return result;
        }
        Map<K, Snapshot> snaps = new LinkedHashMap<>();
        missing.forEach((key, k) -> snaps.put(key, snapshot(k, key)));
        Map<K, byte @Nullable []> observed = new LinkedHashMap<>();
        boolean remoteOk = false;
        if (remote != null && codec != null) {
            List<String> redisKeys = new ArrayList<>();
            missing.values().forEach(k -> redisKeys.add(dataKey(k)));
            RemoteStore store = remote;
            try {
                List<byte @Nullable []> values = call("get", () -> store.getAll(redisKeys));
                remoteOk = true;
                int i = 0;
                for (Map.Entry<K, String> m : new ArrayList<>(missing.entrySet())) {
                    byte[] bytes = values.get(i++);
                    Snapshot snap = snaps.get(m.getKey());
                    Entry<V> e = bytes == null || snap == null ? null : toEntry(bytes, snap);
                    record(Tier.L2, e != null);
                    if (e != null && snap != null) {
                        fillL1(m.getValue(), e, snap);
                        if (e.value != null) {
                            result.put(m.getKey(), e.value);
                        }
                        missing.remove(m.getKey());
                    } else {
                        observed.put(m.getKey(), bytes);
                    }
                }
            } catch (RemoteFailure f) {
                fallback("get", f);
            }
        }
        if (missing.isEmpty()) {
            return reorder(keys, result);
        }
        Set<K> toLoad = new LinkedHashSet<>(missing.keySet());
        long start = System.nanoTime();
        Map<? extends K, ? extends V> loaded;
        try {
            loaded = bulkLoader.apply(toLoad);
        } catch (RuntimeException | Error ex) {
            safeRecord(() -> recorder.recordLoad(System.nanoTime() - start, false));
            throw ex;
        }
        long loadNanos = System.nanoTime() - start;
        safeRecord(() -> recorder.recordLoad(loadNanos, true));
        List<CompletableFuture<Boolean>> writes = new ArrayList<>();
        for (Map.Entry<K, String> m : missing.entrySet()) {
            V v = loaded.get(m.getKey());
            Snapshot snap = snaps.get(m.getKey());
            if (snap == null || (v == null && negativeTtlMillis == 0)) {
                continue;
            }
            Entry<V> e = newEntry(v, loadNanos, snap, System.currentTimeMillis());
            if (remoteOk && remote != null && snap.known()) {
                writes.add(writeRemoteAsync(m.getValue(), observed.get(m.getKey()), e, snap));
            }
            fillL1(m.getValue(), e, snap);
            if (v != null) {
                result.put(m.getKey(), v);
            }
        }
        awaitQuietly(writes);
        return reorder(keys, result);
    }

    /**
     * Async {@link #get}: an L1 hit completes at once; a miss reads L2 and calls the asynchronous loader without
     * blocking the caller (Redis I/O on Lettuce's threads). Concurrent misses of one key share one load with
     * each other and with {@link #get}. With {@link Builder#lease}, whose wait polls Redis, the miss path runs on
     * the cache's executor instead.
     *
     * @param key the key
     * @param loader computes the value on a miss
     * @return the value, or null
     */
    public CompletableFuture<@Nullable V> getAsync(K key,
            Function<? super K, ? extends CompletionStage<? extends @Nullable V>> loader) {
        Require.nonNull(loader, "loader");
        String k = keyMapper.apply(key);
        Entry<V> e = l1.getIfPresent(k);
        long now;
        if (e != null && e.isLive(now = ticker.read())) {
            onL1Hit(e, key, k, null, now);
            return CompletableFuture.completedFuture(e.value);
        }
        if (leaseMillis > 0) {
            return CompletableFuture.supplyAsync(
                    () -> join(k, key, kk -> loader.apply(kk).toCompletableFuture().join()), executor);
        }
        record(Tier.L1, false);
        WorkScope scope = WorkScope.currentOrNull();
        if (scope != null) {
            scope.recordCacheMiss();
        }
        CompletableFuture<Entry<V>> mine = new CompletableFuture<>();
        CompletableFuture<Entry<V>> leader = inFlight.putIfAbsent(k, mine);
        if (leader != null) {
            return leader.thenApply(en -> en.value);
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
        return mine.thenApply(en -> en.value);
    }

    private CompletableFuture<Entry<V>> leadAsync(String k, K key,
            Function<? super K, ? extends CompletionStage<? extends @Nullable V>> loader) {
        Snapshot snap = snapshot(k, key);
        RemoteStore store = remote;
        if (store == null || codec == null) {
            return loadAsync(k, key, loader, snap, null, false);
        }
        if (!breaker.tryAcquire()) {
            return afterRemoteFailure(k, key, loader, snap, new RemoteFailure(null));
        }
        CompletableFuture<byte @Nullable []> read;
        try {
            read = store.get(dataKey(k)).orTimeout(commandTimeoutMillis, TimeUnit.MILLISECONDS);
        } catch (RuntimeException ex) {
            read = CompletableFuture.failedFuture(ex);
        }
        return read.handle((bytes, ex) -> {
            if (ex != null) {
                breaker.onFailure();
                record(Tier.L2, false);
                return afterRemoteFailure(k, key, loader, snap, new RemoteFailure(
                        ex instanceof CompletionException && ex.getCause() != null ? ex.getCause() : ex));
            }
            breaker.onSuccess();
            Entry<V> found = bytes == null ? null : toEntry(bytes, snap);
            record(Tier.L2, found != null);
            if (found != null) {
                fillL1(k, found, snap);
                return CompletableFuture.completedFuture(found);
            }
            return loadAsync(k, key, loader, snap, bytes, true);
        }).thenCompose(f -> f);
    }

    private CompletableFuture<Entry<V>> afterRemoteFailure(String k, K key,
            Function<? super K, ? extends CompletionStage<? extends @Nullable V>> loader, Snapshot snap,
            RemoteFailure f) {
        fallback("get", f);
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
                safeRecord(() -> recorder.recordLoad(loadNanos, false));
                return CompletableFuture.<Entry<V>>failedFuture(ex);
            }
            safeRecord(() -> recorder.recordLoad(loadNanos, true));
            Entry<V> e = newEntry(v, Math.max(0, ticker.read() - startTick), snap, System.currentTimeMillis());
            if (v == null && negativeTtlMillis == 0) {
                return CompletableFuture.completedFuture(e);
            }
            CompletableFuture<Boolean> write = remoteOk && remote != null && snap.known()
                    ? writeRemoteAsync(k, observed, e, snap)
                    : CompletableFuture.completedFuture(false);
            return write.handle((written, wex) -> {
                fillL1(k, e, snap);
                return e;
            });
        }).thenCompose(f -> f);
    }

    /**
     * Writes a value to L2 and L1 and tells the other instances to drop their copy.
     *
     * @param key the key
     * @param value the value
     * @throws CacheUnavailableException under FAIL_CLOSED when Redis is unavailable
     */
    public void put(K key, V value) {
        Require.nonNull(value, "value");
        String k = keyMapper.apply(key);
        invalidateLocal(k, false);
        Snapshot snap = snapshot(k, key);
        Entry<V> e = newEntry(value, 0, snap, System.currentTimeMillis());
        RemoteStore store = remote;
        if (store != null && codec != null) {
            try {
                byte[] bytes = encode(e, snap.gens);
                long ttl = e.expiresAtMillis - e.writeMillis;
                call("set", () -> store.set(dataKey(k), bytes, Math.max(1, ttl)));
                record(Tier.L2);
            } catch (RemoteFailure f) {
                failOrFallback("set", f, "put");
            }
            // a read here that fetched the old L2 value between the first invalidation and the write must not fill
            invalidateLocal(k, false);
            snap = snap.withEpochs(epochs.get(stripe(k)), globalEpoch.get());
            sendKey(k, "put");
        }
        fillL1(k, e, snap);
    }

    /**
     * Async {@link #put}, run on the cache's executor.
     *
     * @param key the key
     * @param value the value
     * @return completes when written and announced
     */
    public CompletableFuture<Void> putAsync(K key, V value) {
        return CompletableFuture.runAsync(() -> put(key, value), executor);
    }

    /**
     * Removes a key from this L1 and from L2 (leaving a short-lived tombstone so that a load in flight elsewhere
     * cannot write the old value back) and tells the other instances to drop it from their L1. When this returns,
     * no read in this instance returns the old value, and other instances stop returning it once they receive the
     * message (within milliseconds; see docs/cache.md for the bound).
     *
     * @param key the key
     * @throws CacheUnavailableException under FAIL_CLOSED when Redis is unavailable
     */
    public void invalidate(K key) {
        String k = keyMapper.apply(key);
        invalidateLocal(k, false);
        RemoteStore store = remote;
        if (store != null) {
            ThreadLocalRandom r = ThreadLocalRandom.current();
            byte[] tomb = Envelope.tombstone(r.nextLong(), r.nextLong());
            try {
                call("set", () -> store.set(dataKey(k), tomb, tombstoneMillis));
            } catch (RemoteFailure f) {
                failOrFallback("set", f, "invalidate");
            }
            // a read here that fetched the old L2 value before the tombstone landed must not fill L1
            invalidateLocal(k, false);
            sendKey(k, "invalidate");
        }
    }

    /**
     * Async {@link #invalidate}, run on the cache's executor.
     *
     * @param key the key
     * @return completes when done
     */
    public CompletableFuture<Void> invalidateAsync(K key) {
        return CompletableFuture.runAsync(() -> invalidate(key), executor);
    }

    /**
     * Invalidates every entry carrying a tag (see {@link Builder#tags}) in every instance, in O(1): the tag's
     * generation counter in Redis moves on, so entries written under the old generation are ignored; nothing is
     * scanned. To invalidate by key prefix, tag each key with its prefix.
     *
     * @param tag the tag
     * @throws CacheUnavailableException under FAIL_CLOSED when Redis is unavailable
     */
    public void invalidateTag(String tag) {
        Require.nonNull(tag, "tag");
        bumpGeneration(generation(TAG + tag), Message.TAG, TAG + tag);
    }

    /**
     * Invalidates every entry whose key has this prefix (as computed by {@link Builder#prefix}) in every instance,
     * in O(1): the same generation counter mechanism as {@link #invalidateTag}.
     *
     * <pre>{@code
     * // built with .prefix(key -> key.substring(0, key.indexOf(':')))   e.g. "tenant42:order:7" -> "tenant42"
     * orders.invalidatePrefix("tenant42");
     * }</pre>
     *
     * @param prefix the prefix, exactly as the builder's prefix function returns it
     * @throws IllegalStateException when the cache was built without {@link Builder#prefix}
     * @throws CacheUnavailableException under FAIL_CLOSED when Redis is unavailable
     */
    public void invalidatePrefix(String prefix) {
        Require.nonNull(prefix, "prefix");
        Require.state(hasPrefixes, "invalidatePrefix needs the builder's prefix(...) function");
        bumpGeneration(generation(PREFIX_TAG + prefix), Message.TAG, PREFIX_TAG + prefix);
    }

    /**
     * Invalidates every entry in every instance, in O(1) (the cache's generation counter moves on).
     *
     * @throws CacheUnavailableException under FAIL_CLOSED when Redis is unavailable
     */
    public void invalidateAll() {
        bumpGeneration(allGeneration, Message.ALL, ALL_GEN);
        flushLocal(FlushReason.INVALIDATE_ALL);
    }

    /**
     * Returns the state of the circuit breaker in front of Redis.
     *
     * @return the state; CLOSED when there is no L2
     */
    public BreakerState breakerState() {
        return breaker.state();
    }

    /**
     * Returns whether this instance currently receives invalidations from the others: false before its first own
     * heartbeat came back, after a disconnect, or when its heartbeats stopped arriving. While false, L1 entries live
     * at most {@link Builder#degradedLocalTtl}.
     *
     * @return true when invalidation messages flow (always true without an L2)
     */
    public boolean isReceivingInvalidations() {
        Bus b = bus;
        return b == null || b.healthy;
    }

    /**
     * Returns the number of entries in L1 (approximate, as Caffeine's {@code estimatedSize}).
     *
     * @return the estimated L1 size
     */
    public long localSize() {
        return l1.estimatedSize();
    }

    /** Stops the heartbeat and the subscription; does not close the {@link RemoteStore}. */
    @Override
    public void close() {
        for (ScheduledFuture<?> t : tasks) {
            t.cancel(false);
        }
        Bus b = bus;
        if (b != null) {
            b.close();
        }
        if (ownedScheduler != null) {
            ownedScheduler.shutdownNow();
        }
    }

    @Override
    public String toString() {
        return "TieredCache[" + name + ", l1=" + l1.estimatedSize() + ", remote=" + (remote != null)
                + ", breaker=" + breaker.state() + "]";
    }

    // ---------------------------------------------------------------------------------------------------- reads

    /** Everything but an L1 hit, kept out of {@link #get} so that the hit path stays small enough to inline. */
    private @Nullable V miss(@Nullable Entry<V> e, String k, K key,
            Function<? super K, ? extends @Nullable V> loader) {
        if (e != null) {
            long now = ticker.read();
            if (staleNanos > 0 && now - e.expiresAtTick < staleNanos && e.isCurrent()) {
                // stale-while-revalidate: serve the expired value once more and reload in the background
                record(Tier.L1, true);
                refreshInBackground(key, k, loader, e);
                return e.value;
            }
            if (staleIfErrorNanos > 0) {
                try {
                    return join(k, key, loader);
                } catch (RuntimeException ex) {
                    // stale-if-error: the loader (or Redis, under FAIL_CLOSED) failed; an expired value that was
                    // never invalidated is better than an error, within the configured window
                    if (now - e.expiresAtTick < staleIfErrorNanos && e.isCurrent()) {
                        safeRecord(() -> recorder.recordRemoteFailure("stale-if-error"));
                        log.warn("stale-if-error", "cache '" + name + "': load failed, served an expired value", ex);
                        return e.value;
                    }
                    throw ex;
                }
            }
        }
        return join(k, key, loader);
    }

    private void onL1Hit(Entry<V> e, K key, String k,
            @Nullable Function<? super K, ? extends @Nullable V> loader, long now) {
        try {
            recorder.recordGet(Tier.L1, true);
        } catch (RuntimeException ignored) {
            // a throwing recorder must not fail the read
        }
        WorkScope scope = WorkScope.currentOrNull();
        if (scope != null) {
            scope.recordCacheHit();
        }
        if (loader != null && now - e.refreshAtTick >= 0) {
            refreshInBackground(key, k, loader, e);
        }
    }

    private @Nullable V join(String k, K key, Function<? super K, ? extends @Nullable V> loader) {
        record(Tier.L1, false);
        WorkScope scope = WorkScope.currentOrNull();
        if (scope != null) {
            scope.recordCacheMiss();
        }
        CompletableFuture<Entry<V>> mine = new CompletableFuture<>();
        CompletableFuture<Entry<V>> leader = inFlight.putIfAbsent(k, mine);
        if (leader != null) {
            try {
                return leader.join().value;
            } catch (CompletionException ex) {
                Throwable cause = ex.getCause();
                if (cause instanceof RuntimeException) {
                    throw (RuntimeException) cause;
                }
                if (cause instanceof Error) {
                    throw (Error) cause;
                }
                throw ex;
            }
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

    /** The miss path of one key: L2, then (under the lease, if any) the loader, then L2 and L1 writes. */
    private Entry<V> lead(String k, K key, Function<? super K, ? extends @Nullable V> loader) {
        Snapshot snap = snapshot(k, key);
        byte @Nullable [] observed = null;
        boolean remoteOk = false;
        if (remote != null && codec != null) {
            Remote<V> r = readRemote(k, snap);
            if (r.entry != null) {
                fillL1(k, r.entry, snap);
                if (ticker.read() - r.entry.refreshAtTick >= 0) {
                    refreshInBackground(key, k, loader, r.entry);
                }
                return r.entry;
            }
            observed = r.observed;
            remoteOk = r.ok;
            if (!remoteOk && policy == RemoteFailurePolicy.FAIL_CLOSED) {
                throw new CacheUnavailableException("cache '" + name + "': Redis unavailable, not loading", r.failure);
            }
        }
        byte[] leaseToken = null;
        if (remoteOk && leaseMillis > 0) {
            Lease<V> lease = acquireLeaseOrWait(k, snap);
            if (lease.entry != null) {
                fillL1(k, lease.entry, snap);
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
            long failedNanos = System.nanoTime() - start;
            safeRecord(() -> recorder.recordLoad(failedNanos, false));
            throw ex;
        }
        long loadNanos = System.nanoTime() - start;
        safeRecord(() -> recorder.recordLoad(loadNanos, true));
        // the XFetch delta is timed by the cache's ticker (coarse, or the one a test injects)
        Entry<V> e = newEntry(v, Math.max(0, ticker.read() - startTick), snap, System.currentTimeMillis());
        if (v == null && negativeTtlMillis == 0) {
            return e;
        }
        if (remoteOk && remote != null && snap.known()) {
            awaitQuietly(List.of(writeRemoteAsync(k, observed, e, snap)));
        }
        fillL1(k, e, snap);
        return e;
    }

    /** Reads L2 once; a tombstone, a stale generation or undecodable bytes count as a miss. */
    private Remote<V> readRemote(String k, Snapshot snap) {
        RemoteStore store = remote;
        if (store == null || codec == null) {
            return new Remote<>(null, null, false, null);
        }
        try {
            byte[] bytes = call("get", () -> store.get(dataKey(k)));
            Entry<V> e = bytes == null ? null : toEntry(bytes, snap);
            record(Tier.L2, e != null);
            return new Remote<>(e, bytes, true, null);
        } catch (RemoteFailure f) {
            record(Tier.L2, false);
            fallback("get", f);
            return new Remote<>(null, null, false, f.getCause());
        }
    }

    private @Nullable Entry<V> toEntry(byte[] bytes, Snapshot snap) {
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
                snap.holders[i].advanceTo(env.gens[i]);
            }
        }
        long now = System.currentTimeMillis();
        if (env.expiresAtMillis <= now) {
            return null;
        }
        V value = null;
        if (env.kind == Envelope.VALUE && env.payload != null && codec != null) {
            try {
                value = codec.decode(env.payload);
            } catch (RuntimeException ex) {
                safeRecord(() -> recorder.recordRemoteFailure("decode"));
                log.warn("decode", "cache '" + name + "': stored value does not decode with " + codec
                        + "; treated as a miss", ex);
                return null;
            }
        }
        return makeEntry(value, env.writeMillis, env.expiresAtMillis, env.loadMillis, snap.holders, env.gens, now);
    }

    private Entry<V> newEntry(@Nullable V value, long loadNanos, Snapshot snap, long nowMillis) {
        long ttlMillis;
        if (value == null) {
            ttlMillis = negativeTtlMillis;
        } else if (remote != null && remoteTtlMillis > 0) {
            ttlMillis = jittered(remoteTtlMillis);
        } else {
            ttlMillis = Math.max(1, jittered(TimeUnit.NANOSECONDS.toMillis(l1TtlNanos)));
        }
        int loadMillis = (int) Math.min(Integer.MAX_VALUE, TimeUnit.NANOSECONDS.toMillis(loadNanos));
        return makeEntry(value, nowMillis, nowMillis + Math.max(1, ttlMillis), loadMillis, snap.holders,
                snap.gens, nowMillis);
    }

    private Entry<V> makeEntry(@Nullable V value, long writeMillis, long expiresAtMillis, int loadMillis,
            Generation[] holders, long[] gens, long nowMillis) {
        long remainingNanos = TimeUnit.MILLISECONDS.toNanos(Math.max(1, expiresAtMillis - nowMillis));
        long l1Nanos = Math.min(remainingNanos, jitteredNanos(l1TtlNanos));
        Bus b = bus;
        if (b != null && !b.healthy) {
            l1Nanos = Math.min(l1Nanos, degradedL1Nanos);
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

    /** Puts into L1 unless an invalidation of this key (or a flush) happened since {@code snap} was taken. */
    private void fillL1(String k, Entry<V> e, Snapshot snap) {
        int stripe = stripe(k);
        boolean[] filled = new boolean[1];
        l1.asMap().compute(k, (key, old) -> {
            if (epochs.get(stripe) == snap.epoch && globalEpoch.get() == snap.global) {
                filled[0] = true;
                return e;
            }
            return old;
        });
        if (filled[0]) {
            record(Tier.L1);
        }
    }

    private CompletableFuture<Boolean> writeRemoteAsync(String k, byte @Nullable [] observed, Entry<V> e,
            Snapshot snap) {
        RemoteStore store = remote;
        if (store == null || !breaker.tryAcquire()) {
            return CompletableFuture.completedFuture(false);
        }
        byte[] bytes = encode(e, snap.gens);
        long ttl = Math.max(1, e.expiresAtMillis - e.writeMillis);
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
                        record(Tier.L2);
                    }
                    return Boolean.TRUE.equals(written);
                });
    }

    private byte[] encode(Entry<V> e, long[] gens) {
        byte[] payload = null;
        if (e.value != null && codec != null) {
            payload = codec.encode(e.value);
        }
        return Envelope.encode(e.value == null ? Envelope.ABSENT : Envelope.VALUE, e.writeMillis, e.expiresAtMillis,
                e.loadMillis, gens, payload);
    }

    // ---------------------------------------------------------------------------------------- stampede & refresh

    private Lease<V> acquireLeaseOrWait(String k, Snapshot snap) {
        RemoteStore store = remote;
        if (store == null) {
            return new Lease<>(null, null, null);
        }
        ThreadLocalRandom r = ThreadLocalRandom.current();
        byte[] token = (Long.toHexString(r.nextLong()) + Long.toHexString(r.nextLong()))
                .getBytes(StandardCharsets.US_ASCII);
        String leaseKey = namespace + "lease:" + k;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(leaseWaitMillis);
        long pause = 2;
        while (true) {
            try {
                Boolean acquired = call("lease", () -> store.setIfAbsent(leaseKey, token, leaseMillis));
                if (Boolean.TRUE.equals(acquired)) {
                    // re-read: the previous holder may have written just before releasing
                    Remote<V> again = readRemote(k, snap);
                    if (again.entry != null) {
                        releaseLease(k, token);
                        return new Lease<>(again.entry, null, null);
                    }
                    return new Lease<>(null, token, again.observed);
                }
            } catch (RemoteFailure f) {
                fallback("lease", f);
                return new Lease<>(null, null, null);
            }
            if (System.nanoTime() >= deadline) {
                Remote<V> last = readRemote(k, snap);
                return new Lease<>(last.entry, null, last.observed);
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return new Lease<>(null, null, null);
            }
            pause = Math.min(pause * 2, 50);
            Remote<V> polled = readRemote(k, snap);
            if (polled.entry != null) {
                return new Lease<>(polled.entry, null, null);
            }
        }
    }

    private void releaseLease(String k, byte[] token) {
        RemoteStore store = remote;
        if (store == null) {
            return;
        }
        try {
            call("lease", () -> store.deleteIfEquals(namespace + "lease:" + k, token));
        } catch (RemoteFailure f) {
            fallback("lease", f); // the lease expires by itself
        }
    }

    private void refreshInBackground(K key, String k, Function<? super K, ? extends @Nullable V> loader,
            Entry<V> current) {
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
        safeRecord(recorder::recordRefresh);
        Snapshot snap = snapshot(k, key);
        byte @Nullable [] observed = null;
        boolean remoteOk = false;
        if (remote != null && codec != null) {
            Remote<V> r = readRemote(k, snap);
            if (r.entry != null && r.entry.writeMillis > current.writeMillis) {
                fillL1(k, r.entry, snap); // another instance refreshed already
                return;
            }
            observed = r.observed;
            remoteOk = r.ok;
        }
        byte[] token = null;
        if (remoteOk && leaseMillis > 0 && remote != null) {
            RemoteStore store = remote;
            ThreadLocalRandom rnd = ThreadLocalRandom.current();
            byte[] t = Long.toHexString(rnd.nextLong()).getBytes(StandardCharsets.US_ASCII);
            try {
                if (!Boolean.TRUE.equals(call("lease", () -> store.setIfAbsent(namespace + "lease:" + k, t,
                        leaseMillis)))) {
                    return; // another instance is refreshing; keep serving the current value
                }
                token = t;
            } catch (RemoteFailure f) {
                fallback("lease", f);
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

    // ------------------------------------------------------------------------------------------- invalidation

    private void invalidateLocal(String k, boolean fromRemote) {
        epochs.incrementAndGet(stripe(k));
        inFlight.remove(k);
        l1.invalidate(k);
        try {
            listener.onKeyInvalidated(dataKey(k), fromRemote);
        } catch (RuntimeException ignored) {
            // a throwing listener must not stop invalidation
        }
    }

    private void flushLocal(FlushReason reason) {
        globalEpoch.incrementAndGet();
        inFlight.clear();
        l1.invalidateAll();
        safeRecord(() -> recorder.recordFlush(reason));
        try {
            listener.onFlush(reason);
        } catch (RuntimeException ignored) {
            // a throwing listener must not stop the flush
        }
    }

    private void sendKey(String k, String operation) {
        Bus b = bus;
        if (b == null) {
            return;
        }
        if (!b.send(Message.KEY, k, 0)) {
            failOrFallback("publish", null, operation);
        }
    }

    private void bumpGeneration(Generation g, byte type, String tagName) {
        RemoteStore store = remote;
        if (store == null) {
            g.incrementAndGet();
            return;
        }
        try {
            Long next = call("generation", () -> store.increment(g.redisKey));
            g.advanceTo(next);
            Bus b = bus;
            if (b != null && !b.send(type, tagName, next)) {
                failOrFallback("publish", null, "invalidate");
            }
        } catch (RemoteFailure f) {
            if (policy == RemoteFailurePolicy.FAIL_CLOSED) {
                throw new CacheUnavailableException("cache '" + name + "': Redis unavailable, cannot invalidate",
                        f.getCause());
            }
            fallback("generation", f);
            flushLocal(FlushReason.SEND_FAILED);
        }
    }

    private Generation generation(String tag) {
        return generations.computeIfAbsent(tag, t -> new Generation(namespace + "tag:" + t,
                remote == null ? 0 : Generation.UNKNOWN));
    }

    /** Reads the generations this instance does not know yet, in one round trip. */
    private void fetchGenerations(Generation[] holders) {
        RemoteStore store = remote;
        if (store == null) {
            return;
        }
        List<Generation> unknown = new ArrayList<>();
        for (Generation g : holders) {
            if (g.get() == Generation.UNKNOWN) {
                unknown.add(g);
            }
        }
        if (unknown.isEmpty()) {
            return;
        }
        List<String> redisKeys = new ArrayList<>();
        unknown.forEach(g -> redisKeys.add(g.redisKey));
        try {
            List<byte @Nullable []> values = call("generation", () -> store.getAll(redisKeys));
            for (int i = 0; i < unknown.size(); i++) {
                byte[] v = values.get(i);
                unknown.get(i).advanceTo(v == null ? 0 : Long.parseLong(new String(v, StandardCharsets.US_ASCII)));
            }
        } catch (RemoteFailure f) {
            fallback("generation", f);
        } catch (NumberFormatException ex) {
            log.warn("generation", "cache '" + name + "': a generation counter in Redis is not a number", ex);
        }
    }

    /** After an outage: re-read every generation this instance uses. */
    private void refreshGenerations() {
        RemoteStore store = remote;
        if (store == null) {
            return;
        }
        List<Generation> all = new ArrayList<>(generations.values());
        all.add(allGeneration);
        List<String> redisKeys = new ArrayList<>();
        all.forEach(g -> redisKeys.add(g.redisKey));
        try {
            List<byte @Nullable []> values = call("generation", () -> store.getAll(redisKeys));
            for (int i = 0; i < all.size(); i++) {
                byte[] v = values.get(i);
                all.get(i).advanceTo(v == null ? 0 : Long.parseLong(new String(v, StandardCharsets.US_ASCII)));
            }
        } catch (RemoteFailure f) {
            fallback("generation", f);
        } catch (RuntimeException ex) {
            log.warn("generation", "cache '" + name + "': could not re-read generation counters", ex);
        }
    }

    private void onBreakerChange(BreakerState state) {
        safeRecord(() -> recorder.recordBreakerState(state));
        FindingPublisher publisher = findings;
        if (state == BreakerState.OPEN && publisher != null) {
            safeRecord(() -> publisher.publish(Finding.builder(FindingKind.CACHE_DEGRADED,
                            "Redis unavailable for cache '" + name + "': serving from L1 and the loader")
                    .subject(name)
                    .evidence("policy", policy.name())
                    .suggestion("Check Redis health and the network; the breaker probes again after its open time")
                    .build()));
        }
        if (state == BreakerState.CLOSED) {
            // invalidations may have been missed while Redis was away
            flushLocal(FlushReason.REMOTE_RECOVERED);
            try {
                executor.execute(this::refreshGenerations);
            } catch (RuntimeException ignored) {
                // executor shut down: generations are re-read lazily
            }
        }
    }

    // -------------------------------------------------------------------------------------------------- helpers

    private static <K> @Nullable Function<? super K, ? extends Collection<String>> combinedTags(
            @Nullable Function<? super K, ? extends Collection<String>> tags,
            @Nullable Function<? super K, String> prefixOf) {
        if (tags == null && prefixOf == null) {
            return null;
        }
        return key -> {
            List<String> all = new ArrayList<>();
            if (tags != null) {
                Collection<String> own = tags.apply(key);
                if (own != null) {
                    for (String t : own) {
                        all.add(TAG + t);
                    }
                }
            }
            if (prefixOf != null) {
                all.add(PREFIX_TAG + prefixOf.apply(key));
            }
            return all;
        };
    }

    private Snapshot snapshot(String k, K key) {
        int stripe = stripe(k);
        long epoch = epochs.get(stripe);
        long global = globalEpoch.get();
        Generation[] holders = noTagHolders;
        Function<? super K, ? extends Collection<String>> t = tagger;
        if (t != null) {
            Collection<String> tags = t.apply(key);
            if (tags != null && !tags.isEmpty()) {
                TreeSet<String> sorted = new TreeSet<>(tags);
                holders = new Generation[sorted.size() + 1];
                holders[0] = allGeneration;
                int i = 1;
                for (String tag : sorted) {
                    holders[i++] = generation(tag);
                }
            }
        }
        if (remote != null) {
            fetchGenerations(holders);
        }
        long[] gens = new long[holders.length];
        for (int i = 0; i < holders.length; i++) {
            gens[i] = holders[i].get();
        }
        return new Snapshot(epoch, global, holders, gens);
    }

    private static int stripe(String k) {
        int h = k.hashCode();
        return (h ^ (h >>> 16)) & (STRIPES - 1);
    }

    private String dataKey(String k) {
        return namespace + "k:" + k;
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

    private <T> T call(String operation, Supplier<CompletableFuture<T>> action) {
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

    private void fallback(String operation, RemoteFailure f) {
        safeRecord(() -> recorder.recordRemoteFailure(operation));
        Throwable cause = f.getCause();
        log.warn("remote-" + operation, "cache '" + name + "': Redis " + operation + " failed ("
                + (cause == null ? "circuit breaker open" : cause.toString()) + "); policy " + policy, null);
    }

    private void failOrFallback(String operation, @Nullable RemoteFailure f, String what) {
        if (policy == RemoteFailurePolicy.FAIL_CLOSED) {
            throw new CacheUnavailableException("cache '" + name + "': Redis unavailable, cannot " + what,
                    f == null ? null : f.getCause());
        }
        if (f != null) {
            fallback(operation, f);
        } else {
            safeRecord(() -> recorder.recordRemoteFailure(operation));
        }
    }

    private void awaitQuietly(List<CompletableFuture<Boolean>> writes) {
        for (CompletableFuture<Boolean> w : writes) {
            try {
                w.get(commandTimeoutMillis * 2, TimeUnit.MILLISECONDS);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException | TimeoutException ex) {
                // counted in writeRemoteAsync
            }
        }
    }

    private void record(Tier tier, boolean hit) {
        try {
            recorder.recordGet(tier, hit);
        } catch (RuntimeException ignored) {
            // a throwing recorder must not fail the read
        }
    }

    private void record(Tier tier) {
        try {
            recorder.recordPut(tier);
        } catch (RuntimeException ignored) {
            // a throwing recorder must not fail the write
        }
    }

    private static void safeRecord(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException ignored) {
            // a throwing recorder or listener must not fail the cache
        }
    }

    private Map<K, V> reorder(Collection<? extends K> keys, Map<K, V> found) {
        Map<K, V> ordered = new LinkedHashMap<>();
        for (K key : keys) {
            V v = found.get(key);
            if (v != null) {
                ordered.put(key, v);
            }
        }
        return ordered;
    }

    /** What a miss saw before it loaded: epochs for the L1 fill check, generations for the L2 check. */
    private static final class Snapshot {
        final long epoch;
        final long global;
        final Generation[] holders;
        final long[] gens;

        Snapshot(long epoch, long global, Generation[] holders, long[] gens) {
            this.epoch = epoch;
            this.global = global;
            this.holders = holders;
            this.gens = gens;
        }

        Snapshot withEpochs(long newEpoch, long newGlobal) {
            return new Snapshot(newEpoch, newGlobal, holders, gens);
        }

        boolean known() {
            for (long g : gens) {
                if (g == Generation.UNKNOWN) {
                    return false;
                }
            }
            return true;
        }
    }

    private static final class Remote<V> {
        final @Nullable Entry<V> entry;
        final byte @Nullable [] observed;
        final boolean ok;
        final @Nullable Throwable failure;

        Remote(@Nullable Entry<V> entry, byte @Nullable [] observed, boolean ok, @Nullable Throwable failure) {
            this.entry = entry;
            this.observed = observed;
            this.ok = ok;
            this.failure = failure;
        }
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

    /** A Redis call that failed, timed out or was refused by the breaker; never leaves this class. */
    private static final class RemoteFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RemoteFailure(@Nullable Throwable cause) {
            super(cause == null ? "circuit breaker open" : cause.toString(), cause, false, false);
        }
    }

    /** Time for L1 expiry and early refresh without a clock read per hit: advanced every millisecond. */
    private static final class CoarseTicker implements Ticker {
        private volatile long now = System.nanoTime();

        void advance() {
            now = System.nanoTime();
        }

        @Override
        public long read() {
            return now;
        }
    }

    // ---------------------------------------------------------------------------------------- message channel

    /**
     * Sends and receives invalidation messages. Each sender numbers its messages; heartbeats carry the last number,
     * so a receiver notices a missed message at the next heartbeat at the latest. Hearing its own heartbeats tells
     * an instance that its subscription works.
     */
    private final class Bus implements RemoteStore.MessageListener {
        private final RemoteStore store;
        private final String channel;
        private final long heartbeatNanos;
        private final long senderHigh;
        private final long senderLow;
        private final Object sendLock = new Object();
        private long sequence;
        private final Cache<Sender, AtomicLong> lastSeen = Caffeine.newBuilder()
                .expireAfterAccess(Duration.ofMinutes(5))
                .build();
        private volatile long lastOwnHeartbeat;
        volatile boolean healthy;
        private volatile RemoteStore.@Nullable Subscription subscription;

        Bus(RemoteStore store, String channel, long heartbeatNanos) {
            this.store = store;
            this.channel = channel;
            this.heartbeatNanos = heartbeatNanos;
            ThreadLocalRandom r = ThreadLocalRandom.current();
            this.senderHigh = r.nextLong();
            this.senderLow = r.nextLong();
            this.lastOwnHeartbeat = ticker.read();
        }

        void start(ScheduledExecutorService scheduler) {
            try {
                subscription = store.subscribe(channel, this);
            } catch (RuntimeException ex) {
                log.warn("subscribe", "cache '" + name + "': cannot subscribe to invalidations yet", ex);
            }
            tasks.add(scheduler.scheduleAtFixedRate(this::beat, 0, heartbeatNanos, TimeUnit.NANOSECONDS));
        }

        /** Sends one message; false when it could not be handed to Redis. */
        boolean send(byte type, String name, long generation) {
            if (!breaker.tryAcquire()) {
                return false;
            }
            CompletableFuture<Long> f;
            synchronized (sendLock) {
                long seq = ++sequence;
                byte[] bytes = new Message(type, senderHigh, senderLow, seq, System.currentTimeMillis(), generation,
                        name).encode();
                f = store.publish(channel, bytes);
            }
            try {
                f.get(commandTimeoutMillis, TimeUnit.MILLISECONDS);
                breaker.onSuccess();
                safeRecord(() -> recorder.recordInvalidationSent(Message.invalidationType(type)));
                return true;
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return false;
            } catch (ExecutionException | TimeoutException ex) {
                breaker.onFailure();
                return false;
            }
        }

        private void beat() {
            try {
                if (subscription == null) {
                    subscription = store.subscribe(channel, this);
                }
                if (healthy && ticker.read() - lastOwnHeartbeat > 4 * heartbeatNanos) {
                    lost();
                }
                if (!breaker.tryAcquire()) {
                    return;
                }
                CompletableFuture<Long> f;
                synchronized (sendLock) {
                    f = store.publish(channel, new Message(Message.HEARTBEAT, senderHigh, senderLow, sequence,
                            System.currentTimeMillis(), 0, "").encode());
                }
                f.orTimeout(commandTimeoutMillis, TimeUnit.MILLISECONDS).whenComplete((n, ex) -> {
                    if (ex == null) {
                        breaker.onSuccess();
                    } else {
                        breaker.onFailure();
                    }
                });
            } catch (RuntimeException ex) {
                log.warn("heartbeat", "cache '" + name + "': heartbeat failed", ex);
            }
        }

        private void lost() {
            if (healthy) {
                healthy = false;
                flushLocal(FlushReason.SUBSCRIPTION_LOST);
            }
        }

        @Override
        public void onMessage(byte[] bytes) {
            Message m = Message.decode(bytes);
            if (m == null) {
                safeRecord(() -> recorder.recordRemoteFailure("message"));
                log.warn("bad-message", "cache '" + name + "': dropped a malformed invalidation message", null);
                return;
            }
            if (m.senderHigh() == senderHigh && m.senderLow() == senderLow) {
                if (m.type() == Message.HEARTBEAT) {
                    lastOwnHeartbeat = ticker.read();
                    if (!healthy) {
                        // entries filled while deaf were capped at the degraded TTL; drop them now to be exact
                        flushLocal(FlushReason.SUBSCRIPTION_LOST);
                        healthy = true;
                    }
                }
                return;
            }
            AtomicLong last = lastSeen.get(new Sender(m.senderHigh(), m.senderLow()), s -> new AtomicLong(-1));
            long previous = last.get();
            boolean gap;
            if (m.type() == Message.HEARTBEAT) {
                gap = previous >= 0 && m.sequence() > previous;
                last.set(Math.max(previous, m.sequence()));
            } else {
                gap = previous >= 0 && m.sequence() != previous + 1;
                last.set(m.sequence());
            }
            if (gap) {
                flushLocal(FlushReason.GAP);
            }
            switch (m.type()) {
                case Message.KEY:
                    invalidateLocal(m.name(), true);
                    break;
                case Message.TAG:
                    Generation g = generations.get(m.name());
                    if (g != null) {
                        g.advanceTo(m.generation());
                    }
                    break;
                case Message.ALL:
                    allGeneration.advanceTo(m.generation());
                    flushLocal(FlushReason.INVALIDATE_ALL);
                    break;
                default:
                    return;
            }
            long lag = Math.max(0, System.currentTimeMillis() - m.sentAtMillis());
            safeRecord(() -> recorder.recordInvalidationReceived(m.invalidationType(), lag));
        }

        @Override
        public void onConnectionLost() {
            lost();
        }

        @Override
        public void onConnectionRestored() {
            // health returns with the next own heartbeat heard; messages sent meanwhile are lost, so start afresh
            flushLocal(FlushReason.SUBSCRIPTION_LOST);
        }

        void close() {
            RemoteStore.Subscription s = subscription;
            if (s != null) {
                s.close();
            }
        }
    }

    private record Sender(long high, long low) {}

    /**
     * Builds a {@link TieredCache}. Every setting is checked when set; {@link #build()} checks the combination.
     *
     * @param <K> the key type
     * @param <V> the value type
     */
    public static final class Builder<K, V> {
        /** Default L1 maximum size: 10 000 entries. */
        public static final long DEFAULT_LOCAL_MAXIMUM_SIZE = 10_000;
        /** Default L1 time to live: 5 minutes (never longer than the entry's remaining L2 time to live). */
        public static final Duration DEFAULT_LOCAL_TTL = Duration.ofMinutes(5);
        /** Default TTL jitter: up to 10 % shorter, drawn per entry, so entries loaded together expire apart. */
        public static final double DEFAULT_JITTER = 0.1;
        /** Default Redis command timeout: 100 ms, so a dead Redis costs a miss 100 ms at most, once. */
        public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofMillis(100);
        /** Default consecutive Redis failures that open the breaker: 5. */
        public static final int DEFAULT_BREAKER_FAILURES = 5;
        /** Default time the breaker stays open before one probe: 1 second. */
        public static final Duration DEFAULT_BREAKER_OPEN = Duration.ofSeconds(1);
        /** Default heartbeat interval: 250 ms; a lost subscription is noticed after 4 missed beats (1 s). */
        public static final Duration DEFAULT_HEARTBEAT = Duration.ofMillis(250);
        /** Default L1 time to live while invalidations are not being received: 5 seconds. */
        public static final Duration DEFAULT_DEGRADED_LOCAL_TTL = Duration.ofSeconds(5);
        /** Default tombstone lifetime: 1 minute; a load slower than this may write its value back after an invalidation. */
        public static final Duration DEFAULT_TOMBSTONE_TTL = Duration.ofMinutes(1);
        /** Default XFetch beta: 1.0 (0 turns early refresh off). */
        public static final double DEFAULT_EARLY_REFRESH_BETA = 1.0;
        /** Default longest wait for another instance's lease before loading anyway: 2 seconds. */
        public static final Duration DEFAULT_LEASE_WAIT = Duration.ofSeconds(2);

        private final String name;
        private String namespace;
        private Function<? super K, String> keyMapper = String::valueOf;
        private @Nullable Function<? super K, ? extends Collection<String>> tagger;
        private @Nullable Function<? super K, String> prefixOf;
        private long localMaximumSize = DEFAULT_LOCAL_MAXIMUM_SIZE;
        private Duration localTtl = DEFAULT_LOCAL_TTL;
        private boolean localSet;
        private @Nullable RemoteStore remote;
        private @Nullable Duration remoteTtl;
        private @Nullable ValueCodec<V> codec;
        private double jitter = DEFAULT_JITTER;
        private @Nullable Duration negativeTtl;
        private Duration degradedLocalTtl = DEFAULT_DEGRADED_LOCAL_TTL;
        private Duration tombstoneTtl = DEFAULT_TOMBSTONE_TTL;
        private Duration commandTimeout = DEFAULT_COMMAND_TIMEOUT;
        private RemoteFailurePolicy policy = RemoteFailurePolicy.FAIL_OPEN;
        private int breakerFailures = DEFAULT_BREAKER_FAILURES;
        private Duration breakerOpen = DEFAULT_BREAKER_OPEN;
        private @Nullable Duration lease;
        private Duration leaseWait = DEFAULT_LEASE_WAIT;
        private double beta = DEFAULT_EARLY_REFRESH_BETA;
        private Duration staleWhileRevalidate = Duration.ZERO;
        private Duration staleIfError = Duration.ZERO;
        private boolean invalidationMessages = true;
        private Duration heartbeat = DEFAULT_HEARTBEAT;
        private CacheRecorder.Factory recorderFactory = n -> CacheRecorder.disabled();
        private InvalidationListener listener = InvalidationListener.NONE;
        private @Nullable FindingSink findingSink;
        private @Nullable Ticker ticker;
        private Executor executor = ForkJoinPool.commonPool();
        private @Nullable ScheduledExecutorService scheduler;

        private Builder(String name) {
            Require.nonBlank(name, "name");
            Require.argument(name.matches("[A-Za-z0-9._-]+"),
                    "name must use letters, digits, '.', '_' or '-' only, but was '%s'", name);
            this.name = name;
            this.namespace = "perfkit:" + name;
        }

        /**
         * Sets the Redis key namespace (default {@code perfkit:<name>}). Keys are {@code <namespace>:k:<key>},
         * generation counters {@code <namespace>:g:} and {@code <namespace>:tag:<tag>}, leases
         * {@code <namespace>:lease:<key>}, and the invalidation channel {@code <namespace>:invalidations}. Every
         * instance sharing the cache must use the same namespace; add a version suffix to retire old data.
         *
         * @param namespace no whitespace and none of {@code * ? [ ] { }}
         * @return this builder
         */
        public Builder<K, V> namespace(String namespace) {
            Require.nonBlank(namespace, "namespace");
            Require.argument(namespace.matches("[^\\s*?\\[\\]{}]+"),
                    "namespace must not contain whitespace or any of * ? [ ] { }, but was '%s'", namespace);
            this.namespace = namespace;
            return this;
        }

        /**
         * Sets how a key becomes a string (default {@code String::valueOf}). It must be injective and stable across
         * instances and releases. With {@code String} keys the default allocates nothing on an L1 hit.
         *
         * @param keyMapper the mapping
         * @return this builder
         */
        public Builder<K, V> keyMapper(Function<? super K, String> keyMapper) {
            this.keyMapper = Require.nonNull(keyMapper, "keyMapper");
            return this;
        }

        /**
         * Sets the tags of a key, for {@link TieredCache#invalidateTag} (for example a tenant id, or a key prefix).
         * Tags should come from a bounded set: this instance keeps one generation counter per tag seen.
         *
         * @param tagger returns the key's tags (may be empty)
         * @return this builder
         */
        public Builder<K, V> tags(Function<? super K, ? extends Collection<String>> tagger) {
            this.tagger = Require.nonNull(tagger, "tags");
            return this;
        }

        /**
         * Sets the prefix of a key, for {@link TieredCache#invalidatePrefix} (for example the part before the first
         * ':'). Like tags, prefixes should come from a bounded set.
         *
         * @param prefixOf returns the key's prefix
         * @return this builder
         */
        public Builder<K, V> prefix(Function<? super K, String> prefixOf) {
            this.prefixOf = Require.nonNull(prefixOf, "prefix");
            return this;
        }

        /**
         * Sets the L1 size and time to live (defaults {@link #DEFAULT_LOCAL_MAXIMUM_SIZE},
         * {@link #DEFAULT_LOCAL_TTL}).
         *
         * @param maximumSize the most entries L1 holds, at least 1
         * @param ttl how long an entry lives in L1 at most, positive
         * @return this builder
         */
        public Builder<K, V> local(long maximumSize, Duration ttl) {
            Require.state(!localSet, "local was already set");
            Require.atLeast(maximumSize, 1, "local maximumSize");
            this.localMaximumSize = maximumSize;
            this.localTtl = Require.positive(ttl, "local ttl");
            this.localSet = true;
            return this;
        }

        /**
         * Adds the Redis L2 and the invalidation channel between instances.
         *
         * @param store the store; not closed by the cache, the caller owns it
         * @param ttl how long an entry lives in Redis, positive
         * @return this builder
         */
        public Builder<K, V> remote(RemoteStore store, Duration ttl) {
            Require.state(remote == null, "remote was already set");
            this.remote = Require.nonNull(store, "remote store");
            this.remoteTtl = Require.positive(ttl, "remote ttl");
            return this;
        }

        /**
         * Sets the value codec for L2 (required with a remote store; see {@link ValueCodec#json(Class)}).
         *
         * @param codec the codec
         * @return this builder
         */
        public Builder<K, V> codec(ValueCodec<V> codec) {
            Require.state(this.codec == null, "codec was already set");
            this.codec = Require.nonNull(codec, "codec");
            return this;
        }

        /**
         * Sets the TTL jitter: each entry's TTL is shortened by a random fraction up to this (default
         * {@link #DEFAULT_JITTER}).
         *
         * @param fraction between 0 and 0.5
         * @return this builder
         */
        public Builder<K, V> ttlJitter(double fraction) {
            this.jitter = Require.between(fraction, 0, 0.5, "ttlJitter");
            return this;
        }

        /**
         * Caches a loader's null result as an absence for this long, in both tiers (default: nulls are not cached).
         *
         * @param ttl positive
         * @return this builder
         */
        public Builder<K, V> cacheNulls(Duration ttl) {
            this.negativeTtl = Require.positive(ttl, "cacheNulls ttl");
            return this;
        }

        /**
         * Sets the L1 time to live used while this instance does not receive invalidations (default
         * {@link #DEFAULT_DEGRADED_LOCAL_TTL}): the staleness bound during a Redis outage.
         *
         * @param ttl positive
         * @return this builder
         */
        public Builder<K, V> degradedLocalTtl(Duration ttl) {
            this.degradedLocalTtl = Require.positive(ttl, "degradedLocalTtl");
            return this;
        }

        /**
         * Sets how long an invalidated key keeps its tombstone in Redis (default {@link #DEFAULT_TOMBSTONE_TTL});
         * set it above your slowest load.
         *
         * @param ttl positive
         * @return this builder
         */
        public Builder<K, V> tombstoneTtl(Duration ttl) {
            this.tombstoneTtl = Require.positive(ttl, "tombstoneTtl");
            return this;
        }

        /**
         * Sets the Redis command timeout (default {@link #DEFAULT_COMMAND_TIMEOUT}).
         *
         * @param timeout positive
         * @return this builder
         */
        public Builder<K, V> commandTimeout(Duration timeout) {
            this.commandTimeout = Require.positive(timeout, "commandTimeout");
            return this;
        }

        /**
         * Sets what happens when Redis is unavailable (default {@link RemoteFailurePolicy#FAIL_OPEN}).
         *
         * @param policy the policy
         * @return this builder
         */
        public Builder<K, V> failurePolicy(RemoteFailurePolicy policy) {
            this.policy = Require.nonNull(policy, "failurePolicy");
            return this;
        }

        /**
         * Sets the circuit breaker (defaults {@link #DEFAULT_BREAKER_FAILURES}, {@link #DEFAULT_BREAKER_OPEN}).
         *
         * @param consecutiveFailures failures in a row that open it, at least 1
         * @param openFor how long it stays open before a probe, positive
         * @return this builder
         */
        public Builder<K, V> circuitBreaker(int consecutiveFailures, Duration openFor) {
            Require.atLeast(consecutiveFailures, 1, "circuitBreaker consecutiveFailures");
            this.breakerFailures = consecutiveFailures;
            this.breakerOpen = Require.positive(openFor, "circuitBreaker openFor");
            return this;
        }

        /**
         * Turns on the cross-instance lease: on an L2 miss, one instance takes {@code SET NX PX} on a lease key
         * and loads; the others poll L2 until the value appears (up to {@link #DEFAULT_LEASE_WAIT}), then load
         * themselves. Released with a token check, so an expired lease never deletes another holder's.
         *
         * @param ttl the lease lifetime, above the usual load time, positive
         * @return this builder
         */
        public Builder<K, V> lease(Duration ttl) {
            this.lease = Require.positive(ttl, "lease");
            return this;
        }

        /**
         * Sets how long a miss waits for another instance's lease before loading itself.
         *
         * @param wait non-negative
         * @return this builder
         */
        public Builder<K, V> leaseWait(Duration wait) {
            this.leaseWait = Require.nonNegative(wait, "leaseWait");
            return this;
        }

        /**
         * Sets early refresh (XFetch): a read shortly before expiry reloads in the background with a probability
         * rising as expiry nears, scaled by the last load time and {@code beta}, while callers keep getting the
         * current value. 0 turns it off; default {@link #DEFAULT_EARLY_REFRESH_BETA}.
         *
         * @param beta between 0 and 10
         * @return this builder
         */
        public Builder<K, V> earlyRefresh(double beta) {
            this.beta = Require.between(beta, 0, 10, "earlyRefresh beta");
            return this;
        }

        /**
         * Lets {@code get} serve an L1 entry up to {@code window} past its expiry while it reloads the key in the
         * background (stale-while-revalidate), so a hot key never makes a caller wait for the loader. Invalidated
         * entries are never served. Default zero: an expired entry is a miss.
         *
         * @param window non-negative
         * @return this builder
         */
        public Builder<K, V> staleWhileRevalidate(Duration window) {
            this.staleWhileRevalidate = Require.nonNegative(window, "staleWhileRevalidate");
            return this;
        }

        /**
         * Lets {@code get} return an L1 entry up to {@code window} past its expiry when reloading it fails (the
         * loader throws, or Redis is down under FAIL_CLOSED), instead of the error. Invalidated entries are never
         * served; each use is counted as {@code cache.remote.failures{operation=stale-if-error}}. Default zero.
         *
         * @param window non-negative
         * @return this builder
         */
        public Builder<K, V> staleIfError(Duration window) {
            this.staleIfError = Require.nonNegative(window, "staleIfError");
            return this;
        }

        /**
         * Turns the invalidation channel between instances off (default on). Only for a cache that is never
         * written by more than one instance.
         *
         * @return this builder
         */
        public Builder<K, V> withoutInvalidationMessages() {
            this.invalidationMessages = false;
            return this;
        }

        /**
         * Sets the heartbeat interval of the invalidation channel (default {@link #DEFAULT_HEARTBEAT}).
         *
         * @param interval positive
         * @return this builder
         */
        public Builder<K, V> heartbeat(Duration interval) {
            this.heartbeat = Require.positive(interval, "heartbeat");
            return this;
        }

        /**
         * Sets where metrics go, e.g. {@code MicrometerCacheRecorder.factory(registry)} (default: nowhere).
         *
         * @param factory creates the recorder for this cache
         * @return this builder
         */
        public Builder<K, V> recorder(CacheRecorder.Factory factory) {
            this.recorderFactory = Require.nonNull(factory, "recorder");
            return this;
        }

        /**
         * Reports a {@link FindingKind#CACHE_DEGRADED} finding each time the breaker opens (de-duplicated by
         * perf-core's {@link FindingPublisher}).
         *
         * @param sink where findings go
         * @return this builder
         */
        public Builder<K, V> findings(FindingSink sink) {
            this.findingSink = Require.nonNull(sink, "findings");
            return this;
        }

        /**
         * Sets an observer of applied invalidations.
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder<K, V> invalidationListener(InvalidationListener listener) {
            this.listener = Require.nonNull(listener, "invalidationListener");
            return this;
        }

        /**
         * Sets the time source for L1 expiry and early refresh (default: a coarse ticker advanced every
         * millisecond by the cache's scheduler thread, so a hit reads no clock).
         *
         * @param ticker the ticker
         * @return this builder
         */
        public Builder<K, V> ticker(Ticker ticker) {
            this.ticker = Require.nonNull(ticker, "ticker");
            return this;
        }

        /**
         * Sets the executor for background refreshes and async calls (default the common pool; not shut down by
         * the cache).
         *
         * @param executor the executor
         * @return this builder
         */
        public Builder<K, V> executor(Executor executor) {
            this.executor = Require.nonNull(executor, "executor");
            return this;
        }

        /**
         * Sets the scheduler for the heartbeat and the coarse ticker (default: one daemon thread owned and stopped
         * by the cache; a scheduler passed here is not shut down).
         *
         * @param scheduler the scheduler
         * @return this builder
         */
        public Builder<K, V> scheduler(ScheduledExecutorService scheduler) {
            this.scheduler = Require.nonNull(scheduler, "scheduler");
            return this;
        }

        /**
         * Builds the cache. It starts even when Redis is down, and connects when Redis comes up.
         *
         * @return the cache
         * @throws IllegalStateException when a remote store is set without a codec, or a lease without a store
         */
        public TieredCache<K, V> build() {
            Require.state(remote == null || codec != null, "a remote store needs a codec: call codec(...)");
            Require.state(lease == null || remote != null, "lease needs a remote store");
            return new TieredCache<>(this);
        }
    }
}
