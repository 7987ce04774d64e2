package com.example.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.perfkit.cache.RateLimitDecision;
import io.perfkit.cache.RateLimiter;
import io.perfkit.cache.RemoteFailurePolicy;
import io.perfkit.cache.TieredCache;
import io.perfkit.cache.ValueCodec;
import io.perfkit.cache.micrometer.MicrometerCacheRecorder;
import io.perfkit.cache.micrometer.MicrometerRateLimitRecorder;
import io.perfkit.cache.redis.LettuceRemoteStore;
import io.perfkit.testkit.RealServers;
import io.perfkit.testkit.TestRedis;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** The examples of docs/cache.md, compiled and run against the real Redis (regions between tag comments). */
@RealServers
class CacheDocsExamplesIT {
    record Book(String isbn, String title, String tenant) {}

    /** Stands in for the application's database access. */
    static final class BookRepository {
        final Map<String, Book> rows = new ConcurrentHashMap<>(Map.of(
                "978-0134685991", new Book("978-0134685991", "Effective Java", "acme")));
        int reads;

        Book findByIsbn(String isbn) {
            reads++;
            return rows.get(isbn);
        }
    }

    @Test
    void buildingAndUsingACache(TestRedis testRedis) throws Exception {
        BookRepository repository = new BookRepository();
        MeterRegistry registry = new SimpleMeterRegistry();
        String namespace = testRedis.key("books");
        // tag::build[]
        RedisClient redisClient = RedisClient.create();                  // yours: perfkit never shuts it down
        try (LettuceRemoteStore redis = LettuceRemoteStore.create(redisClient, RedisURI.create(testRedis.uri()));
             TieredCache<String, Book> books = TieredCache.<String, Book>builder("books")
                     .namespace(namespace)                           // default: perfkit:books
                     .local(10_000, Duration.ofMinutes(5))          // L1: Caffeine, per instance
                     .remote(redis, Duration.ofHours(1))            // L2: Redis, shared
                     .codec(ValueCodec.json(Book.class))            // typed JSON; never Java serialization
                     .cacheNulls(Duration.ofMinutes(1))             // remember "no such book" briefly
                     .lease(Duration.ofSeconds(5))                  // one load per key across instances
                     .prefix(isbn -> isbn.substring(0, 7))           // for invalidatePrefix: "978-013"
                     .tags(isbn -> List.of("catalogue"))            // for invalidateTag
                     .failurePolicy(RemoteFailurePolicy.FAIL_OPEN)  // the default: serve through Redis outages
                     .recorder(MicrometerCacheRecorder.factory(registry))
                     .build()) {

            Book book = books.get("978-0134685991", repository::findByIsbn);   // L1 -> L2 -> loader

            repository.rows.put("978-0134685991", new Book("978-0134685991", "Effective Java, 3rd ed.", "acme"));
            books.invalidate("978-0134685991");     // every instance drops it; a load in flight cannot bring it back
            books.invalidatePrefix("978-013");      // O(1): a generation counter moves, nothing is scanned
            books.invalidateTag("catalogue");       // the same for a tag
            // end::build[]
            assertThat(book.title()).isEqualTo("Effective Java");
            assertThat(books.get("978-0134685991", repository::findByIsbn).title())
                    .isEqualTo("Effective Java, 3rd ed.");
            assertThat(registry.get("cache.gets").tags("tier", "l1", "result", "miss").functionCounter().count())
                    .isEqualTo(2);
        } finally {
            redisClient.shutdown();
        }
    }

    @Test
    void rateLimiting(TestRedis testRedis) {
        MeterRegistry registry = new SimpleMeterRegistry();
        RedisClient redisClient = RedisClient.create();
        try (LettuceRemoteStore redis = LettuceRemoteStore.create(redisClient, RedisURI.create(testRedis.uri()))) {
            // tag::ratelimit[]
            RateLimiter logins = RateLimiter.builder("login", redis)
                    .namespace(testRedis.key("login"))           // default: perfkit:rl:login
                    .limit(5, Duration.ofMinutes(1))            // 5 per minute per key, a burst of up to 5
                    .failurePolicy(RemoteFailurePolicy.FAIL_CLOSED) // Redis down: deny (FAIL_OPEN: allow)
                    .recorder(MicrometerRateLimitRecorder.factory(registry))
                    .build();

            RateLimitDecision decision = logins.tryAcquire("user:42");
            if (!decision.allowed()) {
                long retryAfterSeconds = decision.retryAfter().toSeconds() + 1; // e.g. a Retry-After header
            }
            // end::ratelimit[]
            assertThat(decision.allowed()).isTrue();
            for (int i = 0; i < 4; i++) {
                assertThat(logins.tryAcquire("user:42").allowed()).isTrue();
            }
            assertThat(logins.tryAcquire("user:42").allowed()).isFalse();
        } finally {
            redisClient.shutdown();
        }
    }
}
