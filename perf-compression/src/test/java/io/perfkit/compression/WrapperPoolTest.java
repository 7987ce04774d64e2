package io.perfkit.compression;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WrapperPoolTest {
    private final CompressionFilter filter =
            CompressionFilter.of(CompressionConfig.builder().recycledWrappers(4).build());

    private CompressingResponse newWrapper() {
        return new CompressingResponse(Released.REQUEST, Released.RESPONSE, filter, false, false);
    }

    @Test
    void keepsAtMostItsCapacityAndHandsBackWhatItKept() {
        WrapperPool pool = new WrapperPool(3);
        List<CompressingResponse> wrappers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            wrappers.add(newWrapper());
        }

        int kept = 0;
        for (CompressingResponse w : wrappers) {
            kept += pool.release(w) ? 1 : 0;
        }
        assertThat(kept).isEqualTo(3);
        assertThat(pool.idle()).isEqualTo(3);

        Set<CompressingResponse> taken = ConcurrentHashMap.newKeySet();
        CompressingResponse w;
        while ((w = pool.acquire()) != null) {
            taken.add(w);
        }
        assertThat(taken).hasSize(3).isSubsetOf(wrappers);
        assertThat(pool.idle()).isZero();
    }

    @Test
    void underContentionNoWrapperIsEverHeldByTwoThreadsAtOnce() throws Exception {
        WrapperPool pool = new WrapperPool(2);
        Set<CompressingResponse> inUse = ConcurrentHashMap.newKeySet();
        AtomicInteger doubleOwnership = new AtomicInteger();
        AtomicInteger created = new AtomicInteger();
        int threads = 4;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(executor.submit(() -> {
                    go.await();
                    for (int i = 0; i < 100_000; i++) {
                        CompressingResponse w = pool.acquire();
                        if (w == null) {
                            w = newWrapper();
                            created.incrementAndGet();
                        }
                        if (!inUse.add(w)) {
                            doubleOwnership.incrementAndGet();
                        }
                        inUse.remove(w);
                        pool.release(w);
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            executor.shutdownNow();
        }
        assertThat(doubleOwnership).hasValue(0);
        assertThat(pool.idle()).isBetween(1, 2);
        assertThat(created.get()).as("most acquisitions were served from the pool").isLessThan(100_000);
    }
}
