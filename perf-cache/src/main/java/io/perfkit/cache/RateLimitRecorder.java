package io.perfkit.cache;

/**
 * Receives rate-limit decisions, for metrics ({@link io.perfkit.cache.micrometer.MicrometerRateLimitRecorder}).
 * Called on the caller's thread; must be fast and should not throw.
 */
public interface RateLimitRecorder {
    /**
     * Returns the recorder that records nothing.
     *
     * @return the no-op recorder
     */
    static RateLimitRecorder disabled() {
        return (allowed, degraded) -> {};
    }

    /**
     * One decision.
     *
     * @param allowed whether it allowed the request
     * @param degraded whether Redis was unavailable and the failure policy decided
     */
    void record(boolean allowed, boolean degraded);

    /** Creates a recorder for one limiter. */
    @FunctionalInterface
    interface Factory {
        /**
         * Creates the recorder.
         *
         * @param limiterName the limiter's name (the {@code limiter} tag)
         * @return the recorder
         */
        RateLimitRecorder create(String limiterName);
    }
}
