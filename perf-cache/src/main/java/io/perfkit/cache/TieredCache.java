package io.perfkit.cache;

import io.perfkit.core.Finding;
import io.perfkit.core.FindingKind;
import io.perfkit.core.FindingPublisher;
import io.perfkit.core.FindingSink;
import io.perfkit.core.RateLimitedLogger;
import io.perfkit.core.Require;
import io.perfkit.core.Ticker;
import io.perfkit.core.WorkScope;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
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
    private static final String ALL_GEN = "";
    /** The default key mapping; recognised so that a String key skips the mapper call (see {@link #keyOf}). */
    private static final Function<Object, String> DEFAULT_KEY_MAPPER = String::valueOf;
    private static final MethodHandle GET_SLOW;

    static {
        try {
            GET_SLOW = MethodHandles.lookup().findVirtual(TieredCache.class, "getSlow",
                    MethodType.methodType(Object.class, Entry.class, String.class, Object.class, Function.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final String name;
    /** {@code <namespace>:k:}, the Redis key of a cache key without the key; what listeners are told. */
    private final String dataKeyPrefix;
    private final Function<? super K, String> keyMapper;
    /** True with the default mapping, under which a String key is its own string. */
    private final boolean defaultKeyMapper;
    private final boolean hasPrefixes;
    /**
     * The L1's Caffeine cache as a map, read directly by the hit path: {@code asMap()} of a bounded Caffeine cache is
     * the cache itself, so {@code get} skips the {@code Cache} facade (one dependent load) and Caffeine's stats
     * check, which TieredCache does not enable.
     */
    private final ConcurrentMap<String, Entry<V>> l1;
    private final Ticker ticker;
    private final CacheMetrics metrics;
    /** False with no recorder: an L1 hit then skips the recorder call altogether. */
    private final boolean recordsHits;
    private final LocalTier<V> local;
    private final @Nullable RemoteTier<V> remote;
    private final Generations<K> generations;
    /** The whole-cache generation, compared by hits that are not quiet (see {@link Entry#isLive}). */
    private final Generation allGeneration;
    private final LoadCoordinator<K, V> loads;
    /**
     * {@link #getSlow} bound to this cache. {@link #get} calls it through this handle on purpose: C2 does not inline a
     * call through a handle that is not a compile-time constant (an instance field is not one), so the compiled
     * {@code get} is the hit path alone. Called directly, the whole miss path (single flight, L2 read, loader, fill)
     * was inlined into it once misses had been frequent: about 23 KB of machine code instead of 6 KB, which a busy
     * host's C2 thread took seconds to produce while {@code get} kept running in profiling code, several times
     * slower; and once compiled, its hits measured slower than with the miss path kept out. The handle costs a miss
     * a few nanoseconds.
     */
    private final MethodHandle slowGet;
    private final @Nullable InvalidationBus bus;
    private final RemoteFailurePolicy policy;
    private final InvalidationListener listener;
    private final @Nullable FindingPublisher findings;
    private final Executor executor;
    private final @Nullable ScheduledExecutorService ownedScheduler;
    private final CircuitBreaker breaker;
    private final RateLimitedLogger log = RateLimitedLogger.of(LoggerFactory.getLogger(TieredCache.class));
    private final List<ScheduledFuture<?>> tasks = new ArrayList<>();

    private TieredCache(Builder<K, V> b) {
        this.name = b.name;
        String namespace = b.namespace + ":";
        this.dataKeyPrefix = namespace + "k:";
        this.keyMapper = b.keyMapper;
        this.defaultKeyMapper = b.keyMapper == DEFAULT_KEY_MAPPER;
        this.hasPrefixes = b.prefixOf != null;
        this.policy = b.policy;
        this.metrics = new CacheMetrics(b.recorderFactory.create(b.name));
        this.recordsHits = metrics.recorder != CacheRecorder.disabled();
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
        this.slowGet = GET_SLOW.bindTo(this);
        this.breaker = new CircuitBreaker(b.breakerFailures, b.breakerOpen.toNanos(), ticker, this::onBreakerChange);
        long remoteTtlMillis = b.remote == null || b.remoteTtl == null ? 0 : b.remoteTtl.toMillis();
        long negativeTtlMillis = b.negativeTtl == null ? 0 : b.negativeTtl.toMillis();
        this.local = new LocalTier<>(b.localMaximumSize, b.localTtl.toNanos(), b.jitter, negativeTtlMillis,
                remoteTtlMillis, b.degradedLocalTtl.toNanos(), b.beta, ticker, metrics, this::isReceivingInvalidations);
        this.l1 = local.cache.asMap();
        RemoteStore store = b.remote;
        ValueCodec<V> codec = b.codec;
        this.remote = store == null || codec == null ? null
                : new RemoteTier<>(name, namespace, store, codec, Math.max(1, b.commandTimeout.toMillis()),
                        b.tombstoneTtl.toMillis(), policy, breaker, local, metrics, log, this::wholeCacheMoved);
        this.generations = new Generations<>(name, namespace, b.tagger, b.prefixOf, local, remote, log,
                this::wholeCacheMoved);
        this.allGeneration = generations.all;
        this.loads = new LoadCoordinator<>(name, namespace, local, remote, generations, metrics, ticker, executor,
                log, negativeTtlMillis, b.lease == null ? 0 : b.lease.toMillis(), b.leaseWait.toMillis(),
                b.staleWhileRevalidate.toNanos(), b.staleIfError.toNanos(), policy, b.loadTimeout.toNanos());

        if (remote != null && b.invalidationMessages) {
            this.bus = new InvalidationBus(name, remote.store, namespace + "invalidations", b.heartbeat.toNanos(),
                    remote.commandTimeoutMillis, breaker, ticker, metrics, log, new Receiver());
            bus.start(scheduler);
        } else {
            this.bus = null;
        }
        if (remote != null) {
            executor.execute(generations::refreshAll);
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
    @SuppressWarnings("unchecked")
    public @Nullable V get(K key, Function<? super K, ? extends @Nullable V> loader) {
        String k = keyOf(key);
        Entry<V> e = l1.get(k);
        if (e != null && e.isQuiet(ticker.read())) {
            onL1Hit();
            return e.value;
        }
        try {
            return (V) (Object) slowGet.invokeExact(e, k, (Object) key, loader);
        } catch (RuntimeException | Error ex) {
            throw ex;
        } catch (Throwable t) {
            throw TieredCache.<RuntimeException>sneaky(t); // a loader's undeclared checked exception, unchanged
        }
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> T sneaky(Throwable t) throws T {
        throw (T) t;
    }

    /**
     * Returns the value for a key from L1 or L2, without loading.
     *
     * @param key the key
     * @return the value, or null when absent (or cached as absent)
     */
    public @Nullable V getIfPresent(K key) {
        String k = keyOf(key);
        Entry<V> e = l1.get(k);
        if (e != null && e.isLive(ticker.read(), allGeneration)) {
            onL1Hit();
            return e.value;
        }
        return remoteIfPresent(k, key);
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
            String k = keyOf(key);
            Entry<V> e = l1.get(k);
            if (e != null && e.isLive(ticker.read(), allGeneration)) {
                onL1Hit();
                if (e.value != null) {
                    result.put(key, e.value);
                }
            } else {
                metrics.get(Tier.L1, false);
                missing.put(key, k);
            }
        }
        if (missing.isEmpty()) {
            return result;
        }
        loads.loadAll(missing, result, bulkLoader);
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
        String k = keyOf(key);
        Entry<V> e = l1.get(k);
        if (e != null && e.isLive(ticker.read(), allGeneration)) {
            onL1Hit();
            return CompletableFuture.completedFuture(e.value);
        }
        return loads.missAsync(k, key, loader);
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
        String k = keyOf(key);
        invalidateLocal(k, false);
        Snapshot snap = generations.snapshot(k, key);
        Entry<V> e = local.newEntry(value, 0, snap, System.currentTimeMillis());
        RemoteTier<V> r = remote;
        if (r != null) {
            try {
                r.write(k, e, snap);
            } catch (RemoteTier.RemoteFailure f) {
                r.failOrFallback("set", f, "put");
            }
            // a read here that fetched the old L2 value between the first invalidation and the write must not fill
            invalidateLocal(k, false);
            snap = snap.withEpochs(local.epoch(k), local.globalEpoch());
            sendKey(r, k, "put");
        }
        local.fill(k, e, snap);
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
        String k = keyOf(key);
        invalidateLocal(k, false);
        RemoteTier<V> r = remote;
        if (r != null) {
            try {
                r.writeTombstone(k);
            } catch (RemoteTier.RemoteFailure f) {
                r.failOrFallback("set", f, "invalidate");
            }
            // a read here that fetched the old L2 value before the tombstone landed must not fill L1
            invalidateLocal(k, false);
            sendKey(r, k, "invalidate");
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
        String internal = Generations.TAG + tag;
        bumpGeneration(generations.of(internal), Message.TAG, internal);
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
        String internal = Generations.PREFIX_TAG + prefix;
        bumpGeneration(generations.of(internal), Message.TAG, internal);
    }

    /**
     * Invalidates every entry in every instance, in O(1) (the cache's generation counter moves on).
     *
     * @throws CacheUnavailableException under FAIL_CLOSED when Redis is unavailable
     */
    public void invalidateAll() {
        bumpGeneration(generations.all, Message.ALL, ALL_GEN);
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
        InvalidationBus b = bus;
        return b == null || b.isHealthy();
    }

    /**
     * Returns the number of entries in L1 (approximate, as Caffeine's {@code estimatedSize}).
     *
     * @return the estimated L1 size
     */
    public long localSize() {
        return local.size();
    }

    /** Stops the heartbeat and the subscription; does not close the {@link RemoteStore}. */
    @Override
    public void close() {
        for (ScheduledFuture<?> t : tasks) {
            t.cancel(false);
        }
        InvalidationBus b = bus;
        if (b != null) {
            b.close();
        }
        if (ownedScheduler != null) {
            ownedScheduler.shutdownNow();
        }
    }

    @Override
    public String toString() {
        return "TieredCache[" + name + ", l1=" + local.size() + ", remote=" + (remote != null)
                + ", breaker=" + breaker.state() + "]";
    }

    // ---------------------------------------------------------------------------------------------------- reads

    /**
     * An L1 hit: counted (skipped entirely with no recorder) and attributed to the current {@link WorkScope}, whose
     * lookup is one static read in an application that never opened a scope. Kept tiny so that {@link #get}
     * inlines into its caller with it.
     */
    private void onL1Hit() {
        if (recordsHits) {
            metrics.get(Tier.L1, true);
        }
        WorkScope scope = WorkScope.currentOrNull();
        if (scope != null) {
            scope.recordCacheHit();
        }
    }

    /**
     * The key's string. With the default mapping a String key is returned as it is, which is what
     * {@code String.valueOf} returns for it, without the call through the mapper object on the hit path.
     */
    private String keyOf(K key) {
        return defaultKeyMapper && key instanceof String ? (String) key : keyMapper.apply(key);
    }

    /**
     * {@link #get} past the common hit: a hit whose early refresh is due, a stale or outdated entry, a miss. Called
     * through {@link #slowGet}.
     */
    @SuppressWarnings("unused")
    private @Nullable V getSlow(@Nullable Entry<V> e, String k, K key,
            Function<? super K, ? extends @Nullable V> loader) {
        long now;
        if (e != null && e.isLive(now = ticker.read(), allGeneration)) {
            onL1Hit();
            if (now - e.refreshAtTick() >= 0) {
                loads.refreshInBackground(key, k, loader, e);
            }
            return e.value;
        }
        return loads.miss(e, k, key, loader);
    }

    /** {@link #getIfPresent} after an L1 miss: one L2 read, no loader. */
    private @Nullable V remoteIfPresent(String k, K key) {
        metrics.get(Tier.L1, false);
        RemoteTier<V> r = remote;
        if (r == null) {
            return null;
        }
        Snapshot snap = generations.snapshot(k, key);
        RemoteTier.RemoteRead<V> read = r.read(k, snap);
        if (read.entry != null) {
            local.fill(k, read.entry, snap);
            return read.entry.value;
        }
        return null;
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

    // ------------------------------------------------------------------------------------------- invalidation

    private void invalidateLocal(String k, boolean fromRemote) {
        local.invalidate(k);
        loads.forget(k);
        try {
            listener.onKeyInvalidated(dataKeyPrefix + k, fromRemote);
        } catch (RuntimeException ignored) {
            // a throwing listener must not stop invalidation
        }
    }

    private void flushLocal(FlushReason reason) {
        local.flush();
        loads.forgetAll();
        metrics.flush(reason);
        try {
            listener.onFlush(reason);
        } catch (RuntimeException ignored) {
            // a throwing listener must not stop the flush
        }
    }

    private void sendKey(RemoteTier<V> r, String k, String operation) {
        InvalidationBus b = bus;
        if (b != null && !b.send(Message.KEY, k, 0)) {
            r.failOrFallback("publish", null, operation);
        }
    }

    /**
     * Moves a generation on in Redis and here, and tells the other instances. For the whole-cache generation, L1 is
     * flushed right after the local move, before anything else: L1 hits do not compare that generation (see
     * {@link Entry#isQuiet}), so the flush is what retires the entries of the old one.
     */
    private void bumpGeneration(Generation g, byte type, String tagName) {
        boolean whole = g == generations.all;
        RemoteTier<V> r = remote;
        if (r == null) {
            g.incrementAndGet();
            if (whole) {
                flushLocal(FlushReason.INVALIDATE_ALL);
            }
            return;
        }
        try {
            Long next = r.call("generation", () -> r.store.increment(g.redisKey));
            g.advanceTo(next);
            if (whole) {
                flushLocal(FlushReason.INVALIDATE_ALL);
            }
            InvalidationBus b = bus;
            if (b != null && !b.send(type, tagName, next)) {
                r.failOrFallback("publish", null, "invalidate");
            }
        } catch (RemoteTier.RemoteFailure f) {
            if (policy == RemoteFailurePolicy.FAIL_CLOSED) {
                throw new CacheUnavailableException("cache '" + name + "': Redis unavailable, cannot invalidate",
                        f.getCause());
            }
            r.fallback("generation", f);
            // One clear of L1, counted once: for invalidateAll it is the clear the caller asked for (the failure is
            // counted by the fallback); for a tag or prefix, the safe stand-in for the generation that did not move.
            flushLocal(whole ? FlushReason.INVALIDATE_ALL : FlushReason.SEND_FAILED);
        }
    }

    /** Another instance's invalidateAll, learned from Redis before (or instead of) its message. */
    private void wholeCacheMoved() {
        flushLocal(FlushReason.INVALIDATE_ALL);
    }

    private void onBreakerChange(BreakerState state) {
        metrics.breakerState(state);
        FindingPublisher publisher = findings;
        if (state == BreakerState.OPEN && publisher != null) {
            CacheMetrics.safely(() -> publisher.publish(Finding.builder(FindingKind.CACHE_DEGRADED,
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
                executor.execute(generations::refreshAll);
            } catch (RuntimeException ignored) {
                // executor shut down: generations are re-read lazily
            }
        }
    }

    /** Applies what other instances announce. */
    private final class Receiver implements InvalidationBus.Receiver {
        @Override
        public void invalidateKey(String k) {
            invalidateLocal(k, true);
        }

        @Override
        public void advanceTag(String tag, long generation) {
            Generation g = generations.ifKnown(tag);
            if (g != null) {
                g.advanceTo(generation);
            }
        }

        @Override
        public void invalidateAll(long generation) {
            generations.all.advanceTo(generation);
            flushLocal(FlushReason.INVALIDATE_ALL);
        }

        @Override
        public void flush(FlushReason reason) {
            flushLocal(reason);
        }
    }

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
        /**
         * Default tombstone lifetime: 1 minute; a load slower than this may write its value back after an
         * invalidation.
         */
        public static final Duration DEFAULT_TOMBSTONE_TTL = Duration.ofMinutes(1);
        /** Default XFetch beta: 1.0 (0 turns early refresh off). */
        public static final double DEFAULT_EARLY_REFRESH_BETA = 1.0;
        /** Default longest wait for another instance's lease before loading anyway: 2 seconds. */
        public static final Duration DEFAULT_LEASE_WAIT = Duration.ofSeconds(2);

        private final String name;
        private String namespace;
        private Function<? super K, String> keyMapper = DEFAULT_KEY_MAPPER;
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
        private Duration loadTimeout = Duration.ZERO;
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
         * Bounds how long a caller waits for a load of the same key that another caller started (single flight).
         * Without it, a loader that hangs holds every caller of its key until it returns. With it, a waiter gives up
         * when the load has run this long and gets a {@link CacheLoadTimeoutException} (or, with
         * {@link #staleIfError}, the expired value it found, within that window); the next caller after that starts
         * a new load instead of joining the stuck one, and the stuck load's late result can no longer land in L1.
         * The caller running the loader is not interrupted: the loader is your code. {@code getAsync} applies the
         * same bound to the futures it returns, the leader's included. Each time-out and take-over is counted as
         * {@code cache.remote.failures{operation=load-timeout}}. Default: no bound.
         *
         * <pre>{@code
         * TieredCache.<String, Book>builder("books").loadTimeout(Duration.ofSeconds(2)) ...
         * }</pre>
         *
         * @param timeout positive
         * @return this builder
         */
        public Builder<K, V> loadTimeout(Duration timeout) {
            this.loadTimeout = Require.positive(timeout, "loadTimeout");
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
