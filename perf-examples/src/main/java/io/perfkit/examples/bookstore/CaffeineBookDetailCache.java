package io.perfkit.examples.bookstore;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.perfkit.core.WorkScope;
import java.time.Duration;
import java.util.Optional;
import java.util.function.LongFunction;
import org.jspecify.annotations.Nullable;

/**
 * A local Caffeine cache of book details, invalidated here at once and on other instances through an
 * {@link InvalidationBus}. Race-free on one instance: Caffeine computes a missing entry under the key's lock and an
 * invalidation waits for it, so a load that read the old row before an update committed is removed by that update's
 * invalidation. Across instances a message can still overtake a load in flight; perf-cache's {@code TieredCache}
 * (per-key epochs, sequence numbers) closes that gap and replaces this class.
 */
public final class CaffeineBookDetailCache implements BookDetailCache {
    private final Cache<Long, Api.BookDetail> cache;
    private final InvalidationBus bus;
    private final AutoCloseable subscription;

    /**
     * Creates the cache and subscribes it to the bus.
     *
     * @param maximumSize the most entries kept
     * @param expireAfterWrite how long an entry lives at most
     * @param bus where invalidations are published and received; not closed by this cache
     * @param registry where the cache's statistics are published as {@code cache.*} meters named {@code book-detail}
     */
    public CaffeineBookDetailCache(long maximumSize, Duration expireAfterWrite, InvalidationBus bus,
            MeterRegistry registry) {
        this.cache = Caffeine.newBuilder()
                .maximumSize(maximumSize)
                .expireAfterWrite(expireAfterWrite)
                .recordStats()
                .build();
        CaffeineCacheMetrics.monitor(registry, cache, "book-detail");
        this.bus = bus;
        this.subscription = bus.subscribe(cache::invalidate);
    }

    @Override
    public Optional<Api.BookDetail> get(long id, LongFunction<Optional<Api.BookDetail>> loader) {
        boolean[] loaded = new boolean[1];
        Api.@Nullable BookDetail detail = cache.get(id, key -> {
            loaded[0] = true;
            return loader.apply(key).orElse(null);
        });
        WorkScope scope = WorkScope.currentOrNull();
        if (scope != null) {
            if (loaded[0]) {
                scope.recordCacheMiss();
            } else {
                scope.recordCacheHit();
            }
        }
        return Optional.ofNullable(detail);
    }

    @Override
    public void invalidate(long id) {
        cache.invalidate(id);
        bus.publish(id);
    }

    /** @return how many entries the cache holds, for tests and the report */
    public long size() {
        return cache.estimatedSize();
    }

    @Override
    public void close() {
        try {
            subscription.close();
        } catch (Exception e) {
            // Closing a subscription releases a Redis listener; nothing the caller can do about a failure.
            InvalidationBus.LOG.warn("unsubscribe-failed", "Could not unsubscribe the book cache", e);
        }
        cache.invalidateAll();
    }
}
