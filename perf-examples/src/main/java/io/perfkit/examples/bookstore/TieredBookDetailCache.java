package io.perfkit.examples.bookstore;

import io.micrometer.core.instrument.MeterRegistry;
import io.perfkit.cache.RemoteStore;
import io.perfkit.cache.TieredCache;
import io.perfkit.cache.ValueCodec;
import io.perfkit.cache.micrometer.MicrometerCacheRecorder;
import java.time.Duration;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * The book-detail cache on perf-cache's {@link TieredCache}: a Caffeine L1 in this instance over a Redis L2 shared
 * by every instance, in front of the loader. An invalidation takes effect here once {@link #invalidate(long)}
 * returns and on the other instances when they receive its pub/sub message, and a load in flight during an
 * invalidation cannot put the old row back (per-key epochs in L1, a tombstone and compare-and-set in L2). Values
 * travel as typed JSON, never Java serialization. A missing book is not cached. Hits and misses are recorded on
 * the current {@link io.perfkit.core.WorkScope} by the cache itself; its meters are {@code cache.*} with
 * {@code cache=book-detail} and a {@code tier} tag.
 */
public final class TieredBookDetailCache implements BookDetailCache {
    /** The cache's name: the {@code cache} tag of its meters. */
    public static final String NAME = "book-detail";
    /** Entries kept in each instance: the load test's hot set is 2,000 books. */
    static final int LOCAL_SIZE = 20_000;
    /** How long an entry lives, in both tiers. */
    static final Duration TTL = Duration.ofMinutes(10);

    private final TieredCache<Long, Api.BookDetail> cache;

    private TieredBookDetailCache(TieredCache<Long, Api.BookDetail> cache) {
        this.cache = cache;
    }

    /**
     * Creates the cache.
     *
     * @param store the Redis store for L2 and invalidation messages; not closed by this cache
     * @param namespace the Redis key prefix and channel of this cache, the same on every instance
     * @param registry where the {@code cache.*} meters go
     * @return the cache; close it to stop its heartbeat and subscription
     */
    public static TieredBookDetailCache create(RemoteStore store, String namespace, MeterRegistry registry) {
        return new TieredBookDetailCache(TieredCache.<Long, Api.BookDetail>builder(NAME)
                .namespace(namespace)
                .local(LOCAL_SIZE, TTL)
                .remote(store, TTL)
                .codec(ValueCodec.json(Api.BookDetail.class))
                .recorder(MicrometerCacheRecorder.factory(registry))
                .build());
    }

    @Override
    public Optional<Api.BookDetail> get(long id, LongFunction<Optional<Api.BookDetail>> loader) {
        return Optional.ofNullable(cache.get(id, key -> loader.apply(key).orElse(null)));
    }

    @Override
    public void invalidate(long id) {
        cache.invalidate(id);
    }

    @Override
    public void invalidateAll() {
        cache.invalidateAll();
    }

    @Override
    public void close() {
        cache.close();
    }
}
