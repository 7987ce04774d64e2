package io.perfkit.cache;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.perfkit.cache.redis.LettuceRemoteStore;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The real Redis for ITs: PERFKIT_TEST_REDIS_URL (default redis://127.0.0.1:6379). Each use gets its own namespace so
 * test classes never see each other's keys. (perf-testkit's @RealServers replaces this once it is on main.)
 */
final class Redis implements AutoCloseable {
    final RedisURI uri;
    final RedisClient client;
    private final List<AutoCloseable> closeables = new ArrayList<>();

    Redis() {
        this(System.getenv().getOrDefault("PERFKIT_TEST_REDIS_URL", "redis://127.0.0.1:6379"));
    }

    Redis(String url) {
        this.uri = RedisURI.create(url);
        this.client = RedisClient.create();
    }

    static String namespace(String prefix) {
        return "test-" + prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    LettuceRemoteStore store() {
        LettuceRemoteStore s = LettuceRemoteStore.create(client, uri);
        closeables.add(s);
        return s;
    }

    <T extends AutoCloseable> T track(T c) {
        closeables.add(c);
        return c;
    }

    @Override
    public void close() throws Exception {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            closeables.get(i).close();
        }
        client.shutdown();
    }
}
