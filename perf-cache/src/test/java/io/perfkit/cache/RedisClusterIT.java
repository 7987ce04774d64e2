package io.perfkit.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.perfkit.cache.redis.LettuceRemoteStore;
import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The core cases against a local 3-master Redis Cluster this test starts from the machine's redis-server (skipped,
 * with the reason, when there is no redis-server or redis-cli binary).
 */
class RedisClusterIT {
    static final String CLI = "/usr/bin/redis-cli";
    static final List<RedisProcess> nodes = new ArrayList<>();
    static RedisClusterClient client;
    static final List<AutoCloseable> closeables = new ArrayList<>();

    @BeforeAll
    static void startCluster() throws Exception {
        assumeTrue(RedisProcess.available() && new File(CLI).canExecute(),
                "Redis Cluster test skipped: no " + RedisProcess.BINARY + " or " + CLI);
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            RedisProcess node = new RedisProcess(List.of("--cluster-enabled", "yes", "--cluster-config-file",
                    "nodes.conf", "--cluster-node-timeout", "2000"));
            nodes.add(node);
            node.start();
            addresses.add("127.0.0.1:" + node.port);
        }
        List<String> create = new ArrayList<>(List.of(CLI, "--cluster", "create"));
        create.addAll(addresses);
        create.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
        Process p = new ProcessBuilder(create).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        client = RedisClusterClient.create(RedisURI.create("redis://" + addresses.get(0)));
        try (StatefulRedisClusterConnection<String, String> c = client.connect()) {
            Await.until(() -> c.sync().clusterInfo().contains("cluster_state:ok"), "cluster state ok");
        }
    }

    @AfterAll
    static void stopCluster() throws Exception {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            closeables.get(i).close();
        }
        if (client != null) {
            client.shutdown();
        }
        nodes.forEach(RedisProcess::kill);
    }

    static <T extends AutoCloseable> T track(T c) {
        closeables.add(c);
        return c;
    }

    TieredCache<String, String> cache(String ns, boolean lease) {
        TieredCache.Builder<String, String> b = TieredCache.<String, String>builder("cluster")
                .namespace(ns)
                .local(1000, Duration.ofMinutes(5))
                .remote(track(LettuceRemoteStore.createCluster(client)), Duration.ofMinutes(5))
                .commandTimeout(Duration.ofSeconds(2))
                .tags(k -> List.of("group:" + k.charAt(0)))
                .codec(ValueCodec.utf8());
        if (lease) {
            b.lease(Duration.ofSeconds(5));
        }
        TieredCache<String, String> c = track(b.build());
        Await.until(c::isReceivingInvalidations, "subscription up");
        return c;
    }

    @Test
    void readPathInvalidationTagsAndBulkReadsAcrossSlots() {
        TieredCache<String, String> a = cache("perfkit-cluster:rw", false);
        TieredCache<String, String> b = cache("perfkit-cluster:rw", false);
        AtomicInteger loads = new AtomicInteger();
        List<String> keys = List.of("a1", "a2", "b1", "c1", "d1", "e1"); // spread over slots and nodes
        for (String k : keys) {
            assertThat(a.get(k, key -> key + "-" + loads.incrementAndGet())).startsWith(k);
        }
        Map<String, String> fromB = b.getAll(keys, missing -> Map.of());
        assertThat(fromB).hasSize(keys.size()); // all from L2, MGET split by slot
        assertThat(loads).hasValue(keys.size());

        a.invalidate("b1");
        Await.until(() -> b.getIfPresent("b1") == null, "b1 invalidated on b");
        a.invalidateTag("group:a");
        Await.until(() -> "fresh".equals(b.get("a1", key -> "fresh")), "b sees the tag invalidation");
        assertThat(b.get("a2", key -> "fresh2")).isEqualTo("fresh2");
        assertThat(b.get("c1", key -> "stale?")).isEqualTo("c1-4");
    }

    @Test
    void theLeaseKeepsAHotKeyToOneLoadAcrossThreeInstances() throws Exception {
        List<TieredCache<String, String>> instances = List.of(cache("perfkit-cluster:lease", true),
                cache("perfkit-cluster:lease", true), cache("perfkit-cluster:lease", true));
        AtomicInteger loads = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int t = 0; t < 12; t++) {
                TieredCache<String, String> c = instances.get(t % 3);
                results.add(pool.submit(() -> {
                    start.await();
                    return c.get("hot", k -> {
                        loads.incrementAndGet();
                        TieredCacheIT.sleep(100);
                        return "v";
                    });
                }));
            }
            start.countDown();
            for (Future<String> f : results) {
                assertThat(f.get(10, TimeUnit.SECONDS)).isEqualTo("v");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(loads).hasValue(1);
    }

    @Test
    void rateLimiterOnTheCluster() {
        RateLimiter limiter = RateLimiter.builder("cluster", track(LettuceRemoteStore.createCluster(client)))
                .limit(3, Duration.ofHours(1)).commandTimeout(Duration.ofSeconds(2)).build();
        Await.until(() -> !limiter.tryAcquire("warm-up").degraded(), "connected");
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.tryAcquire("k").allowed()).isTrue();
        }
        assertThat(limiter.tryAcquire("k").allowed()).isFalse();
    }
}
