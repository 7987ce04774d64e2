package io.perfkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WorkScopeTest {
    private final ExecutorService pool = Executors.newFixedThreadPool(4);

    @AfterEach
    void noScopeLeaksOutOfATest() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(5, TimeUnit.SECONDS);
        assertThat(WorkScope.current()).isEmpty();
    }

    @Test
    void anOpenScopeIsCurrentOnItsThreadUntilClosed() {
        assertThat(WorkScope.current()).isEmpty();
        try (WorkScope scope = WorkScope.open("GET /books")) {
            assertThat(WorkScope.current()).containsSame(scope);
            assertThat(WorkScope.currentOrNull()).isSameAs(scope);
            assertThat(scope.isOpen()).isTrue();
        }
        assertThat(WorkScope.current()).isEmpty();
    }

    @Test
    void reportCountsQueriesDatabaseTimeAndCacheReads() {
        WorkScope scope = WorkScope.open("GET /books");
        scope.recordQuery(Duration.ofMillis(3).toNanos());
        scope.recordQuery(Duration.ofMillis(2).toNanos());
        scope.recordCacheHit();
        scope.recordCacheHit();
        scope.recordCacheHit();
        scope.recordCacheMiss();
        scope.close();

        ScopeReport report = scope.report();
        assertThat(report.name()).isEqualTo("GET /books");
        assertThat(report.queryCount()).isEqualTo(2);
        assertThat(report.databaseTime()).isEqualTo(Duration.ofMillis(5));
        assertThat(report.cacheHits()).isEqualTo(3);
        assertThat(report.cacheMisses()).isEqualTo(1);
        assertThat(report.cacheHitRate()).hasValue(0.75);
        assertThat(report.closed()).isTrue();
    }

    @Test
    void recordingsOfTheOpeningThreadAndOfWrappedTasksAddUpAndRollIntoTheParent() throws Exception {
        try (WorkScope outer = WorkScope.open("request")) {
            try (WorkScope inner = WorkScope.open("handler")) {
                List<Future<?>> futures = new ArrayList<>();
                for (int t = 0; t < 3; t++) {
                    futures.add(pool.submit(inner.wrap(() -> {
                        for (int i = 0; i < 10_000; i++) {
                            inner.recordQuery(2);
                            inner.recordCacheHit();
                            inner.recordCacheMiss();
                        }
                    })));
                }
                for (int i = 0; i < 10_000; i++) { // the opening thread records while the tasks do
                    inner.recordQuery(2);
                    inner.recordCacheHit();
                    inner.recordCacheMiss();
                }
                for (Future<?> f : futures) {
                    f.get(10, TimeUnit.SECONDS);
                }
                ScopeReport report = inner.report();
                assertThat(report.queryCount()).isEqualTo(40_000);
                assertThat(report.databaseTime()).isEqualTo(Duration.ofNanos(80_000));
                assertThat(report.cacheHits()).isEqualTo(40_000);
                assertThat(report.cacheMisses()).isEqualTo(40_000);
            }
            outer.recordCacheHit();
            ScopeReport rolledUp = outer.report();
            assertThat(rolledUp.queryCount()).isEqualTo(40_000);
            assertThat(rolledUp.cacheHits()).isEqualTo(40_001);
            assertThat(rolledUp.cacheMisses()).isEqualTo(40_000);
        }
    }

    @Test
    void aClosedScopesReportNoLongerChanges() throws InterruptedException {
        WorkScope scope = WorkScope.open("job");
        scope.close();
        Duration first = scope.report().duration();
        Thread.sleep(5);
        assertThat(scope.report().duration()).isEqualTo(first);
    }

    @Test
    void nestedScopesRollUpIntoTheirParentWhenTheyClose() {
        try (WorkScope outer = WorkScope.open("GET /orders")) {
            outer.recordQuery(100);
            try (WorkScope inner = WorkScope.open("load items")) {
                assertThat(WorkScope.current()).containsSame(inner);
                assertThat(inner.parent()).containsSame(outer);
                inner.recordQuery(200);
                inner.recordCacheMiss();
                inner.addFinding(Finding.builder(FindingKind.N_PLUS_ONE, "loop").build());
                assertThat(outer.report().queryCount()).isEqualTo(1);
            }
            assertThat(WorkScope.current()).containsSame(outer);
            ScopeReport report = outer.report();
            assertThat(report.queryCount()).isEqualTo(2);
            assertThat(report.databaseTime()).isEqualTo(Duration.ofNanos(300));
            assertThat(report.cacheMisses()).isEqualTo(1);
            assertThat(report.findingCount(FindingKind.N_PLUS_ONE)).isEqualTo(1);
        }
    }

    @Test
    void closingIsIdempotentAndRollsUpOnce() {
        try (WorkScope outer = WorkScope.open("outer")) {
            WorkScope inner = WorkScope.open("inner");
            inner.recordQuery(1);
            inner.close();
            inner.close();
            assertThat(outer.report().queryCount()).isEqualTo(1);
        }
    }

    @Test
    void closingAnOuterScopeFirstSkipsTheForgottenInnerScope() {
        WorkScope outer = WorkScope.open("outer");
        WorkScope inner = WorkScope.open("inner");
        outer.close();
        assertThat(WorkScope.current()).isEmpty();
        inner.close();
        assertThat(WorkScope.current()).isEmpty();
    }

    @Test
    void aWrappedTaskRunsInTheScopeOnAnotherThreadAndRestoresTheWorkersScope() throws Exception {
        try (WorkScope scope = WorkScope.open("GET /books")) {
            AtomicReference<Optional<WorkScope>> seen = new AtomicReference<>();
            pool.submit(scope.wrap(() -> {
                seen.set(WorkScope.current());
                WorkScope.currentOrNull().recordQuery(10);
            })).get(5, TimeUnit.SECONDS);
            assertThat(seen.get()).containsSame(scope);
            assertThat(scope.report().queryCount()).isEqualTo(1);
            // The worker no longer sees the scope once the task is done.
            assertThat(pool.submit(WorkScope::current).get(5, TimeUnit.SECONDS)).isEmpty();
        }
    }

    @Test
    void aWrappedCallableReturnsItsResultInTheScope() throws Exception {
        try (WorkScope scope = WorkScope.open("job")) {
            Future<String> name = pool.submit(scope.wrap(() -> WorkScope.current().orElseThrow().name()));
            assertThat(name.get(5, TimeUnit.SECONDS)).isEqualTo("job");
        }
    }

    @Test
    void aPropagatingExecutorCarriesTheSubmittersScope() throws Exception {
        try (WorkScope scope = WorkScope.open("GET /books")) {
            CountDownLatch done = new CountDownLatch(3);
            var executor = WorkScope.propagating(pool);
            for (int i = 0; i < 3; i++) {
                executor.execute(() -> {
                    WorkScope.current().ifPresent(s -> s.recordQuery(1));
                    done.countDown();
                });
            }
            assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(scope.report().queryCount()).isEqualTo(3);
        }
        // Outside a scope the task runs as given.
        AtomicReference<Optional<WorkScope>> seen = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        WorkScope.propagating(pool).execute(() -> {
            seen.set(WorkScope.current());
            done.countDown();
        });
        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(seen.get()).isEmpty();
    }

    @Test
    void concurrentRecordingLosesNothing() throws Exception {
        try (WorkScope scope = WorkScope.open("fan-out")) {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                futures.add(pool.submit(scope.wrap(() -> {
                    for (int i = 0; i < 10_000; i++) {
                        scope.recordQuery(1);
                        scope.recordCacheHit();
                    }
                    scope.addFinding(Finding.builder(FindingKind.DUPLICATE_QUERY, "dup").build());
                })));
            }
            for (Future<?> f : futures) {
                f.get(10, TimeUnit.SECONDS);
            }
            ScopeReport report = scope.report();
            assertThat(report.queryCount()).isEqualTo(40_000);
            assertThat(report.databaseTime()).isEqualTo(Duration.ofNanos(40_000));
            assertThat(report.cacheHits()).isEqualTo(40_000);
            assertThat(report.findings()).hasSize(4);
        }
    }

    @Test
    void attributesAreCreatedOncePerScopeAndKey() throws Exception {
        ScopeKey<AtomicInteger> key = ScopeKey.named("counter");
        try (WorkScope scope = WorkScope.open("job")) {
            assertThat(scope.attribute(key)).isEmpty();
            AtomicInteger created = new AtomicInteger();
            List<Future<AtomicInteger>> futures = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                futures.add(pool.submit(() -> scope.attribute(key, () -> {
                    created.incrementAndGet();
                    return new AtomicInteger();
                })));
            }
            AtomicInteger first = futures.get(0).get(5, TimeUnit.SECONDS);
            for (Future<AtomicInteger> f : futures) {
                assertThat(f.get(5, TimeUnit.SECONDS)).isSameAs(first);
            }
            assertThat(created).hasValue(1);
            assertThat(scope.attribute(key)).containsSame(first);
        }
        try (WorkScope other = WorkScope.open("other job")) {
            assertThat(other.attribute(key)).isEmpty();
        }
    }

    @Test
    void blankNamesAreRejected() {
        assertThatThrownBy(() -> WorkScope.open(" ")).hasMessage("name must not be blank");
        assertThat(WorkScope.current()).isEmpty();
    }
}
