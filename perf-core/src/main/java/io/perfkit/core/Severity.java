package io.perfkit.core;

/** How urgently a {@link Finding} needs attention. Ordered from least to most severe. */
public enum Severity {
    /** Worth knowing; no action is required (a plan changed, a pool is larger than it needs to be). */
    INFO,
    /** Costs time or resources now and should be fixed (an N+1 loop, a missing index). */
    WARNING,
    /** Is failing or about to fail requests (a saturated pool, no connection headroom left). */
    CRITICAL
}
