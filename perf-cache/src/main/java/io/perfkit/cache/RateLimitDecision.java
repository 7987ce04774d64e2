package io.perfkit.cache;

import java.time.Duration;

/**
 * The answer of a {@link RateLimiter}.
 *
 * @param allowed whether the request may proceed
 * @param remaining how many more requests would be allowed right now (0 when denied)
 * @param retryAfter when denied, how long until one request would be allowed; zero when allowed
 * @param resetAfter how long until the key is back to its full burst
 * @param degraded true when Redis could not be asked and the failure policy decided instead
 */
public record RateLimitDecision(boolean allowed, long remaining, Duration retryAfter, Duration resetAfter,
        boolean degraded) {}
