package io.perfkit.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import io.perfkit.testkit.RealServers;
import io.perfkit.testkit.TestRedis;
import org.junit.jupiter.api.Test;

/**
 * The randomized consistency check: three TieredCache instances (separate L1s, one Redis), concurrent readers,
 * writers that update "the database" and then invalidate or put through a random instance, and slow loaders that
 * widen every race window. Every read is checked against a versioned oracle.
 *
 * <p>The bound: a read on instance X that starts after X applied the invalidation of version v (for writes issued
 * through X: after {@code invalidate}/{@code put} returned) must return v or newer. Writes of one key are serialized,
 * so X applies the remote invalidations of a key in write order and the n-th one X applies belongs to the n-th write
 * issued elsewhere. No wall-clock threshold is involved: the test compares the order of events.
 */
@RealServers
class InvalidationRaceIT {
    static final int INSTANCES = 3;
    static final int KEYS = 16;
    static final long RUN_NANOS = TimeUnit.SECONDS.toNanos(4);

    record Write(long version, int issuer, long ackNanos) {}

    record Read(int instance, int key, long startNanos, long version) {}

    @Test
    void noReadReturnsAValueOlderThanAnInvalidationItsInstanceAlreadyApplied(TestRedis testRedis) throws Exception {
        AtomicLongArray db = new AtomicLongArray(KEYS);
        Object[] keyLocks = new Object[KEYS];
        List<List<Write>> writes = new ArrayList<>();
        // applied[instance][key] = nanoTime of each remote invalidation applied, in order
        List<List<List<Long>>> applied = new ArrayList<>();
        for (int k = 0; k < KEYS; k++) {
            keyLocks[k] = new Object();
            writes.add(Collections.synchronizedList(new ArrayList<>()));
        }
        List<Read> reads = Collections.synchronizedList(new ArrayList<>());
        AtomicLong loads = new AtomicLong();

        try (Redis redis = new Redis(testRedis)) {
            String ns = redis.namespace("race");
            List<TieredCache<String, Long>> caches = new ArrayList<>();
            for (int i = 0; i < INSTANCES; i++) {
                List<List<Long>> perKey = new ArrayList<>();
                for (int k = 0; k < KEYS; k++) {
                    perKey.add(Collections.synchronizedList(new ArrayList<>()));
                }
                applied.add(perKey);
                TieredCache<String, Long> c = redis.track(TieredCache.<String, Long>builder("race")
                        .namespace(ns)
                        .local(1000, Duration.ofMinutes(5))
                        .remote(redis.store(), Duration.ofMinutes(5))
                        .codec(ValueCodec.json(Long.class))
                        .commandTimeout(Duration.ofSeconds(2)) // a loaded 2-core box must not trip the breaker
                        .invalidationListener(new InvalidationListener() {
                            @Override
                            public void onKeyInvalidated(String key, boolean remote) {
                                if (remote) {
                                    long now = System.nanoTime();
                                    int k = Integer.parseInt(key.substring(key.lastIndexOf(':') + 1));
                                    perKey.get(k).add(now);
                                }
                            }
                        })
                        .build());
                caches.add(c);
            }
            for (TieredCache<String, Long> c : caches) {
                Await.until(c::isReceivingInvalidations, "subscription up");
            }

            ExecutorService pool = Executors.newFixedThreadPool(8);
            long end = System.nanoTime() + RUN_NANOS;
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                futures.add(pool.submit(() -> {
                    ThreadLocalRandom r = ThreadLocalRandom.current();
                    while (System.nanoTime() < end) {
                        int k = r.nextInt(KEYS);
                        int issuer = r.nextInt(INSTANCES);
                        synchronized (keyLocks[k]) {
                            long v = db.incrementAndGet(k);
                            if (r.nextBoolean()) {
                                caches.get(issuer).invalidate(Integer.toString(k));
                            } else {
                                caches.get(issuer).put(Integer.toString(k), v);
                            }
                            writes.get(k).add(new Write(v, issuer, System.nanoTime()));
                        }
                        pause(r, 3);
                    }
                    return null;
                }));
            }
            for (int t = 0; t < 6; t++) {
                futures.add(pool.submit(() -> {
                    ThreadLocalRandom r = ThreadLocalRandom.current();
                    while (System.nanoTime() < end) {
                        int k = r.nextInt(KEYS);
                        int x = r.nextInt(INSTANCES);
                        long start = System.nanoTime();
                        Long v = caches.get(x).get(Integer.toString(k), key -> {
                            loads.incrementAndGet();
                            long read = db.get(Integer.parseInt(key));
                            pause(ThreadLocalRandom.current(), 4); // a slow database widens the race
                            return read;
                        });
                        reads.add(new Read(x, k, start, v == null ? -1 : v));
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
            pool.shutdownNow();
        }

        long violations = 0;
        List<String> examples = new ArrayList<>();
        for (Read read : reads) {
            long required = requiredVersion(read, writes.get(read.key()), applied.get(read.instance()).get(read.key()));
            if (read.version() < required) {
                violations++;
                if (examples.size() < 5) {
                    examples.add(read + " required " + required);
                }
            }
        }
        long totalWrites = writes.stream().mapToLong(List::size).sum();
        long appliedRemote = applied.stream().flatMap(List::stream).mapToLong(List::size).sum();
        System.out.printf("race: %d reads, %d writes, %d loads, %d remote invalidations applied, %d violations%n",
                reads.size(), totalWrites, loads.get(), appliedRemote, violations);
        assertThat(reads.size()).isGreaterThan(1000);
        assertThat(totalWrites).isGreaterThan(100);
        assertThat(loads.get()).isLessThan(reads.size()); // L1/L2 hits happened: the caches were exercised
        assertThat(examples).isEmpty();
        assertThat(violations).isZero();
    }

    /** The newest version whose invalidation the reading instance had applied before the read started. */
    static long requiredVersion(Read read, List<Write> writesOfKey, List<Long> appliedOnInstance) {
        long required = 0;
        int remoteIndex = 0;
        synchronized (writesOfKey) {
            for (Write w : writesOfKey) {
                long effective;
                if (w.issuer() == read.instance()) {
                    effective = w.ackNanos();
                } else {
                    if (remoteIndex >= appliedOnInstance.size()) {
                        break; // not yet applied on this instance, nor anything after it from elsewhere
                    }
                    effective = appliedOnInstance.get(remoteIndex++);
                }
                if (effective < read.startNanos()) {
                    required = Math.max(required, w.version());
                }
            }
        }
        return required;
    }

    static void pause(ThreadLocalRandom r, int maxMillis) {
        int ms = r.nextInt(maxMillis + 1);
        if (ms == 0) {
            return;
        }
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
