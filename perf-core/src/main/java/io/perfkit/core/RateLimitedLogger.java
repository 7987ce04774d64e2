package io.perfkit.core;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

/**
 * Logs perfkit's own failures (a plan capture that failed, a Redis command that timed out, a sink that threw)
 * without flooding: per problem, the first occurrence is logged with its stack trace, and later ones at most
 * once per interval, with the count of those suppressed in between. Every occurrence is counted.
 *
 * <pre>{@code
 * private final RateLimitedLogger log = RateLimitedLogger.of(LoggerFactory.getLogger(PlanCapturer.class));
 * ...
 * catch (SQLException e) { log.warn("plan-capture", "Plan capture failed for " + fingerprintId, e); }
 * }</pre>
 */
public final class RateLimitedLogger {
    /** The default shortest time between two log records of the same problem: one minute. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(1);

    private final Logger logger;
    private final long intervalNanos;
    private final Ticker ticker;
    private final ConcurrentMap<String, Problem> problems = new ConcurrentHashMap<>();

    private RateLimitedLogger(Logger logger, Duration interval, Ticker ticker) {
        this.logger = Require.nonNull(logger, "logger");
        this.intervalNanos = Require.positive(interval, "interval").toNanos();
        this.ticker = Require.nonNull(ticker, "ticker");
    }

    /**
     * Returns a logger that logs each problem at most once per {@link #DEFAULT_INTERVAL}.
     *
     * @param logger the SLF4J logger to write to
     * @return a new rate-limited logger
     */
    public static RateLimitedLogger of(Logger logger) {
        return new RateLimitedLogger(logger, DEFAULT_INTERVAL, Ticker.system());
    }

    /**
     * Returns a logger that logs each problem at most once per {@code interval}, timed by {@code ticker}.
     *
     * @param logger the SLF4J logger to write to
     * @param interval the shortest time between two records of one problem
     * @param ticker the time source
     * @return a new rate-limited logger
     */
    public static RateLimitedLogger of(Logger logger, Duration interval, Ticker ticker) {
        return new RateLimitedLogger(logger, interval, ticker);
    }

    /**
     * Counts one occurrence of a problem and logs it at WARN unless the same problem was logged within the
     * interval.
     *
     * @param problem a short constant naming the problem (not a value: the set of problems must stay small)
     * @param message what happened, without bind values or cache keys
     * @param cause the exception, logged with the first record of the problem only; may be null
     * @return true when this call wrote a log record
     */
    public boolean warn(String problem, String message, @Nullable Throwable cause) {
        Problem p = problems.computeIfAbsent(problem, k -> new Problem());
        long count = p.count.incrementAndGet();
        long now = ticker.read();
        long last = p.lastLogged.get();
        boolean first = count == 1;
        if (!first && now - last < intervalNanos) {
            return false;
        }
        if (!p.lastLogged.compareAndSet(last, now)) {
            return false;
        }
        long suppressed = count - p.countAtLastLog.getAndSet(count) - 1;
        if (first && cause != null) {
            logger.warn(message, cause);
        } else if (suppressed > 0) {
            logger.warn("{} ({} similar suppressed; last cause: {})", message, suppressed, cause);
        } else {
            logger.warn("{} (cause: {})", message, cause);
        }
        return true;
    }

    /**
     * Returns how often a problem occurred, logged or not.
     *
     * @param problem the problem's name
     * @return the number of occurrences
     */
    public long count(String problem) {
        Problem p = problems.get(problem);
        return p == null ? 0 : p.count.get();
    }

    private static final class Problem {
        final AtomicLong count = new AtomicLong();
        final AtomicLong countAtLastLog = new AtomicLong();
        final AtomicLong lastLogged = new AtomicLong(Long.MIN_VALUE / 2);
    }
}
