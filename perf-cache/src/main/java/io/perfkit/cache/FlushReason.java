package io.perfkit.cache;

/** Why a cache cleared its whole L1; the lower-case name is the {@code reason} tag of {@code cache.l1.flushes}. */
public enum FlushReason {
    /** {@code invalidateAll()} here or on another instance. */
    INVALIDATE_ALL,
    /** A sequence gap: an invalidation message from another instance was missed. */
    GAP,
    /** The connection carrying the subscription dropped, or this instance stopped hearing its own heartbeats. */
    SUBSCRIPTION_LOST,
    /** Redis came back after an outage: invalidations sent meanwhile may have been missed. */
    REMOTE_RECOVERED,
    /** An invalidation could not be sent to Redis, so the whole L1 was cleared to be safe. */
    SEND_FAILED
}
