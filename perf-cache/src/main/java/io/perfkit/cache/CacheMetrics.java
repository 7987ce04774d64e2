package io.perfkit.cache;

/**
 * The cache's side of its {@link CacheRecorder}: every call guarded, because a throwing recorder must never fail a
 * read, a write or an invalidation.
 */
final class CacheMetrics {
    final CacheRecorder recorder;

    CacheMetrics(CacheRecorder recorder) {
        this.recorder = recorder;
    }

    void get(Tier tier, boolean hit) {
        try {
            recorder.recordGet(tier, hit);
        } catch (RuntimeException ignored) {
            // a throwing recorder must not fail the read
        }
    }

    void put(Tier tier) {
        try {
            recorder.recordPut(tier);
        } catch (RuntimeException ignored) {
            // a throwing recorder must not fail the write
        }
    }

    void eviction(Tier tier) {
        safely(() -> recorder.recordEviction(tier));
    }

    void load(long nanos, boolean success) {
        safely(() -> recorder.recordLoad(nanos, success));
    }

    void remoteFailure(String operation) {
        safely(() -> recorder.recordRemoteFailure(operation));
    }

    void breakerState(BreakerState state) {
        safely(() -> recorder.recordBreakerState(state));
    }

    void invalidationSent(InvalidationType type) {
        safely(() -> recorder.recordInvalidationSent(type));
    }

    void invalidationReceived(InvalidationType type, long lagMillis) {
        safely(() -> recorder.recordInvalidationReceived(type, lagMillis));
    }

    void flush(FlushReason reason) {
        safely(() -> recorder.recordFlush(reason));
    }

    void refresh() {
        safely(recorder::recordRefresh);
    }

    static void safely(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException ignored) {
            // a throwing recorder or listener must not fail the cache
        }
    }
}
