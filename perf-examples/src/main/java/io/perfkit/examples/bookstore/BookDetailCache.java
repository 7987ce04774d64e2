package io.perfkit.examples.bookstore;

import java.util.Optional;
import java.util.function.LongFunction;

/**
 * Caches book details for the detail endpoint's tuned mode. The seam where perf-cache's {@code TieredCache}
 * (Caffeine, then Redis, then the loader; invalidation across instances) plugs in: today the service uses
 * {@link CaffeineBookDetailCache}, a local Caffeine cache whose invalidations also go to other instances over Redis
 * pub/sub. Implementations record hits and misses on the current {@link io.perfkit.core.WorkScope}.
 */
public interface BookDetailCache extends AutoCloseable {
    /**
     * Returns the book's details, from the cache or else from the loader (a missing book is not cached).
     *
     * @param id the book
     * @param loader loads the details on a miss
     * @return the details, or empty when there is no such book
     */
    Optional<Api.BookDetail> get(long id, LongFunction<Optional<Api.BookDetail>> loader);

    /**
     * Drops the book's entry here and, where the cache is shared or distributed, everywhere.
     *
     * @param id the book
     */
    void invalidate(long id);

    /** Releases what the cache owns; the Redis connection it was given stays open. */
    @Override
    void close();
}
