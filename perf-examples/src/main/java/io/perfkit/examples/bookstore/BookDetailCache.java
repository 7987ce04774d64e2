package io.perfkit.examples.bookstore;

import java.util.Optional;
import java.util.function.LongFunction;

/**
 * Caches book details for the detail endpoint's tuned mode. The service uses {@link TieredBookDetailCache}
 * (perf-cache's {@code TieredCache}: Caffeine, then Redis, then the loader; invalidation across instances).
 * Implementations record hits and misses on the current {@link io.perfkit.core.WorkScope}.
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

    /** Drops every entry here and, where the cache is shared or distributed, everywhere (after a re-seed). */
    void invalidateAll();

    /** Releases what the cache owns; the Redis connection it was given stays open. */
    @Override
    void close();
}
