package io.perfkit.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.perfkit.cache.micrometer.MicrometerCacheRecorder;
import io.perfkit.cache.redis.LettuceRemoteStore;
import io.perfkit.testkit.RealServers;
import io.perfkit.testkit.TestRedis;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Behaviour of TieredCache against the real Redis, with several instances sharing it. */
@RealServers
class TieredCacheIT {
    record Book(String isbn, String title, int pages) {}

    /** The build box is shared and busy: a Redis call must not time out because the CPU was taken. */
    static final Duration LOADED_BOX_TIMEOUT = Duration.ofSeconds(2);

    static Redis redis;
    static StatefulRedisConnection<String, byte[]> raw;
    String ns;

    @BeforeAll
    static void connect(TestRedis testRedis) {
        redis = new Redis(testRedis);
        raw = redis.client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE), redis.uri);
    }

    @AfterAll
    static void disconnect() throws Exception {
        raw.close();
        redis.close();
    }

    @BeforeEach
    void namespace() {
        ns = redis.namespace("tiered");
    }

    TieredCache.Builder<String, Book> books(LettuceRemoteStore store) {
        return TieredCache.<String, Book>builder("books")
                .namespace(ns)
                .local(1000, Duration.ofMinutes(5))
                .remote(store, Duration.ofMinutes(10))
                .commandTimeout(LOADED_BOX_TIMEOUT)
                .codec(ValueCodec.json(Book.class));
    }

    TieredCache<String, Book> started(TieredCache.Builder<String, Book> b) {
        TieredCache<String, Book> c = redis.track(b.build());
        Await.until(c::isReceivingInvalidations, "subscription up");
        return c;
    }

    static Book book(String isbn, int version) {
        return new Book(isbn, "title v" + version, 100 + version);
    }

    @Test
    void readsL1ThenL2ThenLoaderAndWritesLoadedValuesToBothTiers() {
        CountingRecorder ra = new CountingRecorder();
        CountingRecorder rb = new CountingRecorder();
        TieredCache<String, Book> a = started(books(redis.store()).recorder(n -> ra));
        TieredCache<String, Book> b = started(books(redis.store()).recorder(n -> rb));
        AtomicInteger loads = new AtomicInteger();

        assertThat(a.get("1", k -> { loads.incrementAndGet(); return book(k, 1); })).isEqualTo(book("1", 1));
        assertThat(a.get("1", k -> { loads.incrementAndGet(); return book(k, 2); })).isEqualTo(book("1", 1));
        assertThat(ra.count("get.l1.hit")).isEqualTo(1);
        // b has an empty L1 but finds the value a wrote to L2
        assertThat(b.get("1", k -> { loads.incrementAndGet(); return book(k, 3); })).isEqualTo(book("1", 1));
        assertThat(rb.count("get.l2.hit")).isEqualTo(1);
        assertThat(loads).hasValue(1);

        byte[] stored = raw.sync().get(ns + ":k:1");
        assertThat(stored).isNotNull();
        String text = new String(stored, StandardCharsets.ISO_8859_1);
        assertThat(text).contains("{\"isbn\":\"1\",\"title\":\"title v1\",\"pages\":101}");
        assertThat(stored[0] & 0xff).isNotEqualTo(0xAC); // no Java serialization stream header
    }

    @Test
    void concurrentMissesInOneInstanceCallTheLoaderOnce() throws Exception {
        TieredCache<String, Book> a = started(books(redis.store()));
        AtomicInteger loads = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Book>> results = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                results.add(pool.submit(() -> a.get("hot", k -> {
                    loads.incrementAndGet();
                    await(release);
                    return book(k, 1);
                })));
            }
            Await.until(() -> loads.get() == 1, "loader started");
            Thread.sleep(50); // give the other 15 callers time to arrive while the load is in flight
            release.countDown();
            for (Future<Book> f : results) {
                assertThat(f.get(10, TimeUnit.SECONDS)).isEqualTo(book("hot", 1));
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(loads).hasValue(1);
    }

    @Test
    void withTheLeaseThreeInstancesLoadEachHotKeyOnceBetweenThem() throws Exception {
        List<TieredCache<String, Book>> instances = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            instances.add(started(books(redis.store()).lease(Duration.ofSeconds(5))));
        }
        int keys = 10;
        ConcurrentHashMap<String, AtomicInteger> loads = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(24);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> results = new ArrayList<>();
            for (int t = 0; t < 24; t++) {
                TieredCache<String, Book> c = instances.get(t % 3);
                int offset = t;
                results.add(pool.submit(() -> {
                    await(start);
                    for (int i = 0; i < keys; i++) {
                        String key = "hot" + ((i + offset) % keys);
                        assertThat(c.get(key, k -> {
                            loads.computeIfAbsent(k, x -> new AtomicInteger()).incrementAndGet();
                            sleep(50);
                            return book(k, 1);
                        })).isEqualTo(book(key, 1));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : results) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        int total = loads.values().stream().mapToInt(AtomicInteger::get).sum();
        System.out.printf("stampede: %d keys, 3 instances x 8 threads, %d loader calls (%.2f per key)%n",
                keys, total, (double) total / keys);
        assertThat(loads).hasSize(keys);
        assertThat(total).isEqualTo(keys); // one load per key across all instances: 1.00 per key
    }

    @Test
    void anInvalidationArrivingWhileALoadIsInFlightWins() throws Exception {
        AtomicInteger bInvalidations = new AtomicInteger();
        TieredCache<String, Book> a = started(books(redis.store()));
        TieredCache<String, Book> b = started(books(redis.store()).invalidationListener(new InvalidationListener() {
            @Override
            public void onKeyInvalidated(String key, boolean remote) {
                if (remote) {
                    bInvalidations.incrementAndGet();
                }
            }
        }));
        CountDownLatch loading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger version = new AtomicInteger(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            // b starts loading version 1 (read from "the database") and stalls
            Future<Book> slow = pool.submit(() -> b.get("k", k -> {
                Book v = book(k, version.get());
                loading.countDown();
                await(release);
                return v;
            }));
            assertThat(loading.await(10, TimeUnit.SECONDS)).isTrue();
            // meanwhile the database moves to version 2 and a invalidates
            version.set(2);
            a.invalidate("k");
            Await.until(() -> bInvalidations.get() == 1, "b received the invalidation");
            release.countDown();
            assertThat(slow.get(10, TimeUnit.SECONDS)).isEqualTo(book("k", 1)); // began before the invalidation
        } finally {
            pool.shutdownNow();
        }
        // the old value landed nowhere: neither in b's L1 nor in L2
        assertThat(b.getIfPresent("k")).isNull();
        assertThat(a.get("k", k -> book(k, version.get()))).isEqualTo(book("k", 2));
        assertThat(b.get("k", k -> book(k, 99))).isEqualTo(book("k", 2));
    }

    @Test
    void putAndInvalidateReachEveryInstance() {
        TieredCache<String, Book> a = started(books(redis.store()));
        TieredCache<String, Book> b = started(books(redis.store()));
        TieredCache<String, Book> c = started(books(redis.store()));
        for (TieredCache<String, Book> x : List.of(a, b, c)) {
            assertThat(x.get("p", k -> book(k, 1))).isEqualTo(book("p", 1));
        }
        a.put("p", book("p", 2));
        Await.until(() -> b.getIfPresent("p") != null && b.getIfPresent("p").pages() == 102, "b sees the put");
        Await.until(() -> c.getIfPresent("p") != null && c.getIfPresent("p").pages() == 102, "c sees the put");

        b.invalidate("p");
        AtomicInteger loads = new AtomicInteger();
        // Every other instance must have received the invalidation before the reads below; otherwise a read on
        // an instance still holding the old value would be the documented propagation delay, not a bug.
        Await.until(() -> c.localSize() == 0, "c dropped p");
        Await.until(() -> a.localSize() == 0, "a dropped p");
        assertThat(c.get("p", k -> { loads.incrementAndGet(); return book(k, 3); })).isEqualTo(book("p", 3));
        assertThat(a.get("p", k -> { loads.incrementAndGet(); return book(k, 4); })).isIn(book("p", 3));
        assertThat(loads).hasValue(1);
    }

    @Test
    void tagAndWholeCacheInvalidationAreO1AndReachEveryInstance() {
        TieredCache.Builder<String, Book> tagged = books(redis.store())
                .tags(k -> List.of("tenant:" + k.substring(0, k.indexOf('/'))))
                .prefix(k -> k.substring(0, k.indexOf('/')));
        TieredCache<String, Book> a = started(tagged);
        TieredCache<String, Book> b = started(books(redis.store())
                .tags(k -> List.of("tenant:" + k.substring(0, k.indexOf('/'))))
                .prefix(k -> k.substring(0, k.indexOf('/'))));
        AtomicInteger version = new AtomicInteger(1);
        for (String k : List.of("acme/1", "acme/2", "zeta/1")) {
            a.get(k, key -> book(key, version.get()));
            b.get(k, key -> book(key, version.get()));
        }
        version.set(2);
        a.invalidateTag("tenant:acme");
        Await.until(() -> b.get("acme/1", key -> book(key, version.get())).pages() == 102, "b sees the tag bump");
        assertThat(b.get("acme/2", key -> book(key, version.get()))).isEqualTo(book("acme/2", 2));
        assertThat(a.get("acme/1", key -> book(key, 9))).isEqualTo(book("acme/1", 2));
        // other tags untouched
        assertThat(b.get("zeta/1", key -> book(key, version.get()))).isEqualTo(book("zeta/1", 1));
        // the same by key prefix
        version.set(22);
        b.invalidatePrefix("zeta");
        Await.until(() -> a.get("zeta/1", key -> book(key, version.get())).pages() == 122, "a sees the prefix bump");

        version.set(3);
        b.invalidateAll();
        Await.until(() -> a.localSize() == 0, "a flushed");
        assertThat(a.get("zeta/1", key -> book(key, version.get()))).isEqualTo(book("zeta/1", 3));
        // L2 still holds the old entries (nothing scanned or deleted), but they are ignored
        assertThat(raw.sync().exists(ns + ":k:acme/2")).isEqualTo(1L);
        assertThat(b.get("acme/2", key -> book(key, version.get()))).isEqualTo(book("acme/2", 3));
    }

    @Test
    void anInstanceThatLearnsOfAWholeCacheInvalidationFromL2StopsServingItsOldL1Entries() {
        // a hears no messages: it can learn of b's invalidateAll only from what b writes to L2 afterwards
        TieredCache<String, Book> a = redis.track(books(redis.store()).withoutInvalidationMessages().build());
        TieredCache<String, Book> b = started(books(redis.store()));
        AtomicInteger version = new AtomicInteger(1);
        assertThat(a.get("old", k -> book(k, version.get()))).isEqualTo(book("old", 1));
        version.set(2);
        b.invalidateAll();
        assertThat(b.get("new", k -> book(k, version.get()))).isEqualTo(book("new", 2));

        // an L2 hit written under the newer generation: a catches up, and its L1 entries of the old one go
        assertThat(a.get("new", k -> book(k, 9))).isEqualTo(book("new", 2));
        assertThat(a.get("old", k -> book(k, version.get()))).isEqualTo(book("old", 2));
    }

    @Test
    void nullsAreCachedAsAbsenceWhenAsked() {
        AtomicInteger loads = new AtomicInteger();
        TieredCache<String, Book> a = started(books(redis.store()).cacheNulls(Duration.ofMinutes(1)));
        TieredCache<String, Book> b = started(books(redis.store()).cacheNulls(Duration.ofMinutes(1)));
        assertThat(a.get("missing", k -> { loads.incrementAndGet(); return null; })).isNull();
        assertThat(a.get("missing", k -> { loads.incrementAndGet(); return null; })).isNull();
        assertThat(b.get("missing", k -> { loads.incrementAndGet(); return null; })).isNull();
        assertThat(loads).hasValue(1);

        TieredCache<String, Book> plain = started(books(redis.store()).namespace(ns + "-plain"));
        plain.get("missing", k -> { loads.incrementAndGet(); return null; });
        plain.get("missing", k -> { loads.incrementAndGet(); return null; });
        assertThat(loads).hasValue(3);
    }

    @Test
    void l1NeverOutlivesTheRemainingL2Lifetime() {
        TieredCache<String, Book> a = started(TieredCache.<String, Book>builder("short")
                .namespace(ns)
                .local(100, Duration.ofHours(1))
                .remote(redis.store(), Duration.ofMillis(300))
                .commandTimeout(LOADED_BOX_TIMEOUT)
                .ttlJitter(0)
                .earlyRefresh(0)
                .codec(ValueCodec.json(Book.class)));
        AtomicInteger loads = new AtomicInteger();
        a.get("t", k -> book(k, loads.incrementAndGet()));
        Await.until(() -> raw.sync().exists(ns + ":k:t") == 0, "the L2 entry expired");
        Await.until(() -> a.getIfPresent("t") == null, "the L1 entry expired with it");
        assertThat(a.get("t", k -> book(k, loads.incrementAndGet()))).isEqualTo(book("t", 2));
    }

    @Test
    void earlyRefreshReloadsInTheBackgroundWhileCallersKeepGettingTheValue() {
        CountingRecorder rec = new CountingRecorder();
        TieredCache<String, Book> a = started(TieredCache.<String, Book>builder("xfetch")
                .namespace(ns)
                .local(100, Duration.ofHours(1))
                .remote(redis.store(), Duration.ofMillis(400))
                .commandTimeout(LOADED_BOX_TIMEOUT)
                .earlyRefresh(10)
                .staleWhileRevalidate(Duration.ofSeconds(2)) // a refresh drawn too close to expiry still never blocks
                .recorder(n -> rec)
                .codec(ValueCodec.json(Book.class)));
        Thread caller = Thread.currentThread();
        AtomicInteger loadsOnCaller = new AtomicInteger();
        AtomicInteger loads = new AtomicInteger();
        a.get("hot", k -> { sleep(30); return book(k, loads.incrementAndGet()); });
        loadsOnCaller.set(0);
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1500);
        while (System.nanoTime() < end) {
            Book v = a.get("hot", k -> {
                if (Thread.currentThread() == caller) {
                    loadsOnCaller.incrementAndGet();
                }
                sleep(30);
                return book(k, loads.incrementAndGet());
            });
            assertThat(v).isNotNull();
            sleep(2);
        }
        // the key outlived three L2 lifetimes without a caller ever waiting for the loader
        assertThat(rec.count("refresh")).isGreaterThanOrEqualTo(3);
        assertThat(loadsOnCaller).hasValue(0);
    }

    @Test
    @Timeout(60) // without the load timeout the waiters would hang here
    void aStuckLoaderHoldsItsWaitersOnlyUntilTheLoadTimeout() throws Exception {
        CountingRecorder rec = new CountingRecorder();
        TieredCache<String, Book> a = started(books(redis.store())
                .loadTimeout(Duration.ofSeconds(1))
                .recorder(n -> rec));
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            // the leader's loader hangs until released
            Future<Book> stuck = pool.submit(() -> a.get("1", k -> {
                entered.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return book(k, 1);
            }));
            assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

            // waiters give up with a clear exception instead of waiting for the stuck load, async ones too
            CompletableFuture<Book> asyncWaiter = a.getAsync("1", k -> CompletableFuture.completedFuture(book(k, 2)));
            AtomicInteger waiterLoads = new AtomicInteger();
            assertThatThrownBy(() -> a.get("1", k -> { waiterLoads.incrementAndGet(); return book(k, 2); }))
                    .isInstanceOf(CacheLoadTimeoutException.class)
                    .hasMessageContaining("'books'").hasMessageContaining("loadTimeout");
            assertThat(waiterLoads).hasValue(0);
            assertThatThrownBy(asyncWaiter::join).hasCauseInstanceOf(CacheLoadTimeoutException.class);

            // the stuck load is now older than the timeout: the next caller loads afresh instead of joining it
            assertThat(a.get("1", k -> book(k, 3))).isEqualTo(book("1", 3));

            // the stuck load finishes late: its caller gets its value, but it cannot replace the newer one
            release.countDown();
            assertThat(stuck.get(10, TimeUnit.SECONDS)).isEqualTo(book("1", 1));
            assertThat(a.get("1", k -> book(k, 4))).isEqualTo(book("1", 3));
            byte[] stored = raw.sync().get(ns + ":k:1");
            assertThat(new String(stored, StandardCharsets.ISO_8859_1)).contains("title v3");
            assertThat(rec.count("failure.load-timeout")).isEqualTo(3); // two waiters timed out, one take-over
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void anL2HitIsExactlyOneRoundTrip() {
        TieredCache<String, Book> a = started(books(redis.store()));
        CountingRemoteStore counting = new CountingRemoteStore(redis.store());
        TieredCache<String, Book> b = started(TieredCache.<String, Book>builder("books")
                .namespace(ns)
                .local(1000, Duration.ofMinutes(5))
                .remote(counting, Duration.ofMinutes(10))
                .commandTimeout(LOADED_BOX_TIMEOUT)
                .codec(ValueCodec.json(Book.class)));
        a.get("warm", k -> book(k, 1));
        a.get("1", k -> book(k, 1));
        a.get("2", k -> book(k, 1));
        // the first read of an instance may fetch the cache's generation counter once; take it out of the count
        assertThat(b.get("warm", k -> book(k, 9))).isEqualTo(book("warm", 1));
        counting.commands.clear();

        assertThat(b.get("1", k -> book(k, 9))).isEqualTo(book("1", 1));
        assertThat(counting.commands).containsExactly("get");
        counting.commands.clear();
        assertThat(b.getIfPresent("2")).isEqualTo(book("2", 1));
        assertThat(counting.commands).containsExactly("get");
        counting.commands.clear();
        // and an L1 hit is none
        assertThat(b.get("1", k -> book(k, 9))).isEqualTo(book("1", 1));
        assertThat(counting.commands).isEmpty();
    }

    @Test
    void getAllUsesOneRoundTripAndOneBulkLoad() {
        TieredCache<String, Book> a = started(books(redis.store()));
        TieredCache<String, Book> b = started(books(redis.store()));
        a.get("1", k -> book(k, 1));
        List<Set<String>> bulkCalls = new ArrayList<>();
        Map<String, Book> all = b.getAll(List.of("1", "2", "3"), keys -> {
            bulkCalls.add(keys);
            return keys.stream().filter(k -> !k.equals("3")).collect(Collectors.toMap(k -> k, k -> book(k, 1)));
        });
        assertThat(all).containsOnlyKeys("1", "2");
        assertThat(bulkCalls).containsExactly(Set.of("2", "3"));
        assertThat(a.getAll(List.of("2", "1"), keys -> Map.of())).containsOnlyKeys("1", "2");
    }

    @Test
    void invalidationMessagesNeverReachTheValueCodec() {
        AtomicInteger decodes = new AtomicInteger();
        ValueCodec<Book> json = ValueCodec.json(Book.class);
        ValueCodec<Book> counting = new ValueCodec<>() {
            @Override
            public byte[] encode(Book value) {
                return json.encode(value);
            }

            @Override
            public Book decode(byte[] bytes) {
                decodes.incrementAndGet();
                return json.decode(bytes);
            }
        };
        CountingRecorder rec = new CountingRecorder();
        TieredCache<String, Book> b = started(TieredCache.<String, Book>builder("books").namespace(ns)
                .remote(redis.store(), Duration.ofMinutes(1)).commandTimeout(LOADED_BOX_TIMEOUT).codec(counting)
                .recorder(n -> rec));
        TieredCache<String, Book> a = started(books(redis.store()));
        b.get("x", k -> book(k, 1));
        // a forged message (a Java serialization stream) and a real one
        raw.sync().publish(ns + ":invalidations", new byte[] {(byte) 0xAC, (byte) 0xED, 0, 5});
        a.invalidate("x");
        Await.until(() -> rec.count("received.KEY") == 1, "b applied a's invalidation");
        assertThat(rec.count("failure.message")).isEqualTo(1);
        assertThat(decodes).hasValue(0);
    }

    @Test
    void metricsUseMicrometerCacheNamesPerTier() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        TieredCache<String, Book> a = started(books(redis.store()).recorder(MicrometerCacheRecorder.factory(registry)));
        a.get("m", k -> book(k, 1));
        a.get("m", k -> book(k, 1));
        assertThat(registry.get("cache.gets").tags("cache", "books", "tier", "l1", "result", "hit")
                .functionCounter().count()).isEqualTo(1);
        assertThat(registry.get("cache.gets").tags("tier", "l1", "result", "miss").functionCounter().count())
                .isEqualTo(1);
        assertThat(registry.get("cache.gets").tags("tier", "l2", "result", "miss").functionCounter().count())
                .isEqualTo(1);
        assertThat(registry.get("cache.puts").tags("tier", "l2").counter().count()).isEqualTo(1);
        assertThat(registry.get("cache.load").tags("result", "success").timer().count()).isEqualTo(1);
        assertThat(registry.get("cache.breaker.state").gauge().value()).isZero();
        a.invalidate("m");
        assertThat(registry.get("cache.invalidations").tags("direction", "sent", "type", "key").counter().count())
                .isEqualTo(1);
    }

    @Test
    void connectionsAndClientsTheUserPassesInAreNeverClosed() {
        RedisCodec<String, byte[]> codec = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);
        StatefulRedisConnection<String, byte[]> connection = redis.client.connect(codec, redis.uri);
        StatefulRedisPubSubConnection<String, byte[]> pubSub = redis.client.connectPubSub(codec, redis.uri);
        try {
            LettuceRemoteStore store = LettuceRemoteStore.using(connection, pubSub);
            TieredCache<String, Book> cache = books(store).build();
            Await.until(cache::isReceivingInvalidations, "subscription up");
            cache.get("own", k -> book(k, 1));
            cache.close();
            store.close();
            assertThat(connection.isOpen()).isTrue();
            assertThat(pubSub.isOpen()).isTrue();
            assertThat(connection.sync().get(ns + ":k:own")).isNotNull();

            // a store that opened its own connections closes them, but never the client
            LettuceRemoteStore owning = LettuceRemoteStore.create(redis.client, redis.uri);
            Await.until(owning::isConnected, "connected");
            owning.close();
            try (StatefulRedisConnection<String, byte[]> again = redis.client.connect(codec, redis.uri)) {
                assertThat(again.sync().get(ns + ":k:own")).isNotNull();
            }
        } finally {
            pubSub.close();
            connection.close();
        }
    }

    @Test
    void getAsyncSharesLoadsReadsL2AndLosesToAConcurrentInvalidation() throws Exception {
        TieredCache<String, Book> a = started(books(redis.store()));
        TieredCache<String, Book> b = started(books(redis.store()));
        AtomicInteger loads = new AtomicInteger();
        CompletableFuture<Book> pending = new CompletableFuture<>();
        CompletableFuture<Book> first = b.getAsync("async", k -> { loads.incrementAndGet(); return pending; });
        CompletableFuture<Book> second = b.getAsync("async", k -> { loads.incrementAndGet(); return pending; });
        Await.until(() -> loads.get() == 1, "the loader was called");
        assertThat(first).isNotDone(); // nothing blocked the caller
        // the database changes and a invalidates while b's load is in flight
        a.invalidate("async");
        Await.until(() -> {
            byte[] v = raw.sync().get(ns + ":k:async");
            return v != null && v[3] == 3; // the tombstone is in place
        }, "tombstone written");
        pending.complete(book("async", 1));
        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(book("async", 1));
        assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo(book("async", 1));
        assertThat(loads).hasValue(1);
        // b's late value landed neither in L2 (compare-and-set against what it read) ...
        assertThat(a.get("async", k -> book(k, 2))).isEqualTo(book("async", 2));
        // ... and, once b applied the invalidation, nowhere in b either
        Await.until(() -> book("async", 2).equals(b.getAsync("async",
                k -> CompletableFuture.completedFuture(book(k, 3))).join()), "b reads the new value from L2");
    }

    @Test
    void aMissedMessageOrAHeartbeatAheadOfWhatArrivedClearsL1() {
        CountingRecorder rec = new CountingRecorder();
        TieredCache<String, Book> b = started(books(redis.store()).recorder(n -> rec));
        String channel = ns + ":invalidations";
        b.get("x", k -> book(k, 1));
        b.get("y", k -> book(k, 1));
        // another instance's messages 1 and 3 arrive; 2 was lost
        raw.sync().publish(channel, new Message(Message.KEY, 7, 7, 1, System.currentTimeMillis(), 0, "x").encode());
        Await.until(() -> rec.count("received.KEY") == 1, "message 1 applied");
        assertThat(b.localSize()).isEqualTo(1); // only x was dropped
        raw.sync().publish(channel, new Message(Message.KEY, 7, 7, 3, System.currentTimeMillis(), 0, "z").encode());
        Await.until(() -> rec.count("flush." + FlushReason.GAP) == 1, "gap detected");
        assertThat(b.getIfPresent("y")).isEqualTo(book("y", 1)); // reloaded from L2, L1 was cleared
        // a heartbeat saying message 4 was sent, when 3 is the last that arrived: 4 was lost
        b.get("y", k -> book(k, 1));
        raw.sync().publish(channel, new Message(Message.HEARTBEAT, 7, 7, 4, System.currentTimeMillis(), 0, "")
                .encode());
        Await.until(() -> rec.count("flush." + FlushReason.GAP) == 2, "gap detected from the heartbeat");
        assertThat(b.localSize()).isZero();
    }

    static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("latch never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
