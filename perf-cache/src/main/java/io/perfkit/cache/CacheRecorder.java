package io.perfkit.cache;

/**
 * Receives what a {@link TieredCache} does, for metrics. {@link io.perfkit.cache.micrometer.MicrometerCacheRecorder}
 * turns it into Micrometer meters. Methods are called on the caller's thread (the L1-hit call on the hottest path),
 * must be fast, must not block and should not throw (a throwing recorder is ignored).
 */
public interface CacheRecorder {

    /**
     * Returns the recorder that records nothing.
     *
     * @return the no-op recorder
     */
    static CacheRecorder disabled() {
        return DisabledCacheRecorder.INSTANCE;
    }

    /**
     * A lookup in one tier.
     *
     * @param tier the tier
     * @param hit whether it found a value (a cached absence counts as a hit)
     */
    default void recordGet(Tier tier, boolean hit) {}

    /**
     * A value was written to a tier.
     *
     * @param tier the tier
     */
    default void recordPut(Tier tier) {}

    /**
     * L1 evicted an entry for size or expiry.
     *
     * @param tier the tier
     */
    default void recordEviction(Tier tier) {}

    /**
     * The loader ran.
     *
     * @param nanos how long it took
     * @param success false when it threw
     */
    default void recordLoad(long nanos, boolean success) {}

    /**
     * A Redis operation failed, timed out or was refused by the open breaker; the cache fell back according to its
     * {@link RemoteFailurePolicy}.
     *
     * @param operation a short constant: {@code get}, {@code set}, {@code publish}, {@code lease}, {@code generation}
     */
    default void recordRemoteFailure(String operation) {}

    /**
     * The breaker changed state.
     *
     * @param state the new state
     */
    default void recordBreakerState(BreakerState state) {}

    /**
     * An invalidation message was sent.
     *
     * @param type its type
     */
    default void recordInvalidationSent(InvalidationType type) {}

    /**
     * An invalidation message from another instance was applied.
     *
     * @param type its type
     * @param lagMillis sender's wall clock to receiver's wall clock, in milliseconds (can be skewed by clocks)
     */
    default void recordInvalidationReceived(InvalidationType type, long lagMillis) {}

    /**
     * The whole L1 was cleared.
     *
     * @param reason why
     */
    default void recordFlush(FlushReason reason) {}

    /** A load started by early refresh (XFetch) or a stale entry being revalidated. */
    default void recordRefresh() {}

    /** Creates a recorder for one cache. */
    @FunctionalInterface
    interface Factory {
        /**
         * Creates the recorder for a cache.
         *
         * @param cacheName the cache's name (the {@code cache} tag)
         * @return the recorder
         */
        CacheRecorder create(String cacheName);
    }
}
