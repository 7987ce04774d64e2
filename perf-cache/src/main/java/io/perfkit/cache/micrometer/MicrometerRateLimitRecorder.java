package io.perfkit.cache.micrometer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.perfkit.cache.RateLimitRecorder;
import io.perfkit.core.Require;

/**
 * Records {@link io.perfkit.cache.RateLimiter} decisions as {@code ratelimit.decisions{limiter,result,degraded}}
 * (result {@code allowed|denied}; degraded {@code true} when Redis was unavailable and the policy decided).
 */
public final class MicrometerRateLimitRecorder implements RateLimitRecorder {
    private final Counter allowed;
    private final Counter denied;
    private final Counter allowedDegraded;
    private final Counter deniedDegraded;

    private MicrometerRateLimitRecorder(MeterRegistry registry, String limiter) {
        this.allowed = counter(registry, limiter, "allowed", false);
        this.denied = counter(registry, limiter, "denied", false);
        this.allowedDegraded = counter(registry, limiter, "allowed", true);
        this.deniedDegraded = counter(registry, limiter, "denied", true);
    }

    /**
     * Returns a factory for {@link io.perfkit.cache.RateLimiter.Builder#recorder}.
     *
     * @param registry the registry; yours, perfkit never uses the global one
     * @return the factory
     */
    public static RateLimitRecorder.Factory factory(MeterRegistry registry) {
        Require.nonNull(registry, "registry");
        return name -> new MicrometerRateLimitRecorder(registry, name);
    }

    private static Counter counter(MeterRegistry registry, String limiter, String result, boolean degraded) {
        return Counter.builder("ratelimit.decisions").description("Rate limiter decisions")
                .tag("limiter", limiter).tag("result", result).tag("degraded", Boolean.toString(degraded))
                .register(registry);
    }

    @Override
    public void record(boolean allowedRequest, boolean degraded) {
        if (allowedRequest) {
            (degraded ? allowedDegraded : allowed).increment();
        } else {
            (degraded ? deniedDegraded : denied).increment();
        }
    }
}
