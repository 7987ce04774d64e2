package io.perfkit.testkit;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Redis key prefix of one test class; its keys are deleted when the class's extension store
 * closes. Deletion walks the key space with SCAN MATCH and removes keys with UNLINK: KEYS would
 * block a shared server, and DEL would free large values on the server's main thread.
 */
final class ClassKeyspace implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClassKeyspace.class);

    private final RedisClient client;
    private final TestRedis redis;

    ClassKeyspace(RedisClient client, RedisEndpoint server, String id) {
        this.client = client;
        this.redis = new TestRedis(server.source(), server.uri(), server.host(), server.port(),
                server.database(), TestNames.keyPrefix(id));
    }

    TestRedis redis() {
        return redis;
    }

    @Override
    public void close() {
        try {
            long deleted = deleteKeys(client, redis.keyPrefix());
            LOG.debug("Deleted {} keys under {}", deleted, redis.keyPrefix());
        } catch (RuntimeException e) {
            LOG.warn("Could not delete test keys under {}", redis.keyPrefix(), e);
        }
    }

    /**
     * Deletes every key that starts with {@code prefix} in the client's database (its URI names
     * it); returns the count.
     */
    static long deleteKeys(RedisClient client, String prefix) {
        ScanArgs match = ScanArgs.Builder.matches(TestNames.globEscape(prefix) + "*").limit(500);
        long deleted = 0;
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            RedisCommands<String, String> commands = connection.sync();
            ScanCursor cursor = ScanCursor.INITIAL;
            do {
                KeyScanCursor<String> page = commands.scan(cursor, match);
                List<String> keys = page.getKeys();
                if (!keys.isEmpty()) {
                    deleted += commands.unlink(keys.toArray(new String[0]));
                }
                cursor = page;
            } while (!cursor.isFinished());
        }
        return deleted;
    }
}
