package io.perfkit.cache;

/** What a cache or rate limiter does when Redis cannot be reached (error, timeout, or an open circuit breaker). */
public enum RemoteFailurePolicy {
    /**
     * The default: keep serving. A cache reads L1 and calls the loader; an invalidation that cannot be sent still
     * clears this instance's L1; a rate limiter allows the request. Every fallback is counted.
     */
    FAIL_OPEN,
    /**
     * Refuse: a cache miss, put or invalidation that needs Redis throws {@link CacheUnavailableException} (L1 hits
     * are still served); a rate limiter denies the request.
     */
    FAIL_CLOSED
}
