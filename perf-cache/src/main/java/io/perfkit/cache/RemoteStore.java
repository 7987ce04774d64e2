package io.perfkit.cache;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * The shared second tier (L2) and the message channel between cache instances: a small set of byte-level Redis
 * operations. {@link io.perfkit.cache.redis.LettuceRemoteStore} implements it over Lettuce, standalone or Cluster.
 *
 * <p>Every method returns at once; failures complete the future exceptionally (they never throw). The cache
 * applies its own short command timeout and circuit breaker on top, so an implementation need not.
 * Implementations must be thread-safe and must keep the order of {@link #publish} calls made from one thread.
 */
public interface RemoteStore extends AutoCloseable {

    /**
     * Reads one key.
     *
     * @param key the Redis key
     * @return the value, or null when the key does not exist
     */
    CompletableFuture<byte @Nullable []> get(String key);

    /**
     * Reads several keys in one round trip where the server allows it (MGET; split by slot on a Cluster).
     *
     * @param keys the Redis keys
     * @return the values in key order, null for keys that do not exist
     */
    CompletableFuture<List<byte @Nullable []>> getAll(List<String> keys);

    /**
     * Writes a key with a time to live (SET PX).
     *
     * @param key the Redis key
     * @param value the bytes
     * @param ttlMillis time to live in milliseconds, positive
     * @return completes when written
     */
    CompletableFuture<Void> set(String key, byte[] value, long ttlMillis);

    /**
     * Writes a key only if it still holds {@code expected} (null: only if it does not exist), atomically.
     *
     * @param key the Redis key
     * @param expected the bytes the caller last read, or null for "absent"
     * @param value the new bytes
     * @param ttlMillis time to live in milliseconds, positive
     * @return true when written
     */
    CompletableFuture<Boolean> compareAndSet(String key, byte @Nullable [] expected, byte[] value, long ttlMillis);

    /**
     * Writes a key only if it does not exist (SET NX PX): a lease.
     *
     * @param key the Redis key
     * @param value the bytes (a token)
     * @param ttlMillis time to live in milliseconds, positive
     * @return true when written
     */
    CompletableFuture<Boolean> setIfAbsent(String key, byte[] value, long ttlMillis);

    /**
     * Deletes a key only if it holds {@code expected}, atomically: a token-checked lease release.
     *
     * @param key the Redis key
     * @param expected the bytes the key must hold
     * @return true when deleted
     */
    CompletableFuture<Boolean> deleteIfEquals(String key, byte[] expected);

    /**
     * Increments a counter (INCR), creating it at 0 first.
     *
     * @param key the Redis key
     * @return the new value
     */
    CompletableFuture<Long> increment(String key);

    /**
     * Runs a Lua script that returns an array of integers (EVALSHA, falling back to EVAL once when the server
     * does not know the script yet): one round trip.
     *
     * @param script the Lua source
     * @param keys the keys the script touches
     * @param args the arguments
     * @return the integers the script returned
     */
    CompletableFuture<List<Long>> evalLongs(String script, List<String> keys, List<String> args);

    /**
     * Publishes a message on a channel.
     *
     * @param channel the channel
     * @param message the bytes
     * @return the number of subscribers that received it
     */
    CompletableFuture<Long> publish(String channel, byte[] message);

    /**
     * Subscribes to a channel. The listener is called on the store's I/O thread and must not block.
     *
     * @param channel the channel
     * @param listener receives messages and connection events
     * @return the subscription; closing it unsubscribes
     */
    Subscription subscribe(String channel, MessageListener listener);

    /** Releases what this store created itself; what the caller passed in stays open. */
    @Override
    void close();

    /** Receives messages from a {@link #subscribe subscription}; methods must be fast and must not throw. */
    interface MessageListener {
        /**
         * A message arrived.
         *
         * @param message the bytes, exactly as published
         */
        void onMessage(byte[] message);

        /** The connection carrying the subscription was lost; messages may be missed from now on. */
        default void onConnectionLost() {}

        /** The connection carrying the subscription is back (messages sent meanwhile are lost). */
        default void onConnectionRestored() {}
    }

    /** An active subscription. */
    interface Subscription extends AutoCloseable {
        /** Unsubscribes. */
        @Override
        void close();
    }
}
