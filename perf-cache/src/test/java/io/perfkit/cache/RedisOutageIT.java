package io.perfkit.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.perfkit.core.CollectingFindingSink;
import io.perfkit.core.FindingKind;
import io.perfkit.core.FindingSink;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Redis stopped, unreachable at start-up, killed mid-run and restarted: a redis-server of the test's own. */
class RedisOutageIT {

    TieredCache.Builder<String, String> cache(Redis redis, CountingRecorder rec) {
        return TieredCache.<String, String>builder("outage")
                .local(1000, Duration.ofMinutes(5))
                .remote(redis.store(), Duration.ofMinutes(5))
                .codec(ValueCodec.utf8())
                .commandTimeout(Duration.ofMillis(200))
                .circuitBreaker(3, Duration.ofMillis(300))
                .recorder(n -> rec);
    }

    @Test
    void startsWithoutRedisKeepsServingThroughAnOutageAndRecovers() throws Exception {
        assumeTrue(RedisProcess.available(), "no redis-server binary at " + RedisProcess.BINARY);
        try (RedisProcess server = new RedisProcess(List.of());
             Redis redis = new Redis(server.url(), "perfkit-outage:")) {
            CountingRecorder rec = new CountingRecorder();
            AtomicInteger loads = new AtomicInteger();
            CollectingFindingSink findings = FindingSink.collecting();
            // 1. built while Redis is down: calls succeed from the loader and L1
            TieredCache<String, String> cache = redis.track(cache(redis, rec).findings(findings).build());
            assertThat(cache.isReceivingInvalidations()).isFalse();
            for (int i = 0; i < 5; i++) {
                assertThat(cache.get("k" + i, k -> "v-" + k + "-" + loads.incrementAndGet())).startsWith("v-k" + i);
            }
            assertThat(cache.get("k0", k -> "reloaded")).isEqualTo("v-k0-1"); // L1 hit
            assertThat(loads).hasValue(5);
            assertThat(rec.count("failure")).isPositive();
            assertThat(cache.breakerState()).isEqualTo(BreakerState.OPEN);
            // The breaker may have opened on the cache's executor (its start-up read of the generations), which
            // publishes the finding right after the state change this thread already saw.
            Await.until(() -> !findings.findings(FindingKind.CACHE_DEGRADED).isEmpty(), "a CACHE_DEGRADED finding");

            // 2. Redis comes up: the store connects, a probe closes the breaker, invalidations flow
            server.start();
            Await.until(() -> {
                cache.get("probe", k -> "p");
                return cache.breakerState() == BreakerState.CLOSED && cache.isReceivingInvalidations();
            }, "breaker closed and subscription up");
            assertThat(rec.count("flush." + FlushReason.REMOTE_RECOVERED)).isPositive();
            cache.get("shared", k -> "from-loader-" + loads.incrementAndGet());
            int loadsBefore = loads.get();
            TieredCache<String, String> other = redis.track(cache(redis, new CountingRecorder()).build());
            Await.until(other::isReceivingInvalidations, "other instance connected");
            assertThat(other.get("shared", k -> "other-loader")).startsWith("from-loader-"); // via L2
            assertThat(loads).hasValue(loadsBefore);

            // 3. Redis dies mid-run: L1 hits and loader calls keep succeeding, the breaker opens
            long failuresBefore = rec.count("failure");
            server.kill();
            Await.until(() -> !cache.isReceivingInvalidations(), "the subscription loss noticed");
            assertThat(rec.count("flush." + FlushReason.SUBSCRIPTION_LOST)).isPositive();
            for (int i = 0; i < 10; i++) {
                String k = "down" + i;
                assertThat(cache.get(k, key -> "v-" + key)).isEqualTo("v-" + k);
                assertThat(cache.get(k, key -> "again")).isEqualTo("v-" + k); // served from L1
            }
            cache.invalidate("down0"); // cannot reach the others; counted, not thrown
            assertThat(cache.get("down0", key -> "fresh")).isEqualTo("fresh");
            assertThat(cache.breakerState()).isNotEqualTo(BreakerState.CLOSED);
            assertThat(rec.count("failure")).isGreaterThan(failuresBefore);
            long allFlushes = rec.count("flush." + FlushReason.INVALIDATE_ALL);
            long sendFailedFlushes = rec.count("flush." + FlushReason.SEND_FAILED);
            cache.invalidateAll(); // cannot move the shared generation: L1 is cleared once, counted once
            assertThat(rec.count("flush." + FlushReason.INVALIDATE_ALL)).isEqualTo(allFlushes + 1);
            assertThat(rec.count("flush." + FlushReason.SEND_FAILED)).isEqualTo(sendFailedFlushes);
            assertThat(cache.get("down1", key -> "after-invalidate-all")).isEqualTo("after-invalidate-all");

            // 4. Redis returns on the same port: the cache recovers by itself
            server.start();
            Await.until(() -> {
                cache.get("probe2", k -> "p");
                return cache.breakerState() == BreakerState.CLOSED && cache.isReceivingInvalidations();
            }, "recovered after restart");
            cache.invalidate("shared");
            Await.until(() -> other.getIfPresent("shared") == null, "invalidation reached the other instance");
        }
    }

    @Test
    void failClosedRefusesMissesButStillServesL1() throws Exception {
        assumeTrue(RedisProcess.available(), "no redis-server binary at " + RedisProcess.BINARY);
        try (RedisProcess server = new RedisProcess(List.of());
             Redis redis = new Redis(server.url(), "perfkit-outage:")) {
            server.start();
            CountingRecorder rec = new CountingRecorder();
            TieredCache<String, String> cache = redis.track(cache(redis, rec)
                    .failurePolicy(RemoteFailurePolicy.FAIL_CLOSED).build());
            Await.until(cache::isReceivingInvalidations, "subscription up");
            assertThat(cache.get("a", k -> "A")).isEqualTo("A");
            server.kill();
            Await.until(() -> !cache.isReceivingInvalidations(), "loss noticed");
            // the loss flushed L1; refill is impossible without Redis under FAIL_CLOSED
            AtomicInteger loads = new AtomicInteger();
            assertThatThrownBy(() -> cache.get("b", k -> "B" + loads.incrementAndGet()))
                    .isInstanceOf(CacheUnavailableException.class);
            assertThat(loads).hasValue(0);
            assertThatThrownBy(() -> cache.invalidate("a")).isInstanceOf(CacheUnavailableException.class);
            assertThat(rec.count("failure")).isPositive();
        }
    }

    @Test
    void rateLimiterFailsOpenOrClosedByPolicyWhenRedisIsDown() throws Exception {
        assumeTrue(RedisProcess.available(), "no redis-server binary at " + RedisProcess.BINARY);
        try (RedisProcess server = new RedisProcess(List.of());
             Redis redis = new Redis(server.url(), "perfkit-outage:")) {
            server.start();
            RateLimiter open = RateLimiter.builder("open", redis.store()).limit(1, Duration.ofHours(1))
                    .commandTimeout(Duration.ofMillis(200)).build();
            RateLimiter closed = RateLimiter.builder("closed", redis.store()).limit(1, Duration.ofHours(1))
                    .commandTimeout(Duration.ofMillis(200)).failurePolicy(RemoteFailurePolicy.FAIL_CLOSED).build();
            Await.until(() -> !open.tryAcquire("warm-up").degraded(), "limiter connected");
            Await.until(() -> !closed.tryAcquire("warm-up").degraded(), "limiter connected");
            assertThat(open.tryAcquire("k").allowed()).isTrue();
            assertThat(open.tryAcquire("k").allowed()).isFalse();
            server.kill();
            RateLimitDecision o = open.tryAcquire("k");
            assertThat(o.allowed()).isTrue();
            assertThat(o.degraded()).isTrue();
            RateLimitDecision c = closed.tryAcquire("other");
            assertThat(c.allowed()).isFalse();
            assertThat(c.degraded()).isTrue();
        }
    }
}
