/**
 * A two-level cache: a Caffeine L1 in each instance over a shared Redis L2, that stays correct across
 * instances and keeps serving when Redis fails; and a Redis {@link io.perfkit.cache.RateLimiter}.
 *
 * <pre>{@code
 * try (TieredCache<Long, Book> books = TieredCache.<Long, Book>builder("books")
 *         .local(10_000, Duration.ofMinutes(5))
 *         .remote(LettuceRemoteStore.create(redisClient), Duration.ofHours(1))
 *         .codec(ValueCodec.json(Book.class))
 *         .build()) {
 *     Book book = books.get(42L, id -> repository.load(id));
 * }
 * }</pre>
 *
 * <p>Lettuce types appear only in {@link io.perfkit.cache.redis}, Micrometer types only in
 * {@link io.perfkit.cache.micrometer}.
 */
@NullMarked
package io.perfkit.cache;

import org.jspecify.annotations.NullMarked;
