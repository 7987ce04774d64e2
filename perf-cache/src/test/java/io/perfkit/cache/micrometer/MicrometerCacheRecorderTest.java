package io.perfkit.cache.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.perfkit.cache.CacheRecorder;
import io.perfkit.cache.Tier;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** The recorder on its own: no cache, no Redis. */
class MicrometerCacheRecorderTest {

    @Test
    void lookupsCountedFromManyThreadsAtOnceAddUpExactly() throws InterruptedException {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        CacheRecorder recorder = MicrometerCacheRecorder.factory(registry).create("books");
        int threads = 16;
        int perThread = 20_000;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> running = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (int i = 0; i < perThread; i++) {
                    recorder.recordGet(Tier.L1, true);
                    if (i % 4 == 0) {
                        recorder.recordGet(Tier.L2, false);
                    }
                }
            });
            thread.start();
            running.add(thread);
        }
        start.countDown();
        for (Thread thread : running) {
            thread.join();
        }

        assertThat(registry.get("cache.gets").tags("cache", "books", "tier", "l1", "result", "hit")
                .functionCounter().count()).isEqualTo(threads * perThread);
        assertThat(registry.get("cache.gets").tags("tier", "l2", "result", "miss").functionCounter().count())
                .isEqualTo(threads * perThread / 4);
        assertThat(registry.get("cache.gets").tags("tier", "l1", "result", "miss").functionCounter().count())
                .isZero();
    }
}
