package io.perfkit.cache;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.jspecify.annotations.Nullable;

/**
 * A {@link RemoteStore} that hands every call to a real one (Lettuce on the test Redis) and notes which data commands
 * were sent, so a test can count round trips. Heartbeats and invalidation messages ({@code publish}) are not noted.
 */
final class CountingRemoteStore implements RemoteStore {
    private final RemoteStore delegate;
    final Queue<String> commands = new ConcurrentLinkedQueue<>();

    CountingRemoteStore(RemoteStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public CompletableFuture<byte @Nullable []> get(String key) {
        commands.add("get");
        return delegate.get(key);
    }

    @Override
    public CompletableFuture<List<byte @Nullable []>> getAll(List<String> keys) {
        commands.add("getAll");
        return delegate.getAll(keys);
    }

    @Override
    public CompletableFuture<Void> set(String key, byte[] value, long ttlMillis) {
        commands.add("set");
        return delegate.set(key, value, ttlMillis);
    }

    @Override
    public CompletableFuture<Boolean> compareAndSet(String key, byte @Nullable [] expected, byte[] value,
            long ttlMillis) {
        commands.add("compareAndSet");
        return delegate.compareAndSet(key, expected, value, ttlMillis);
    }

    @Override
    public CompletableFuture<Boolean> setIfAbsent(String key, byte[] value, long ttlMillis) {
        commands.add("setIfAbsent");
        return delegate.setIfAbsent(key, value, ttlMillis);
    }

    @Override
    public CompletableFuture<Boolean> deleteIfEquals(String key, byte[] expected) {
        commands.add("deleteIfEquals");
        return delegate.deleteIfEquals(key, expected);
    }

    @Override
    public CompletableFuture<Long> increment(String key) {
        commands.add("increment");
        return delegate.increment(key);
    }

    @Override
    public CompletableFuture<List<Long>> evalLongs(String script, List<String> keys, List<String> args) {
        commands.add("evalLongs");
        return delegate.evalLongs(script, keys, args);
    }

    @Override
    public CompletableFuture<Long> publish(String channel, byte[] message) {
        return delegate.publish(channel, message);
    }

    @Override
    public Subscription subscribe(String channel, MessageListener listener) {
        return delegate.subscribe(channel, listener);
    }

    @Override
    public void close() {
        // the delegate belongs to the test
    }
}
