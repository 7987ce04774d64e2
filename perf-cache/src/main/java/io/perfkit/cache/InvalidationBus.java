package io.perfkit.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.perfkit.core.RateLimitedLogger;
import io.perfkit.core.Ticker;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Sends and receives invalidation messages over Redis pub/sub. Each sender numbers its messages; heartbeats carry
 * the last number, so a receiver notices a missed message at the next heartbeat at the latest. Hearing its own
 * heartbeats tells an instance that its subscription works; silence for four beats, a disconnect or a reconnect
 * clears L1 through the {@link Receiver}.
 */
final class InvalidationBus implements RemoteStore.MessageListener {

    /** What the cache does with what arrives. */
    interface Receiver {
        void invalidateKey(String k);

        void advanceTag(String tag, long generation);

        void invalidateAll(long generation);

        void flush(FlushReason reason);
    }

    private final String cacheName;
    private final RemoteStore store;
    private final String channel;
    private final long heartbeatNanos;
    private final long commandTimeoutMillis;
    private final CircuitBreaker breaker;
    private final Ticker ticker;
    private final CacheMetrics metrics;
    private final RateLimitedLogger log;
    private final Receiver receiver;
    private final long senderHigh;
    private final long senderLow;
    private final Object sendLock = new Object();
    private long sequence;
    private final Cache<Sender, AtomicLong> lastSeen = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofMinutes(5))
            .build();
    private volatile long lastOwnHeartbeat;
    private volatile boolean healthy;
    private volatile RemoteStore.@Nullable Subscription subscription;
    private volatile @Nullable ScheduledFuture<?> heartbeatTask;

    InvalidationBus(String cacheName, RemoteStore store, String channel, long heartbeatNanos,
            long commandTimeoutMillis, CircuitBreaker breaker, Ticker ticker, CacheMetrics metrics,
            RateLimitedLogger log, Receiver receiver) {
        this.cacheName = cacheName;
        this.store = store;
        this.channel = channel;
        this.heartbeatNanos = heartbeatNanos;
        this.commandTimeoutMillis = commandTimeoutMillis;
        this.breaker = breaker;
        this.ticker = ticker;
        this.metrics = metrics;
        this.log = log;
        this.receiver = receiver;
        ThreadLocalRandom r = ThreadLocalRandom.current();
        this.senderHigh = r.nextLong();
        this.senderLow = r.nextLong();
        this.lastOwnHeartbeat = ticker.read();
    }

    void start(ScheduledExecutorService scheduler) {
        try {
            subscription = store.subscribe(channel, this);
        } catch (RuntimeException ex) {
            log.warn("subscribe", "cache '" + cacheName + "': cannot subscribe to invalidations yet", ex);
        }
        heartbeatTask = scheduler.scheduleAtFixedRate(this::beat, 0, heartbeatNanos, TimeUnit.NANOSECONDS);
    }

    /** True while this instance hears its own heartbeats. */
    boolean isHealthy() {
        return healthy;
    }

    /** Sends one message; false when it could not be handed to Redis. */
    boolean send(byte type, String name, long generation) {
        if (!breaker.tryAcquire()) {
            return false;
        }
        CompletableFuture<Long> f;
        synchronized (sendLock) {
            long seq = ++sequence;
            byte[] bytes = new Message(type, senderHigh, senderLow, seq, System.currentTimeMillis(), generation,
                    name).encode();
            f = store.publish(channel, bytes);
        }
        try {
            f.get(commandTimeoutMillis, TimeUnit.MILLISECONDS);
            breaker.onSuccess();
            metrics.invalidationSent(Message.invalidationType(type));
            return true;
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException ex) {
            breaker.onFailure();
            return false;
        }
    }

    private void beat() {
        try {
            if (subscription == null) {
                subscription = store.subscribe(channel, this);
            }
            if (healthy && ticker.read() - lastOwnHeartbeat > 4 * heartbeatNanos) {
                lost();
            }
            if (!breaker.tryAcquire()) {
                return;
            }
            CompletableFuture<Long> f;
            synchronized (sendLock) {
                f = store.publish(channel, new Message(Message.HEARTBEAT, senderHigh, senderLow, sequence,
                        System.currentTimeMillis(), 0, "").encode());
            }
            f.orTimeout(commandTimeoutMillis, TimeUnit.MILLISECONDS).whenComplete((n, ex) -> {
                if (ex == null) {
                    breaker.onSuccess();
                } else {
                    breaker.onFailure();
                }
            });
        } catch (RuntimeException ex) {
            log.warn("heartbeat", "cache '" + cacheName + "': heartbeat failed", ex);
        }
    }

    private void lost() {
        if (healthy) {
            healthy = false;
            receiver.flush(FlushReason.SUBSCRIPTION_LOST);
        }
    }

    @Override
    public void onMessage(byte[] bytes) {
        Message m = Message.decode(bytes);
        if (m == null) {
            metrics.remoteFailure("message");
            log.warn("bad-message", "cache '" + cacheName + "': dropped a malformed invalidation message", null);
            return;
        }
        if (m.senderHigh() == senderHigh && m.senderLow() == senderLow) {
            if (m.type() == Message.HEARTBEAT) {
                lastOwnHeartbeat = ticker.read();
                if (!healthy) {
                    // entries filled while deaf were capped at the degraded TTL; drop them now to be exact
                    receiver.flush(FlushReason.SUBSCRIPTION_LOST);
                    healthy = true;
                }
            }
            return;
        }
        AtomicLong last = lastSeen.get(new Sender(m.senderHigh(), m.senderLow()), s -> new AtomicLong(-1));
        long previous = last.get();
        boolean gap;
        if (m.type() == Message.HEARTBEAT) {
            gap = previous >= 0 && m.sequence() > previous;
            last.set(Math.max(previous, m.sequence()));
        } else {
            gap = previous >= 0 && m.sequence() != previous + 1;
            last.set(m.sequence());
        }
        if (gap) {
            receiver.flush(FlushReason.GAP);
        }
        switch (m.type()) {
            case Message.KEY:
                receiver.invalidateKey(m.name());
                break;
            case Message.TAG:
                receiver.advanceTag(m.name(), m.generation());
                break;
            case Message.ALL:
                receiver.invalidateAll(m.generation());
                break;
            default:
                return;
        }
        long lag = Math.max(0, System.currentTimeMillis() - m.sentAtMillis());
        metrics.invalidationReceived(m.invalidationType(), lag);
    }

    @Override
    public void onConnectionLost() {
        lost();
    }

    @Override
    public void onConnectionRestored() {
        // health returns with the next own heartbeat heard; messages sent meanwhile are lost, so start afresh
        receiver.flush(FlushReason.SUBSCRIPTION_LOST);
    }

    void close() {
        ScheduledFuture<?> t = heartbeatTask;
        if (t != null) {
            t.cancel(false);
        }
        RemoteStore.Subscription s = subscription;
        if (s != null) {
            s.close();
        }
    }

    private record Sender(long high, long low) {}
}
