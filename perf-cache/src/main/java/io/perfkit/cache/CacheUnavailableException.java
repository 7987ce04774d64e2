package io.perfkit.cache;

import org.jspecify.annotations.Nullable;

/** Thrown under {@link RemoteFailurePolicy#FAIL_CLOSED} when an operation needs Redis and Redis is unavailable. */
public final class CacheUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what could not be done
     * @param cause the Redis failure, or null when the circuit breaker was open
     */
    public CacheUnavailableException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
