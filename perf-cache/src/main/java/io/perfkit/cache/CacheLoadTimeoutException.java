package io.perfkit.cache;

/**
 * Thrown to a caller that waited for another caller's load of the same key (single flight) longer than
 * {@link TieredCache.Builder#loadTimeout}. The load itself goes on; nothing is cached from this call.
 */
public final class CacheLoadTimeoutException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message which cache and which timeout
     */
    public CacheLoadTimeoutException(String message) {
        super(message);
    }
}
