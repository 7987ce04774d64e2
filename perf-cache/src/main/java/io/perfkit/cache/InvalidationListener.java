package io.perfkit.cache;

/**
 * Observes invalidations as this instance applies them: to debug "why did instance B still serve the old value"
 * and to check the consistency bound in tests. Called on the thread that applied the invalidation (often the Redis
 * I/O thread): must be fast, must not block, should not throw (a throwing listener is ignored).
 */
public interface InvalidationListener {
    /** Listens to nothing. */
    InvalidationListener NONE = new InvalidationListener() {};

    /**
     * One key was invalidated in this instance's L1.
     *
     * @param key the Redis key (namespace + mapped key)
     * @param remote true when the invalidation came from another instance
     */
    default void onKeyInvalidated(String key, boolean remote) {}

    /**
     * The whole L1 was cleared.
     *
     * @param reason why
     */
    default void onFlush(FlushReason reason) {}
}
