package io.perfkit.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perfkit.core.ScopeReport;
import io.perfkit.core.WorkScope;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** TieredCache without an L2 (a single instance), timed by a fake ticker: no Redis, no sleeping. */
class TieredCacheLocalTest {
    final AtomicLong now = new AtomicLong(1_000_000_000L);
    final AtomicInteger loads = new AtomicInteger();
    TieredCache<String, String> cache;

    TieredCache.Builder<String, String> builder() {
        return TieredCache.<String, String>builder("local")
                .local(100, Duration.ofSeconds(10))
                .ttlJitter(0)
                .ticker(now::get)
                .executor(Runnable::run);
    }

    @AfterEach
    void close() {
        if (cache != null) {
            cache.close();
        }
    }

    String load(String k) {
        return k + "-" + loads.incrementAndGet();
    }

    @Test
    void loadsOnceAndServesFromL1UntilTheTtl() {
        cache = builder().earlyRefresh(0).build();
        assertThat(cache.get("a", this::load)).isEqualTo("a-1");
        assertThat(cache.get("a", this::load)).isEqualTo("a-1");
        now.addAndGet(TimeUnit.SECONDS.toNanos(10));
        assertThat(cache.get("a", this::load)).isEqualTo("a-2");
    }

    @Test
    @org.junit.jupiter.api.Timeout(60)
    void aWaiterWhoseLoadTimesOutGetsTheExpiredValueWithinTheStaleIfErrorWindow() throws Exception {
        cache = builder().earlyRefresh(0).loadTimeout(Duration.ofMillis(200)).staleIfError(Duration.ofMinutes(1))
                .build();
        assertThat(cache.get("a", this::load)).isEqualTo("a-1");
        now.addAndGet(TimeUnit.SECONDS.toNanos(11)); // expired in L1
        java.util.concurrent.CountDownLatch entered = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            pool.submit(() -> cache.get("a", k -> {
                entered.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return "a-stuck";
            }));
            assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(cache.get("a", this::load)).isEqualTo("a-1");
            assertThat(loads).hasValue(1);
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void aLoadTimeoutMustBePositive() {
        assertThatThrownBy(() -> TieredCache.builder("x").loadTimeout(Duration.ZERO))
                .hasMessageContaining("loadTimeout");
    }

    @Test
    void invalidationTagsAndInvalidateAll() {
        cache = builder().tags(k -> List.of(k.substring(0, 1))).build();
        cache.get("a1", this::load);
        cache.get("a2", this::load);
        cache.get("b1", this::load);
        cache.invalidate("a1");
        assertThat(cache.get("a1", this::load)).isEqualTo("a1-4");
        cache.invalidateTag("a");
        assertThat(cache.get("a2", this::load)).isEqualTo("a2-5");
        assertThat(cache.get("b1", this::load)).isEqualTo("b1-3");
        cache.invalidateAll();
        assertThat(cache.localSize()).isZero();
        assertThat(cache.get("b1", this::load)).isEqualTo("b1-6");
    }

    @Test
    void prefixInvalidationIsSeparateFromTags() {
        cache = builder().prefix(k -> k.substring(0, k.indexOf(':'))).tags(k -> List.of("x")).build();
        cache.get("t1:a", this::load);
        cache.get("t1:b", this::load);
        cache.get("t2:a", this::load);
        cache.invalidatePrefix("t1");
        assertThat(cache.get("t1:a", this::load)).isEqualTo("t1:a-4");
        assertThat(cache.get("t1:b", this::load)).isEqualTo("t1:b-5");
        assertThat(cache.get("t2:a", this::load)).isEqualTo("t2:a-3");
        cache.invalidateTag("t2"); // a tag named like a prefix is a different thing
        assertThat(cache.get("t2:a", this::load)).isEqualTo("t2:a-3");
        cache.invalidateTag("x");
        assertThat(cache.get("t2:a", this::load)).isEqualTo("t2:a-6");
        assertThatThrownBy(() -> {
            try (TieredCache<String, String> plain = builder().build()) {
                plain.invalidatePrefix("t1");
            }
        }).isInstanceOf(IllegalStateException.class).hasMessageContaining("prefix");
    }

    @Test
    void earlyRefreshRunsBeforeExpiryAndCallersKeepTheValue() {
        cache = builder().earlyRefresh(10).build();
        cache.get("hot", k -> {
            now.addAndGet(TimeUnit.SECONDS.toNanos(1)); // a loader that takes one second
            return load(k);
        });
        // just before expiry, the XFetch window (10 x 1 s) covers every draw that is not tiny: a read refreshes
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(9_990));
        AtomicInteger refreshes = new AtomicInteger();
        String v = cache.get("hot", k -> {
            refreshes.incrementAndGet();
            return load(k);
        });
        assertThat(v).isEqualTo("hot-1"); // the caller got the current value
        assertThat(refreshes).hasValue(1); // and a refresh ran (on the direct executor here)
        assertThat(cache.get("hot", this::load)).isEqualTo("hot-2");
    }

    @Test
    void staleWhileRevalidateServesTheExpiredValueOnceAndReloadsInTheBackground() {
        cache = builder().earlyRefresh(0).staleWhileRevalidate(Duration.ofSeconds(5)).build();
        cache.get("k", this::load);
        now.addAndGet(TimeUnit.SECONDS.toNanos(11)); // expired 1 s ago, inside the 5 s window
        assertThat(cache.get("k", this::load)).isEqualTo("k-1"); // stale, and a reload ran (direct executor)
        assertThat(cache.get("k", this::load)).isEqualTo("k-2");
        now.addAndGet(TimeUnit.SECONDS.toNanos(16)); // past the window: a plain miss
        assertThat(cache.get("k", this::load)).isEqualTo("k-3");
        cache.invalidate("k");
        assertThat(cache.get("k", this::load)).isEqualTo("k-4"); // invalidated entries are never served stale
    }

    @Test
    void staleIfErrorServesTheExpiredValueWhenTheReloadFails() {
        cache = builder().earlyRefresh(0).staleIfError(Duration.ofMinutes(1)).build();
        cache.get("k", this::load);
        now.addAndGet(TimeUnit.SECONDS.toNanos(30)); // expired 20 s ago
        assertThat(cache.get("k", k -> { throw new IllegalStateException("db down"); })).isEqualTo("k-1");
        assertThat(cache.get("k", this::load)).isEqualTo("k-2"); // the next good load replaces it
        now.addAndGet(TimeUnit.MINUTES.toNanos(2)); // beyond the window: the error reaches the caller
        assertThatThrownBy(() -> cache.get("k", k -> { throw new IllegalStateException("db down"); }))
                .hasMessage("db down");
    }

    @Test
    void nullsAreNotCachedUnlessAsked() {
        cache = builder().build();
        assertThat(cache.get("n", k -> { loads.incrementAndGet(); return null; })).isNull();
        assertThat(cache.get("n", k -> { loads.incrementAndGet(); return null; })).isNull();
        assertThat(loads).hasValue(2);
        cache.close();
        cache = builder().cacheNulls(Duration.ofSeconds(1)).build();
        cache.get("n", k -> { loads.incrementAndGet(); return null; });
        cache.get("n", k -> { loads.incrementAndGet(); return null; });
        assertThat(loads).hasValue(3);
        now.addAndGet(TimeUnit.SECONDS.toNanos(1));
        cache.get("n", k -> { loads.incrementAndGet(); return null; });
        assertThat(loads).hasValue(4);
    }

    @Test
    void aFailingLoaderCachesNothingAndReachesTheCaller() {
        cache = builder().build();
        assertThatThrownBy(() -> cache.get("x", k -> { throw new IllegalStateException("db down"); }))
                .isInstanceOf(IllegalStateException.class).hasMessage("db down");
        assertThat(cache.get("x", this::load)).isEqualTo("x-1");
    }

    @Test
    void getAllLoadsTheMissingKeysInOneCall() {
        cache = builder().build();
        cache.get("a", this::load);
        AtomicInteger bulkCalls = new AtomicInteger();
        Map<String, String> all = cache.getAll(List.of("a", "b", "c"), keys -> {
            bulkCalls.incrementAndGet();
            assertThat(keys).containsExactly("b", "c");
            return Map.of("b", "B");
        });
        assertThat(all).containsExactly(Map.entry("a", "a-1"), Map.entry("b", "B"));
        assertThat(bulkCalls).hasValue(1);
    }

    @Test
    void hitsAndMissesAreRecordedInTheWorkScope() {
        cache = builder().build();
        try (WorkScope scope = WorkScope.open("GET /books")) {
            cache.get("a", this::load);
            cache.get("a", this::load);
            cache.get("a", this::load);
            ScopeReport report = scope.report();
            assertThat(report.cacheHits()).isEqualTo(2);
            assertThat(report.cacheMisses()).isEqualTo(1);
        }
    }

    @Test
    void asyncVariants() throws Exception {
        cache = builder().build();
        assertThat(cache.getAsync("a", k -> java.util.concurrent.CompletableFuture.completedFuture(load(k)))
                .get(5, TimeUnit.SECONDS)).isEqualTo("a-1");
        cache.putAsync("a", "A").get(5, TimeUnit.SECONDS);
        assertThat(cache.getIfPresent("a")).isEqualTo("A");
        cache.invalidateAsync("a").get(5, TimeUnit.SECONDS);
        assertThat(cache.getIfPresent("a")).isNull();
    }

    @Test
    void settingsAreValidatedAndNamed() {
        assertThatThrownBy(() -> TieredCache.builder("has space")).hasMessageContaining("name");
        assertThatThrownBy(() -> TieredCache.builder("x").local(0, Duration.ofSeconds(1)))
                .hasMessageContaining("local maximumSize");
        assertThatThrownBy(() -> TieredCache.builder("x").ttlJitter(0.9)).hasMessageContaining("ttlJitter");
        assertThatThrownBy(() -> TieredCache.builder("x").namespace("a*")).hasMessageContaining("namespace");
        assertThatThrownBy(() -> TieredCache.builder("x").lease(Duration.ofSeconds(1)).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("lease");
        assertThatThrownBy(() -> TieredCache.builder("x").local(1, Duration.ofSeconds(1))
                .local(1, Duration.ofSeconds(1)))
                .hasMessageContaining("already set");
    }
}
