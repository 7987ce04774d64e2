package io.perfkit.cache;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** A CacheRecorder that counts events by name, for assertions. */
final class CountingRecorder implements CacheRecorder {
    final ConcurrentHashMap<String, LongAdder> counts = new ConcurrentHashMap<>();

    long count(String event) {
        LongAdder a = counts.get(event);
        return a == null ? 0 : a.sum();
    }

    private void inc(String event) {
        counts.computeIfAbsent(event, e -> new LongAdder()).increment();
    }

    @Override
    public void recordGet(Tier tier, boolean hit) {
        inc("get." + tier.tagValue() + "." + (hit ? "hit" : "miss"));
    }

    @Override
    public void recordPut(Tier tier) {
        inc("put." + tier.tagValue());
    }

    @Override
    public void recordLoad(long nanos, boolean success) {
        inc("load." + success);
    }

    @Override
    public void recordRemoteFailure(String operation) {
        inc("failure." + operation);
        inc("failure");
    }

    @Override
    public void recordBreakerState(BreakerState state) {
        inc("breaker." + state);
    }

    @Override
    public void recordInvalidationReceived(InvalidationType type, long lagMillis) {
        inc("received." + type);
    }

    @Override
    public void recordInvalidationSent(InvalidationType type) {
        inc("sent." + type);
    }

    @Override
    public void recordFlush(FlushReason reason) {
        inc("flush." + reason);
    }

    @Override
    public void recordRefresh() {
        inc("refresh");
    }
}
