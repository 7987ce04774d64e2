package io.perfkit.examples.bookstore;

import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.perfkit.core.RateLimitedLogger;
import java.util.UUID;
import java.util.function.LongConsumer;
import org.slf4j.LoggerFactory;

/**
 * Tells the other instances of the service which book changed, over a Redis pub/sub channel, so they drop it from
 * their local caches. Fail-open: when Redis is down, publishing is counted and logged (rate-limited) and the local
 * invalidation still happens; the request never fails because of Redis.
 */
public final class InvalidationBus {
    static final RateLimitedLogger LOG = RateLimitedLogger.of(LoggerFactory.getLogger(InvalidationBus.class));

    /** The channel carrying {@code <instance id>:<book id>} messages. */
    public static final String CHANNEL = "bookstore:book-invalidations";

    private final String instanceId = UUID.randomUUID().toString();
    private final StatefulRedisConnection<String, String> connection;
    private final StatefulRedisPubSubConnection<String, String> pubSub;

    /**
     * Creates a bus over two connections.
     *
     * @param connection used to publish; not closed by the bus
     * @param pubSub used to subscribe; not closed by the bus
     */
    public InvalidationBus(StatefulRedisConnection<String, String> connection,
            StatefulRedisPubSubConnection<String, String> pubSub) {
        this.connection = connection;
        this.pubSub = pubSub;
    }

    /**
     * Announces that a book changed.
     *
     * @param bookId the book
     */
    public void publish(long bookId) {
        connection.async().publish(CHANNEL, instanceId + ":" + bookId).exceptionally(e -> {
            LOG.warn("publish-failed", "Could not publish a book invalidation; other instances keep theirs until"
                    + " it expires", e);
            return 0L;
        });
    }

    /**
     * Subscribes to the other instances' announcements.
     *
     * @param onInvalidate receives the id of each book another instance changed
     * @return closes the subscription
     */
    public AutoCloseable subscribe(LongConsumer onInvalidate) {
        RedisPubSubAdapter<String, String> listener = new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                int colon = message.lastIndexOf(':');
                if (!CHANNEL.equals(channel) || colon < 0 || message.substring(0, colon).equals(instanceId)) {
                    return;
                }
                try {
                    onInvalidate.accept(Long.parseLong(message.substring(colon + 1)));
                } catch (NumberFormatException e) {
                    LOG.warn("bad-message", "Ignored a malformed book invalidation", e);
                }
            }
        };
        pubSub.addListener(listener);
        pubSub.sync().subscribe(CHANNEL);
        return () -> {
            pubSub.removeListener(listener);
            pubSub.sync().unsubscribe(CHANNEL);
        };
    }
}
