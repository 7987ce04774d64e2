package io.perfkit.cache;

import io.perfkit.core.RateLimitedLogger;
import io.perfkit.core.Require;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

/**
 * A per-key rate limit kept in Redis, shared by every instance: GCRA (the generic cell rate algorithm, a token
 * bucket expressed as one "theoretical arrival time" per key). Each decision is one atomic Lua call (EVALSHA) that
 * reads Redis's own clock, so instances' clocks do not matter and concurrent callers cannot over-admit. A key
 * allows {@code burst} requests at once and then one per {@code period / limit}.
 *
 * <pre>{@code
 * RateLimiter limiter = RateLimiter.builder("login", store)
 *         .limit(10, Duration.ofMinutes(1))      // 10 per minute, in a burst of up to 10
 *         .build();
 * RateLimitDecision d = limiter.tryAcquire("user:42");
 * if (!d.allowed()) { response.setHeader("Retry-After", Long.toString(d.retryAfter().toSeconds() + 1)); }
 * }</pre>
 *
 * <p>When Redis is unavailable (error, timeout, or the breaker open) the {@link RemoteFailurePolicy} decides:
 * FAIL_OPEN (default) allows, FAIL_CLOSED denies; either way the decision says {@code degraded} and is counted.
 */
public final class RateLimiter {
    static final String GCRA = """
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
            local interval = tonumber(ARGV[1])
            local burst = tonumber(ARGV[2])
            local cost = tonumber(ARGV[3])
            local tat = tonumber(redis.call('GET', KEYS[1]) or now)
            if tat < now then tat = now end
            local new_tat = tat + interval * cost
            local diff = now - (new_tat - interval * burst)
            if diff < 0 then
              return {0, 0, -diff, tat - now}
            end
            local reset = new_tat - now
            redis.call('SET', KEYS[1], string.format('%d', new_tat), 'PX', math.ceil(reset / 1000) + 1)
            return {1, math.floor(diff / interval), 0, reset}
            """;

    private final String name;
    private final String prefix;
    private final RemoteStore store;
    private final long intervalMicros;
    private final long burst;
    private final RemoteFailurePolicy policy;
    private final long timeoutMillis;
    private final CircuitBreaker breaker;
    private final RateLimitRecorder recorder;
    private final RateLimitedLogger log = RateLimitedLogger.of(LoggerFactory.getLogger(RateLimiter.class));

    private RateLimiter(Builder b) {
        this.name = b.name;
        this.prefix = b.namespace + ":";
        this.store = b.store;
        this.intervalMicros = Math.max(1, TimeUnit.NANOSECONDS.toMicros(b.period.toNanos()) / b.limit);
        this.burst = b.burst == 0 ? b.limit : b.burst;
        this.policy = b.policy;
        this.timeoutMillis = Math.max(1, b.commandTimeout.toMillis());
        this.breaker = new CircuitBreaker(b.breakerFailures, b.breakerOpen.toNanos(), System::nanoTime, s -> {});
        this.recorder = b.recorderFactory.create(b.name);
    }

    /**
     * Starts a builder.
     *
     * @param name the limiter's name (metrics tag, and the key namespace {@code perfkit:rl:<name>} by default)
     * @param store the Redis store; not closed by the limiter
     * @return the builder
     */
    public static Builder builder(String name, RemoteStore store) {
        return new Builder(name, store);
    }

    /**
     * Asks for one request on a key.
     *
     * @param key what is limited: a user, a client, an IP (becomes part of a Redis key; not a metric tag)
     * @return the decision
     */
    public RateLimitDecision tryAcquire(String key) {
        return tryAcquire(key, 1);
    }

    /**
     * Asks for {@code permits} requests at once on a key (all or none).
     *
     * @param key what is limited
     * @param permits between 1 and the burst
     * @return the decision
     */
    public RateLimitDecision tryAcquire(String key, int permits) {
        Require.nonNull(key, "key");
        Require.argument(permits >= 1 && permits <= burst, "permits must be between 1 and the burst %s, but was %s",
                burst, permits);
        RateLimitDecision d;
        if (!breaker.tryAcquire()) {
            d = degraded(null);
        } else {
            try {
                List<Long> r = store.evalLongs(GCRA, List.of(prefix + key),
                        List.of(Long.toString(intervalMicros), Long.toString(burst), Integer.toString(permits)))
                        .get(timeoutMillis, TimeUnit.MILLISECONDS);
                breaker.onSuccess();
                d = new RateLimitDecision(r.get(0) == 1L, r.get(1), Duration.ofNanos(r.get(2) * 1000),
                        Duration.ofNanos(r.get(3) * 1000), false);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                d = degraded(e);
            } catch (ExecutionException | TimeoutException | RuntimeException e) {
                breaker.onFailure();
                d = degraded(e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e);
            }
        }
        try {
            recorder.record(d.allowed(), d.degraded());
        } catch (RuntimeException ignored) {
            // a throwing recorder must not fail the decision
        }
        return d;
    }

    private RateLimitDecision degraded(@Nullable Throwable cause) {
        log.warn("ratelimit-remote", "rate limiter '" + name + "': Redis unavailable ("
                + (cause == null ? "circuit breaker open" : cause.toString()) + "); policy " + policy, null);
        boolean allow = policy == RemoteFailurePolicy.FAIL_OPEN;
        return new RateLimitDecision(allow, allow ? 1 : 0, Duration.ZERO, Duration.ZERO, true);
    }

    @Override
    public String toString() {
        return "RateLimiter[" + name + ", burst=" + burst + ", interval=" + intervalMicros + "us, " + policy + "]";
    }

    /** Builds a {@link RateLimiter}. */
    public static final class Builder {
        /** Default Redis command timeout: 100 ms. */
        public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofMillis(100);

        private final String name;
        private final RemoteStore store;
        private String namespace;
        private long limit;
        private Duration period = Duration.ZERO;
        private long burst;
        private RemoteFailurePolicy policy = RemoteFailurePolicy.FAIL_OPEN;
        private Duration commandTimeout = DEFAULT_COMMAND_TIMEOUT;
        private int breakerFailures = TieredCache.Builder.DEFAULT_BREAKER_FAILURES;
        private Duration breakerOpen = TieredCache.Builder.DEFAULT_BREAKER_OPEN;
        private RateLimitRecorder.Factory recorderFactory = n -> RateLimitRecorder.disabled();

        private Builder(String name, RemoteStore store) {
            Require.nonBlank(name, "name");
            Require.argument(name.matches("[A-Za-z0-9._-]+"),
                    "name must use letters, digits, '.', '_' or '-' only, but was '%s'", name);
            this.name = name;
            this.store = Require.nonNull(store, "store");
            this.namespace = "perfkit:rl:" + name;
        }

        /**
         * Sets the sustained rate: {@code limit} requests per {@code period} (required).
         *
         * @param limit at least 1
         * @param period positive
         * @return this builder
         */
        public Builder limit(long limit, Duration period) {
            this.limit = Require.atLeast(limit, 1, "limit");
            this.period = Require.positive(period, "period");
            Require.argument(TimeUnit.NANOSECONDS.toMicros(period.toNanos()) >= limit,
                    "limit %s per %s is finer than one microsecond per request", limit, period);
            return this;
        }

        /**
         * Sets how many requests may come at once (default: the limit).
         *
         * @param burst at least 1
         * @return this builder
         */
        public Builder burst(long burst) {
            this.burst = Require.atLeast(burst, 1, "burst");
            return this;
        }

        /**
         * Sets the Redis key namespace (default {@code perfkit:rl:<name>}); keys are {@code <namespace>:<key>}.
         *
         * @param namespace no whitespace
         * @return this builder
         */
        public Builder namespace(String namespace) {
            Require.nonBlank(namespace, "namespace");
            Require.argument(!namespace.matches(".*\\s.*"), "namespace must not contain whitespace, but was '%s'",
                    namespace);
            this.namespace = namespace;
            return this;
        }

        /**
         * Sets the decision when Redis is unavailable (default FAIL_OPEN: allow).
         *
         * @param policy the policy
         * @return this builder
         */
        public Builder failurePolicy(RemoteFailurePolicy policy) {
            this.policy = Require.nonNull(policy, "failurePolicy");
            return this;
        }

        /**
         * Sets the Redis command timeout (default {@link #DEFAULT_COMMAND_TIMEOUT}).
         *
         * @param timeout positive
         * @return this builder
         */
        public Builder commandTimeout(Duration timeout) {
            this.commandTimeout = Require.positive(timeout, "commandTimeout");
            return this;
        }

        /**
         * Sets the circuit breaker (defaults as {@link TieredCache.Builder#circuitBreaker}).
         *
         * @param consecutiveFailures failures in a row that open it, at least 1
         * @param openFor how long it stays open before a probe, positive
         * @return this builder
         */
        public Builder circuitBreaker(int consecutiveFailures, Duration openFor) {
            Require.atLeast(consecutiveFailures, 1, "circuitBreaker consecutiveFailures");
            this.breakerFailures = consecutiveFailures;
            this.breakerOpen = Require.positive(openFor, "circuitBreaker openFor");
            return this;
        }

        /**
         * Sets where decisions are recorded, e.g. {@code MicrometerRateLimitRecorder.factory(registry)}.
         *
         * @param factory creates the recorder
         * @return this builder
         */
        public Builder recorder(RateLimitRecorder.Factory factory) {
            this.recorderFactory = Require.nonNull(factory, "recorder");
            return this;
        }

        /**
         * Builds the limiter.
         *
         * @return the limiter
         * @throws IllegalStateException when no limit was set, or the burst is below 1
         */
        public RateLimiter build() {
            Require.state(limit > 0, "limit(...) is required");
            return new RateLimiter(this);
        }
    }
}
