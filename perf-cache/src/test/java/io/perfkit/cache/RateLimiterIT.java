package io.perfkit.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.perfkit.cache.micrometer.MicrometerRateLimitRecorder;
import io.perfkit.testkit.RealServers;
import io.perfkit.testkit.TestRedis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Redis rate limiter under concurrency from several instances (separate connections, one Redis). */
@RealServers
class RateLimiterIT {
    static Redis redis;

    @BeforeAll
    static void connect(TestRedis testRedis) {
        redis = new Redis(testRedis);
    }

    @AfterAll
    static void disconnect() throws Exception {
        redis.close();
    }

    RateLimiter limiter(String ns, SimpleMeterRegistry registry) {
        return RateLimiter.builder("api", redis.store())
                .namespace(ns)
                .limit(50, Duration.ofHours(1)) // refills one per 72 s: nothing refills during the test
                .commandTimeout(Duration.ofSeconds(2))
                .recorder(MicrometerRateLimitRecorder.factory(registry))
                .build();
    }

    @Test
    void threeInstancesHammeringOneKeyAdmitExactlyTheBurst() throws Exception {
        String ns = redis.namespace("rl");
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        List<RateLimiter> instances = List.of(limiter(ns, registry), limiter(ns, registry), limiter(ns, registry));
        AtomicInteger allowed = new AtomicInteger();
        AtomicInteger deniedWithRetryAfter = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                RateLimiter l = instances.get(t % 3);
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 40; i++) {
                        RateLimitDecision d = l.tryAcquire("user:42");
                        assertThat(d.degraded()).isFalse();
                        if (d.allowed()) {
                            allowed.incrementAndGet();
                        } else if (d.retryAfter().compareTo(Duration.ofSeconds(1)) > 0) {
                            deniedWithRetryAfter.incrementAndGet();
                        }
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(allowed).hasValue(50);
        assertThat(deniedWithRetryAfter).hasValue(320 - 50);
        assertThat(registry.get("ratelimit.decisions").tags("limiter", "api", "result", "allowed", "degraded", "false")
                .counter().count()).isEqualTo(50);
        // another key has its own budget
        assertThat(instances.get(0).tryAcquire("user:43").remaining()).isEqualTo(49);
    }

    @Test
    void multiplePermitsAreAllOrNothing() {
        RateLimiter l = limiter(redis.namespace("rl-permits"), new SimpleMeterRegistry());
        assertThat(l.tryAcquire("k", 30).allowed()).isTrue();
        assertThat(l.tryAcquire("k", 30).allowed()).isFalse();
        RateLimitDecision rest = l.tryAcquire("k", 20);
        assertThat(rest.allowed()).isTrue();
        assertThat(rest.remaining()).isZero();
        assertThat(l.tryAcquire("k").allowed()).isFalse();
    }
}
