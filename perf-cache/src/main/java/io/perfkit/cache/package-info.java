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
 *
 * <p>Inside (all package-private): {@code TieredCache} holds the API, the wiring and the L1 hit path, and orders
 * invalidations; {@code LocalTier} is the L1 (Caffeine, per-key and whole-L1 epochs, entry lifetimes);
 * {@code RemoteTier} the L2 path (breaker, timeouts, failure policy, envelopes); {@code Generations} the tag,
 * prefix and whole-cache counters and the snapshot a miss takes; {@code LoadCoordinator} everything after an L1
 * miss (single flight, load timeout, lease, XFetch, stale serving); {@code InvalidationBus} the pub/sub channel
 * (sequence numbers, heartbeats, gaps); {@code CacheMetrics} the guarded recorder calls.
 */
@NullMarked
package io.perfkit.cache;

import org.jspecify.annotations.NullMarked;
