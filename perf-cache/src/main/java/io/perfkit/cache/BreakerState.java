package io.perfkit.cache;

/** The state of the circuit breaker in front of Redis. */
public enum BreakerState {
    /** Redis calls go through. */
    CLOSED,
    /** One probe call is let through to find out whether Redis is back. */
    HALF_OPEN,
    /** Redis calls fail at once, without touching the network. */
    OPEN
}
