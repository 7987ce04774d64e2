package io.perfkit.cache.redis;

import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.perfkit.cache.RemoteStore;
import io.perfkit.core.Require;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A {@link RemoteStore} over Lettuce, for a standalone Redis or a Redis Cluster.
 *
 * <pre>{@code
 * RedisClient client = RedisClient.create();                       // yours: you shut it down
 * try (LettuceRemoteStore store = LettuceRemoteStore.create(client, RedisURI.create("redis://localhost:6379"))) {
 *     ...  TieredCache.builder("books").remote(store, Duration.ofHours(1)) ...
 * }
 * }</pre>
 *
 * <p>{@link #create} and {@link #createCluster} connect in the background and keep retrying (at most once a
 * second) while Redis is unreachable, so an application can start without Redis; operations fail at once until
 * the first connection is made. They own the connections they open and close them in {@link #close()}; the client
 * is never shut down by this class. {@link #using} wraps connections the caller owns and closes nothing.
 */
public final class LettuceRemoteStore implements RemoteStore {
    private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);
    private static final long RETRY_NANOS = TimeUnit.SECONDS.toNanos(1);

    private static final String CAS_SCRIPT = """
            local cur = redis.call('GET', KEYS[1])
            if (ARGV[1] == '0' and cur == false) or (ARGV[1] == '1' and cur == ARGV[2]) then
              redis.call('SET', KEYS[1], ARGV[3], 'PX', ARGV[4])
              return 1
            end
            return 0
            """;
    private static final String CAD_SCRIPT = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              return redis.call('DEL', KEYS[1])
            end
            return 0
            """;

    private final Connector connector;
    private final boolean owned;
    private final ConcurrentHashMap<String, String> shas = new ConcurrentHashMap<>();
    private final List<Sub> subscriptions = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();
    private volatile @Nullable StatefulConnection<String, byte[]> connection;
    private volatile @Nullable RedisClusterAsyncCommands<String, byte[]> commands;
    private volatile @Nullable StatefulRedisPubSubConnection<String, byte[]> pubSub;
    private @Nullable CompletableFuture<?> connecting;
    private @Nullable CompletableFuture<?> connectingPubSub;
    private long lastAttempt = System.nanoTime() - RETRY_NANOS;
    private long lastPubSubAttempt = System.nanoTime() - RETRY_NANOS;
    private volatile boolean closed;

    private LettuceRemoteStore(Connector connector, boolean owned) {
        this.connector = connector;
        this.owned = owned;
    }

    /**
     * Creates a store for a standalone Redis that connects in the background.
     *
     * @param client the Lettuce client; not shut down by this store, the caller owns it
     * @param uri where Redis is
     * @return the store; close it to close its connections
     */
    public static LettuceRemoteStore create(RedisClient client, RedisURI uri) {
        Require.nonNull(client, "client");
        Require.nonNull(uri, "uri");
        LettuceRemoteStore store = new LettuceRemoteStore(new Connector() {
            @Override
            public CompletableFuture<? extends StatefulConnection<String, byte[]>> connect() {
                return client.connectAsync(CODEC, uri).toCompletableFuture();
            }

            @Override
            public CompletableFuture<? extends StatefulRedisPubSubConnection<String, byte[]>> connectPubSub() {
                return client.connectPubSubAsync(CODEC, uri).toCompletableFuture();
            }

            @Override
            public RedisClusterAsyncCommands<String, byte[]> commands(StatefulConnection<String, byte[]> c) {
                return ((StatefulRedisConnection<String, byte[]>) c).async();
            }
        }, true);
        store.ensureConnected();
        return store;
    }

    /**
     * Creates a store for a Redis Cluster that connects in the background. Multi-key reads are split by slot by
     * Lettuce; invalidation messages use classic PUBLISH, which the Cluster delivers to every node.
     *
     * @param client the Lettuce cluster client (with its seed URIs); not shut down by this store
     * @return the store; close it to close its connections
     */
    public static LettuceRemoteStore createCluster(RedisClusterClient client) {
        Require.nonNull(client, "client");
        LettuceRemoteStore store = new LettuceRemoteStore(new Connector() {
            @Override
            public CompletableFuture<? extends StatefulConnection<String, byte[]>> connect() {
                return client.connectAsync(CODEC);
            }

            @Override
            public CompletableFuture<? extends StatefulRedisPubSubConnection<String, byte[]>> connectPubSub() {
                return client.connectPubSubAsync(CODEC);
            }

            @Override
            public RedisClusterAsyncCommands<String, byte[]> commands(StatefulConnection<String, byte[]> c) {
                return ((StatefulRedisClusterConnection<String, byte[]>) c).async();
            }
        }, true);
        store.ensureConnected();
        return store;
    }

    /**
     * Wraps connections the caller already has (standalone). Nothing is closed by this store.
     *
     * @param connection a connection with String keys and byte[] values; the caller owns it
     * @param pubSub a pub/sub connection for invalidation messages; the caller owns it
     * @return the store
     */
    public static LettuceRemoteStore using(StatefulRedisConnection<String, byte[]> connection,
            StatefulRedisPubSubConnection<String, byte[]> pubSub) {
        Require.nonNull(connection, "connection");
        Require.nonNull(pubSub, "pubSub");
        LettuceRemoteStore store = new LettuceRemoteStore(new Connector() {
            @Override
            public CompletableFuture<? extends StatefulConnection<String, byte[]>> connect() {
                return CompletableFuture.completedFuture(connection);
            }

            @Override
            public CompletableFuture<? extends StatefulRedisPubSubConnection<String, byte[]>> connectPubSub() {
                return CompletableFuture.completedFuture(pubSub);
            }

            @Override
            public RedisClusterAsyncCommands<String, byte[]> commands(StatefulConnection<String, byte[]> c) {
                return connection.async();
            }
        }, false);
        store.ensureConnected();
        return store;
    }

    @Override
    public CompletableFuture<byte @Nullable []> get(String key) {
        return run(c -> c.get(key).toCompletableFuture());
    }

    @Override
    public CompletableFuture<List<byte @Nullable []>> getAll(List<String> keys) {
        if (keys.isEmpty()) {
            return CompletableFuture.completedFuture(List.of());
        }
        return run(c -> c.mget(keys.toArray(new String[0])).toCompletableFuture().thenApply(kvs -> {
            List<byte @Nullable []> out = new ArrayList<>(kvs.size());
            for (KeyValue<String, byte[]> kv : kvs) {
                out.add(kv.hasValue() ? kv.getValue() : null);
            }
            return out;
        }));
    }

    @Override
    public CompletableFuture<Void> set(String key, byte[] value, long ttlMillis) {
        return run(c -> c.set(key, value, SetArgs.Builder.px(ttlMillis)).toCompletableFuture()
                .thenApply(ok -> null));
    }

    @Override
    public CompletableFuture<Boolean> compareAndSet(String key, byte @Nullable [] expected, byte[] value,
            long ttlMillis) {
        byte[] flag = ascii(expected == null ? "0" : "1");
        byte[] exp = expected == null ? new byte[0] : expected;
        return evalLong(CAS_SCRIPT, new String[] {key}, flag, exp, value, ascii(Long.toString(ttlMillis)))
                .thenApply(n -> n == 1L);
    }

    @Override
    public CompletableFuture<Boolean> setIfAbsent(String key, byte[] value, long ttlMillis) {
        return run(c -> c.set(key, value, SetArgs.Builder.nx().px(ttlMillis)).toCompletableFuture()
                .thenApply("OK"::equals));
    }

    @Override
    public CompletableFuture<Boolean> deleteIfEquals(String key, byte[] expected) {
        return evalLong(CAD_SCRIPT, new String[] {key}, expected).thenApply(n -> n == 1L);
    }

    @Override
    public CompletableFuture<Long> increment(String key) {
        return run(c -> c.incr(key).toCompletableFuture());
    }

    @Override
    public CompletableFuture<List<Long>> evalLongs(String script, List<String> keys, List<String> args) {
        byte[][] values = new byte[args.size()][];
        for (int i = 0; i < values.length; i++) {
            values[i] = args.get(i).getBytes(StandardCharsets.UTF_8);
        }
        return this.<List<Object>>eval(script, ScriptOutputType.MULTI, keys.toArray(new String[0]), values)
                .thenApply(list -> {
                    List<Long> out = new ArrayList<>(list.size());
                    for (Object o : list) {
                        out.add(o instanceof Long ? (Long) o : Long.valueOf(String.valueOf(o)));
                    }
                    return out;
                });
    }

    @Override
    public CompletableFuture<Long> publish(String channel, byte[] message) {
        ensurePubSub();
        return run(c -> c.publish(channel, message).toCompletableFuture());
    }

    @Override
    public Subscription subscribe(String channel, MessageListener listener) {
        Require.nonNull(channel, "channel");
        Require.nonNull(listener, "listener");
        Sub sub = new Sub(channel, listener);
        subscriptions.add(sub);
        StatefulRedisPubSubConnection<String, byte[]> ps = pubSub;
        if (ps != null) {
            sub.attach(ps);
        } else {
            ensurePubSub();
        }
        return sub;
    }

    /**
     * Returns whether the command connection is open now.
     *
     * @return true when connected
     */
    public boolean isConnected() {
        StatefulConnection<String, byte[]> c = connection;
        return c != null && c.isOpen();
    }

    @Override
    public void close() {
        closed = true;
        for (Sub s : subscriptions) {
            s.close();
        }
        if (owned) {
            StatefulConnection<String, byte[]> c = connection;
            if (c != null) {
                c.closeAsync();
            }
            StatefulRedisPubSubConnection<String, byte[]> ps = pubSub;
            if (ps != null) {
                ps.closeAsync();
            }
        }
    }

    @Override
    public String toString() {
        return "LettuceRemoteStore[connected=" + isConnected() + ", owned=" + owned + "]";
    }

    // ----------------------------------------------------------------------------------------------- internals

    private <T> CompletableFuture<T> run(Op<T> op) {
        RedisClusterAsyncCommands<String, byte[]> c = commands;
        if (c == null) {
            ensureConnected();
            c = commands;
            if (c == null) {
                CompletableFuture<?> pending;
                synchronized (lock) {
                    pending = connecting;
                }
                if (pending == null) {
                    return CompletableFuture.failedFuture(new IllegalStateException("not connected to Redis"));
                }
                // a connection attempt is under way: run once it is made (the caller's timeout bounds the wait)
                return pending.thenCompose(ignored -> {
                    RedisClusterAsyncCommands<String, byte[]> now = commands;
                    return now == null
                            ? CompletableFuture.<T>failedFuture(new IllegalStateException("not connected to Redis"))
                            : op.apply(now);
                });
            }
        }
        try {
            return op.apply(c);
        } catch (RuntimeException ex) {
            return CompletableFuture.failedFuture(ex);
        }
    }

    private CompletableFuture<Long> evalLong(String script, String[] keys, byte[]... args) {
        return eval(script, ScriptOutputType.INTEGER, keys, args);
    }

    private <T> CompletableFuture<T> eval(String script, ScriptOutputType type, String[] keys, byte[]... args) {
        String sha = shas.computeIfAbsent(script, LettuceRemoteStore::sha1);
        return run(c -> {
            CompletableFuture<T> first = c.<T>evalsha(sha, type, keys, args).toCompletableFuture();
            return first.handle((v, ex) -> {
                Throwable cause = ex instanceof java.util.concurrent.CompletionException && ex.getCause() != null
                        ? ex.getCause() : ex;
                if (cause instanceof RedisNoScriptException) {
                    Supplier<CompletableFuture<T>> retry =
                            () -> c.<T>eval(script, type, keys, args).toCompletableFuture();
                    return retry.get();
                }
                return ex == null ? CompletableFuture.completedFuture(v) : CompletableFuture.<T>failedFuture(cause);
            }).thenCompose(f -> f);
        });
    }

    private void ensureConnected() {
        if (closed || commands != null) {
            return;
        }
        synchronized (lock) {
            if (commands != null || connecting != null || System.nanoTime() - lastAttempt < RETRY_NANOS) {
                return;
            }
            lastAttempt = System.nanoTime();
            CompletableFuture<? extends StatefulConnection<String, byte[]>> f;
            try {
                f = connector.connect();
            } catch (RuntimeException ex) {
                return;
            }
            CompletableFuture<Void> done = f.handle((c, ex) -> {
                synchronized (lock) {
                    connecting = null;
                    if (ex == null && c != null) {
                        if (closed && owned) {
                            c.closeAsync();
                            return null;
                        }
                        connection = c;
                        commands = connector.commands(c);
                    }
                }
                return null;
            });
            if (!done.isDone()) {
                connecting = done; // completes after commands is set, so waiters find it
            }
        }
        ensurePubSub();
    }

    private void ensurePubSub() {
        if (closed || pubSub != null || subscriptions.isEmpty()) {
            return;
        }
        synchronized (lock) {
            if (pubSub != null || connectingPubSub != null || System.nanoTime() - lastPubSubAttempt < RETRY_NANOS) {
                return;
            }
            lastPubSubAttempt = System.nanoTime();
            CompletableFuture<? extends StatefulRedisPubSubConnection<String, byte[]>> f;
            try {
                f = connector.connectPubSub();
            } catch (RuntimeException ex) {
                return;
            }
            connectingPubSub = f;
            f.whenComplete((ps, ex) -> {
                synchronized (lock) {
                    connectingPubSub = null;
                    if (ex != null || ps == null) {
                        return;
                    }
                    if (closed && owned) {
                        ps.closeAsync();
                        return;
                    }
                    pubSub = ps;
                }
                for (Sub s : subscriptions) {
                    s.attach(ps);
                }
            });
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static String sha1(String script) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-1");
            return HexFormat.of().formatHex(md.digest(script.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required of every JDK", e);
        }
    }

    @FunctionalInterface
    private interface Op<T> {
        CompletableFuture<T> apply(RedisClusterAsyncCommands<String, byte[]> commands);
    }

    private interface Connector {
        CompletableFuture<? extends StatefulConnection<String, byte[]>> connect();

        CompletableFuture<? extends StatefulRedisPubSubConnection<String, byte[]>> connectPubSub();

        RedisClusterAsyncCommands<String, byte[]> commands(StatefulConnection<String, byte[]> connection);
    }

    /** One channel subscription: routes messages and connection events of the pub/sub connection to a listener. */
    private final class Sub extends RedisPubSubAdapter<String, byte[]>
            implements Subscription, RedisConnectionStateListener {
        private final String channel;
        private final MessageListener listener;
        private volatile @Nullable StatefulRedisPubSubConnection<String, byte[]> attached;

        Sub(String channel, MessageListener listener) {
            this.channel = channel;
            this.listener = listener;
        }

        synchronized void attach(StatefulRedisPubSubConnection<String, byte[]> ps) {
            if (attached != null) {
                return;
            }
            attached = ps;
            ps.addListener((io.lettuce.core.pubsub.RedisPubSubListener<String, byte[]>) this);
            ps.addListener((RedisConnectionStateListener) this);
            ps.async().subscribe(channel);
        }

        @Override
        public void message(String ch, byte[] message) {
            if (channel.equals(ch)) {
                listener.onMessage(message);
            }
        }

        @Override
        public void onRedisDisconnected(RedisChannelHandler<?, ?> handler) {
            listener.onConnectionLost();
        }

        @Override
        public void onRedisConnected(RedisChannelHandler<?, ?> handler, SocketAddress address) {
            listener.onConnectionRestored();
        }

        @Override
        public synchronized void close() {
            subscriptions.remove(this);
            StatefulRedisPubSubConnection<String, byte[]> ps = attached;
            if (ps != null) {
                ps.removeListener((io.lettuce.core.pubsub.RedisPubSubListener<String, byte[]>) this);
                ps.removeListener((RedisConnectionStateListener) this);
                if (ps.isOpen()) {
                    ps.async().unsubscribe(channel);
                }
                attached = null;
            }
        }
    }
}
