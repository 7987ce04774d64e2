package io.perfkit.query.batch;

import io.perfkit.core.Require;
import io.perfkit.core.ScopeKey;
import io.perfkit.core.WorkScope;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Loads values by key in batches, the cure for the N+1 loop ({@code FindingKind.N_PLUS_ONE}): instead of one
 * query per key, the keys are collected and loaded with one query, such as
 * {@code SELECT ... WHERE id = ANY(?)}.
 *
 * <pre>{@code
 * BatchLoader<Long, Author> authors = BatchLoader.builder(
 *         AnyArrayQuery.toOne(dataSource, "SELECT id, name FROM author WHERE id = ANY(?)", "bigint",
 *                 rs -> rs.getLong("id"), rs -> new Author(rs.getLong("id"), rs.getString("name"))))
 *     .build();
 *
 * List<Optional<Author>> byBook = authors.loadMany(books.stream().map(Book::authorId).toList());
 * }</pre>
 *
 * <h2>What a load guarantees</h2>
 * <ul>
 *   <li><b>Key order:</b> {@link #loadMany} returns one element per key given, in the same order; a key given
 *       twice gets the same value twice.</li>
 *   <li><b>Missing keys are empty:</b> {@link Optional#empty()}, never an exception and never a shifted list.
 *       (A one-to-many {@link AnyArrayQuery#toMany} loader answers an empty list instead.)</li>
 *   <li><b>De-duplicated:</b> each distinct key is sent once, however often it was asked for.</li>
 *   <li><b>Chunked:</b> more than {@link Builder#maxBatchSize maxBatchSize} distinct keys are split into
 *       several batches, so a huge key set never builds one enormous statement.</li>
 *   <li><b>Cached:</b> a key loaded once (found or not) is not loaded again within the cache's scope: the
 *       current {@link WorkScope} by default, so one request never loads a key twice and the next request sees
 *       fresh data; or the loader instance ({@link CacheScope#LOADER}); or nothing ({@link CacheScope#NONE}).</li>
 * </ul>
 *
 * <h2>Explicit or deferred</h2>
 * The explicit style, {@link #loadMany}/{@link #loadAll}, is the one to reach for: plain JDBC code that loops
 * over rows already has the keys, so it loads them in one call, gets the values back on the same thread and
 * sees a failure as an ordinary {@link SQLException}. The deferred style, {@link #loadLater} plus
 * {@link #dispatch()}, is for code shaped as one resolver per item (a GraphQL field, a template helper) that
 * cannot gather the keys itself: each call queues its key and gets a future, and one {@code dispatch()} loads
 * every queued key in one batch. Nothing is loaded until you call {@code dispatch()} — there is no timer and no
 * background thread, so when queries run is always visible in your code.
 *
 * <p>Thread-safe. Two threads loading the same uncached key at the same moment may both send it; within one
 * thread a key is never loaded twice in a cache scope.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class BatchLoader<K, V> {
    /** The default largest number of keys sent in one batch: {@value}. */
    public static final int DEFAULT_MAX_BATCH_SIZE = 1_000;

    /** Where a loader keeps the values it has loaded. */
    public enum CacheScope {
        /**
         * In the current {@link WorkScope}, dropped when the scope closes (the default): one request never
         * loads a key twice, and a loader held in a singleton never serves stale data to the next request.
         * Outside any scope nothing is cached (each call still de-duplicates its own keys).
         */
        WORK_SCOPE,
        /** In the loader itself, for its lifetime: create one loader per unit of work. */
        LOADER,
        /** No cache: every call loads its keys (still de-duplicated within the call). */
        NONE
    }

    private final BatchFunction<K, V> function;
    private final int maxBatchSize;
    private final CacheScope cacheScope;
    private final ScopeKey<ConcurrentHashMap<K, Optional<V>>> scopeKey;
    private final ConcurrentHashMap<K, Optional<V>> loaderCache = new ConcurrentHashMap<>();
    private final List<Pending<K, V>> pending = new ArrayList<>(); // guarded by itself

    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong keysRequested = new AtomicLong();
    private final AtomicLong keysLoaded = new AtomicLong();
    private final AtomicLong cacheHits = new AtomicLong();

    private BatchLoader(Builder<K, V> builder) {
        this.function = builder.function;
        this.maxBatchSize = builder.maxBatchSize;
        this.cacheScope = builder.cacheScope;
        this.scopeKey = ScopeKey.named("perf-query.batch-loader." + builder.name);
    }

    /**
     * Starts a loader around a batch function.
     *
     * @param function loads many keys in one round trip, for example {@link AnyArrayQuery#toOne}
     * @param <K> the key type
     * @param <V> the value type
     * @return a builder
     */
    public static <K, V> Builder<K, V> builder(BatchFunction<K, V> function) {
        return new Builder<>(Require.nonNull(function, "function"));
    }

    /**
     * Loads one key; when it is not cached this is a batch of one, so prefer {@link #loadMany} in loops.
     *
     * @param key the key
     * @return its value, or empty when there is none
     * @throws SQLException when the batch function fails
     */
    public Optional<V> load(K key) throws SQLException {
        Require.nonNull(key, "key");
        return loadMany(List.of(key)).get(0);
    }

    /**
     * Loads many keys with as few round trips as possible: cached keys are answered from the cache, the rest
     * are de-duplicated and loaded in batches of at most {@code maxBatchSize}.
     *
     * @param keys the keys, in the order wanted; may repeat; no nulls
     * @return one element per key, in the order of {@code keys}: the value, or empty when there is none
     * @throws SQLException when the batch function fails; values from batches that completed before stay cached
     */
    public List<Optional<V>> loadMany(List<? extends K> keys) throws SQLException {
        Map<K, Optional<V>> found = resolve(keys);
        List<Optional<V>> result = new ArrayList<>(keys.size());
        for (K key : keys) {
            result.add(found.get(key));
        }
        return Collections.unmodifiableList(result);
    }

    /**
     * Loads many keys like {@link #loadMany} and returns the values found as a map.
     *
     * @param keys the keys; may repeat; no nulls
     * @return the keys that have a value, in the order they were first given, with their values; keys without a
     *     value are absent
     * @throws SQLException when the batch function fails
     */
    public Map<K, V> loadAll(Collection<? extends K> keys) throws SQLException {
        Map<K, Optional<V>> found = resolve(keys);
        Map<K, V> result = new LinkedHashMap<>(found.size() * 2);
        for (Map.Entry<K, Optional<V>> e : found.entrySet()) {
            e.getValue().ifPresent(v -> result.put(e.getKey(), v));
        }
        return Collections.unmodifiableMap(result);
    }

    /**
     * Queues a key for the next {@link #dispatch()} (the deferred style). A cached key completes at once.
     *
     * <pre>{@code
     * CompletableFuture<Optional<Author>> author = authors.loadLater(book.authorId());
     * ... // other resolvers queue their keys
     * authors.dispatch(); // one query for every queued key
     * }</pre>
     *
     * @param key the key
     * @return a future completed by {@code dispatch()} with the value or empty, or exceptionally with the
     *     batch function's failure
     */
    public CompletableFuture<Optional<V>> loadLater(K key) {
        Require.nonNull(key, "key");
        Map<K, Optional<V>> cache = cache();
        if (cache != null) {
            Optional<V> cached = cache.get(key);
            if (cached != null) {
                keysRequested.incrementAndGet();
                cacheHits.incrementAndGet();
                return CompletableFuture.completedFuture(cached);
            }
        }
        CompletableFuture<Optional<V>> future = new CompletableFuture<>();
        synchronized (pending) {
            pending.add(new Pending<>(key, future));
        }
        return future;
    }

    /** @return how many {@link #loadLater} calls wait for {@link #dispatch()} */
    public int pendingCount() {
        synchronized (pending) {
            return pending.size();
        }
    }

    /**
     * Loads every key queued by {@link #loadLater} in as few batches as possible and completes their futures,
     * on this thread. Keys queued by callbacks of those futures while they complete are loaded too, in a
     * following batch, until nothing is queued.
     *
     * @return how many keys were queued (duplicates included)
     */
    public int dispatch() {
        int total = 0;
        while (true) {
            List<Pending<K, V>> batch;
            synchronized (pending) {
                if (pending.isEmpty()) {
                    return total;
                }
                batch = new ArrayList<>(pending);
                pending.clear();
            }
            total += batch.size();
            List<K> keys = new ArrayList<>(batch.size());
            for (Pending<K, V> p : batch) {
                keys.add(p.key);
            }
            Map<K, Optional<V>> found;
            try {
                found = resolve(keys);
            } catch (SQLException | RuntimeException e) {
                for (Pending<K, V> p : batch) {
                    p.future.completeExceptionally(e);
                }
                continue;
            }
            for (Pending<K, V> p : batch) {
                p.future.complete(found.get(p.key));
            }
        }
    }

    /**
     * Drops one key from the current cache (after you changed its row), so the next load reads it again.
     *
     * @param key the key
     */
    public void invalidate(K key) {
        Require.nonNull(key, "key");
        Map<K, Optional<V>> cache = cache();
        if (cache != null) {
            cache.remove(key);
        }
    }

    /** Empties the current cache. */
    public void invalidateAll() {
        Map<K, Optional<V>> cache = cache();
        if (cache != null) {
            cache.clear();
        }
    }

    /** @return counts of batches, keys and cache hits since the loader was built */
    public BatchLoaderStats stats() {
        return new BatchLoaderStats(batches.get(), keysRequested.get(), keysLoaded.get(), cacheHits.get());
    }

    /** @return the largest number of keys sent in one batch */
    public int maxBatchSize() {
        return maxBatchSize;
    }

    /** @return where loaded values are cached */
    public CacheScope cacheScope() {
        return cacheScope;
    }

    private @Nullable Map<K, Optional<V>> cache() {
        switch (cacheScope) {
            case LOADER:
                return loaderCache;
            case WORK_SCOPE:
                WorkScope scope = WorkScope.currentOrNull();
                return scope == null ? null : scope.attribute(scopeKey, ConcurrentHashMap::new);
            default:
                return null;
        }
    }

    /** Answers every key, from the cache or by loading; the map holds each distinct key once. */
    private Map<K, Optional<V>> resolve(Collection<? extends K> keys) throws SQLException {
        Require.nonNull(keys, "keys");
        keysRequested.addAndGet(keys.size());
        Map<K, Optional<V>> cache = cache();
        Map<K, Optional<V>> answers = new LinkedHashMap<>(Math.max(4, keys.size() * 2));
        LinkedHashSet<K> missing = new LinkedHashSet<>();
        for (K key : keys) {
            Require.nonNull(key, "keys element");
            if (answers.containsKey(key) || missing.contains(key)) {
                continue;
            }
            Optional<V> cached = cache == null ? null : cache.get(key);
            if (cached != null) {
                cacheHits.incrementAndGet();
                answers.put(key, cached);
            } else {
                missing.add(key);
            }
        }
        if (missing.isEmpty()) {
            return answers;
        }
        List<K> all = new ArrayList<>(missing);
        for (int from = 0; from < all.size(); from += maxBatchSize) {
            List<K> chunk = Collections.unmodifiableList(all.subList(from, Math.min(all.size(), from + maxBatchSize)));
            batches.incrementAndGet();
            keysLoaded.addAndGet(chunk.size());
            Map<K, V> loaded = function.load(chunk);
            Require.state(loaded != null, "BatchFunction %s returned null; return an empty map instead", function);
            for (K key : chunk) {
                Optional<V> value = Optional.ofNullable(loaded.get(key));
                answers.put(key, value);
                if (cache != null) {
                    cache.put(key, value);
                }
            }
        }
        return answers;
    }

    @Override
    public String toString() {
        return "BatchLoader[maxBatchSize=" + maxBatchSize + ", cacheScope=" + cacheScope + ", " + stats() + "]";
    }

    private static final class Pending<K, V> {
        final K key;
        final CompletableFuture<Optional<V>> future;

        Pending(K key, CompletableFuture<Optional<V>> future) {
            this.key = key;
            this.future = future;
        }
    }

    /**
     * Builds a {@link BatchLoader}.
     *
     * @param <K> the key type
     * @param <V> the value type
     */
    public static final class Builder<K, V> {
        private final BatchFunction<K, V> function;
        private int maxBatchSize = DEFAULT_MAX_BATCH_SIZE;
        private CacheScope cacheScope = CacheScope.WORK_SCOPE;
        private String name = "unnamed";

        private Builder(BatchFunction<K, V> function) {
            this.function = function;
        }

        /**
         * Sets the largest number of distinct keys sent in one batch; larger key sets are split.
         *
         * @param keys at least 1; default {@link #DEFAULT_MAX_BATCH_SIZE}
         * @return this builder
         */
        public Builder<K, V> maxBatchSize(int keys) {
            Require.argument(keys >= 1, "maxBatchSize must be >= 1, but was %s", keys);
            this.maxBatchSize = keys;
            return this;
        }

        /**
         * Sets where loaded values are cached.
         *
         * @param scope default {@link CacheScope#WORK_SCOPE}
         * @return this builder
         */
        public Builder<K, V> cache(CacheScope scope) {
            this.cacheScope = Require.nonNull(scope, "cache");
            return this;
        }

        /**
         * Names the loader, for {@code toString} and debugging.
         *
         * @param name a short name such as {@code "authors"}
         * @return this builder
         */
        public Builder<K, V> name(String name) {
            this.name = Require.nonBlank(name, "name");
            return this;
        }

        /** @return the loader */
        public BatchLoader<K, V> build() {
            return new BatchLoader<>(this);
        }
    }
}
