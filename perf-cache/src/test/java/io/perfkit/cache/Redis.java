package io.perfkit.cache;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.perfkit.cache.redis.LettuceRemoteStore;
import io.perfkit.testkit.TestRedis;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A Lettuce client for a test's Redis (perf-testkit's {@link TestRedis}, or a redis-server the test started), the
 * stores made from it, and namespaces under the test class's key prefix so that perf-testkit cleans them up.
 */
final class Redis implements AutoCloseable {
    final RedisURI uri;
    final RedisClient client;
    private final String keyPrefix;
    private final List<AutoCloseable> closeables = new ArrayList<>();

    Redis(TestRedis redis) {
        this(redis.uri(), redis.keyPrefix());
    }

    Redis(String url, String keyPrefix) {
        this.uri = RedisURI.create(url);
        this.client = RedisClient.create();
        this.keyPrefix = keyPrefix;
    }

    /** A fresh namespace under the class's key prefix: one per test, so tests never share keys. */
    String namespace(String name) {
        return keyPrefix + name + "-" + UUID.randomUUID().toString().substring(0, 8);
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
