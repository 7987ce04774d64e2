package io.perfkit.query;

import io.micrometer.core.instrument.MeterRegistry;
import io.perfkit.core.CallSiteLocator;
import io.perfkit.core.FindingPublisher;
import io.perfkit.core.FindingSink;
import io.perfkit.core.Require;
import io.perfkit.query.internal.jdbc.MonitoredDataSource;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Watches every statement a {@link DataSource} runs: times it by {@link Fingerprint}, captures the PostgreSQL
 * plan of slow ones off the request thread and analyses it ({@link PlanAnalyzer}), and detects N+1 loops,
 * duplicate queries and unbatched writes within a {@link io.perfkit.core.WorkScope}. Findings go to the
 * {@link FindingSink} given to the builder.
 *
 * <pre>{@code
 * QueryMonitor monitor = QueryMonitor.builder()
 *     .meterRegistry(registry)                     // optional; none = no metrics, no cost
 *     .findingSink(FindingSink.logging())
 *     .slowQueryThreshold(Duration.ofMillis(200))
 *     .nPlusOneThreshold(5)
 *     .build();
 * DataSource ds = monitor.wrap(hikariDataSource);
 * try (WorkScope scope = WorkScope.open("GET /orders")) {
 *     orderService.list(ds);                       // an N+1 loop here becomes one N_PLUS_ONE finding
 * }
 * }</pre>
 *
 * <h2>Plan capture safety</h2>
 * A SELECT slower than the threshold is explained with {@code EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)} on a
 * separate connection of the same data source, inside a READ ONLY transaction with a {@code statement_timeout},
 * then rolled back. A statement that writes gets plain {@code EXPLAIN (FORMAT JSON)}, which does not execute it;
 * it is never executed a second time unless {@link Builder#explainAnalyzeWrites(boolean)} is set. Captures are
 * limited per fingerprint ({@link Builder#captureInterval(Duration)}) and overall
 * ({@link Builder#maxCapturesPerMinute(int)}). Bind values are never logged or put in findings, and literals in
 * captured plans are redacted, unless {@link Builder#revealBindValues(boolean)} is set.
 *
 * <p>Thread-safe. Close it to stop the capture thread; wrapped data sources keep working after that, without
 * plan capture.
 */
public final class QueryMonitor implements AutoCloseable {
    /** Default slow-query threshold: 500 ms. */
    public static final Duration DEFAULT_SLOW_QUERY_THRESHOLD = Duration.ofMillis(500);
    /** Default N+1 threshold: the same SELECT with 5 different values in one scope. */
    public static final int DEFAULT_N_PLUS_ONE_THRESHOLD = 5;
    /** Default duplicate threshold: the same SELECT with the same values twice in one scope. */
    public static final int DEFAULT_DUPLICATE_THRESHOLD = 2;
    /** Default number of fingerprints with their own metric tag; the rest share {@code fingerprint=other}. */
    public static final int DEFAULT_MAX_TAGGED_FINGERPRINTS = 200;
    /** Default bound of the SQL-string-to-fingerprint cache and of the fingerprints tracked. */
    public static final int DEFAULT_FINGERPRINT_CACHE_SIZE = 10_000;
    /** Default shortest time between two plan captures of one fingerprint: 10 minutes. */
    public static final Duration DEFAULT_CAPTURE_INTERVAL = Duration.ofMinutes(10);
    /** Default overall plan-capture budget: 60 per minute. */
    public static final int DEFAULT_MAX_CAPTURES_PER_MINUTE = 60;
    /** Default {@code statement_timeout} of a capture: 5 seconds. */
    public static final Duration DEFAULT_CAPTURE_STATEMENT_TIMEOUT = Duration.ofSeconds(5);
    /** Default {@code lock_timeout} of a capture: 100 ms. */
    public static final Duration DEFAULT_CAPTURE_LOCK_TIMEOUT = Duration.ofMillis(100);
    /** Fragments of normalised SQL that N+1/duplicate/batch detection ignores by default. */
    public static final List<String> DEFAULT_EXCLUSIONS = List.of("nextval(", "currval(", "setval(");

    private final QueryEngine engine;
    private final PlanCapture capture;

    private QueryMonitor(Builder b) {
        FindingPublisher publisher = FindingPublisher.of(b.findingSink);
        this.capture = new PlanCapture(b, publisher);
        this.engine = new QueryEngine(b, publisher, capture);
    }

    /**
     * Starts a monitor with the {@code DEFAULT_*} settings.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Wraps a data source so that everything run through it is monitored. Wrapping a data source that is
     * already monitored (by this or another monitor, directly or under a pool) returns it unchanged, so nothing
     * is counted twice.
     *
     * @param dataSource the application's data source; not closed by the monitor, the caller owns it; plan
     *     captures borrow its connections
     * @return the monitored data source; {@code unwrap} reaches {@code dataSource}
     * @throws NullPointerException if {@code dataSource} is null
     */
    public DataSource wrap(DataSource dataSource) {
        Require.nonNull(dataSource, "dataSource");
        try {
            if (dataSource.isWrapperFor(MonitoredDataSource.class)) {
                return dataSource;
            }
        } catch (SQLException e) {
            // A data source that cannot answer is not one of ours.
        }
        return new MonitoredDataSource(dataSource, engine.observerFor(dataSource));
    }

    /**
     * Waits until the plan captures queued so far are done; for tests and scripts.
     *
     * @param timeout how long to wait at most
     * @return true when no capture is pending, false on timeout
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    public boolean awaitCaptures(Duration timeout) throws InterruptedException {
        return capture.awaitIdle(Require.nonNegative(timeout, "timeout"));
    }

    /**
     * Returns the SQL of each fingerprint seen, by id: how to read the {@code fingerprint} tag of the metrics.
     *
     * @return an id-sorted snapshot of id to normalised SQL
     */
    public Map<String, String> fingerprints() {
        return engine.fingerprintSql();
    }

    /**
     * Returns the last plan captured for a fingerprint.
     *
     * @param fingerprintId a {@link Fingerprint#id()}
     * @return the plan, or empty when none was captured
     */
    public Optional<QueryPlan> lastPlan(String fingerprintId) {
        FingerprintStats stats = engine.statsById(Require.nonNull(fingerprintId, "fingerprintId"));
        return stats == null ? Optional.empty() : Optional.ofNullable(stats.lastPlan);
    }

    /** @return how many plan captures succeeded, failed or were skipped so far */
    public CaptureStats captureStats() {
        return capture.stats();
    }

    /** @return how many times perfkit's own bookkeeping failed (each time the statement itself ran normally) */
    public long internalFailures() {
        return engine.internalFailures();
    }

    /** Stops the plan-capture thread; captures still queued are dropped. Idempotent. */
    @Override
    public void close() {
        capture.close();
    }

    /**
     * Plan-capture counts.
     *
     * @param captured plans captured and analysed
     * @param failed captures that failed (counted, logged rate-limited, never seen by the application)
     * @param skipped slow statements whose plan was not captured: rate limits, not explainable, queue full
     */
    public record CaptureStats(long captured, long failed, long skipped) {}

    /** Builds a {@link QueryMonitor}; every setting has a default. Not thread-safe. */
    public static final class Builder {
        @Nullable MeterRegistry meterRegistry;
        FindingSink findingSink = FindingSink.logging();
        Duration slowQueryThreshold = DEFAULT_SLOW_QUERY_THRESHOLD;
        int nPlusOneThreshold = DEFAULT_N_PLUS_ONE_THRESHOLD;
        int duplicateThreshold = DEFAULT_DUPLICATE_THRESHOLD;
        int maxTaggedFingerprints = DEFAULT_MAX_TAGGED_FINGERPRINTS;
        double @Nullable [] timerPercentiles;
        boolean timerPercentileHistogram;
        int fingerprintCacheSize = DEFAULT_FINGERPRINT_CACHE_SIZE;
        boolean planCapture = true;
        boolean explainAnalyzeWrites;
        boolean revealBindValues;
        Duration captureInterval = DEFAULT_CAPTURE_INTERVAL;
        int maxCapturesPerMinute = DEFAULT_MAX_CAPTURES_PER_MINUTE;
        Duration captureStatementTimeout = DEFAULT_CAPTURE_STATEMENT_TIMEOUT;
        Duration captureLockTimeout = DEFAULT_CAPTURE_LOCK_TIMEOUT;
        List<String> exclusions = DEFAULT_EXCLUSIONS;
        CallSiteLocator callSiteLocator = CallSiteLocator.defaults();
        PlanAnalyzer planAnalyzer = PlanAnalyzer.defaults();

        private Builder() {
        }

        /**
         * Records metrics to this registry: function timer {@code perfkit.query{fingerprint,kind}} (count and
         * total time) with time gauge {@code perfkit.query.max{fingerprint,kind}}, function counter
         * {@code perfkit.query.rows{fingerprint,kind}}, counter {@code perfkit.query.errors{sqlstate.class}}.
         * Without a registry no meter is recorded and the hot path skips metrics entirely. See
         * {@link #timerPercentiles(double...)} for a Micrometer {@code Timer} with percentiles instead.
         *
         * @param registry the user's registry (never the global one unless passed here)
         * @return this builder
         */
        public Builder meterRegistry(MeterRegistry registry) {
            this.meterRegistry = Require.nonNull(registry, "meterRegistry");
            return this;
        }

        /**
         * Sets where findings go. Default: {@link FindingSink#logging()}.
         *
         * @param sink the sink
         * @return this builder
         */
        public Builder findingSink(FindingSink sink) {
            this.findingSink = Require.nonNull(sink, "findingSink");
            return this;
        }

        /**
         * Sets the time above which a statement is slow: a SLOW_QUERY finding, and a plan capture. Default 500 ms.
         *
         * @param threshold positive
         * @return this builder
         */
        public Builder slowQueryThreshold(Duration threshold) {
            this.slowQueryThreshold = Require.positive(threshold, "slowQueryThreshold");
            return this;
        }

        /**
         * Sets how many executions of one SELECT shape with different values in one scope make an N+1, and how
         * many one-row executions of one write make a MISSING_BATCH finding. Default 5.
         *
         * @param threshold at least 2
         * @return this builder
         */
        public Builder nPlusOneThreshold(int threshold) {
            this.nPlusOneThreshold = (int) Require.atLeast(threshold, 2, "nPlusOneThreshold");
            return this;
        }

        /**
         * Sets how many executions of one SELECT with the same values in one scope make a DUPLICATE_QUERY
         * finding. Default 2.
         *
         * @param threshold at least 2
         * @return this builder
         */
        public Builder duplicateThreshold(int threshold) {
            this.duplicateThreshold = (int) Require.atLeast(threshold, 2, "duplicateThreshold");
            return this;
        }

        /**
         * Sets how many fingerprints get their own {@code fingerprint} tag; later ones share
         * {@code fingerprint=other}. Default 200.
         *
         * @param max at least 1
         * @return this builder
         */
        public Builder maxTaggedFingerprints(int max) {
            this.maxTaggedFingerprints = (int) Require.atLeast(max, 1, "maxTaggedFingerprints");
            return this;
        }

        /**
         * Makes {@code perfkit.query} a Micrometer {@code Timer} that publishes these client-side percentiles,
         * instead of the default function timer. Costs about 60 ns more per statement (Micrometer's timer and
         * its percentile buffers), and {@code perfkit.query.max} is then the timer's own max statistic.
         * Default: none.
         *
         * @param percentiles each in [0, 1], e.g. {@code 0.5, 0.95, 0.99}; none to turn them off
         * @return this builder
         */
        public Builder timerPercentiles(double... percentiles) {
            Require.nonNull(percentiles, "timerPercentiles");
            for (double p : percentiles) {
                Require.between(p, 0, 1, "timerPercentiles");
            }
            this.timerPercentiles = percentiles.length == 0 ? null : percentiles.clone();
            return this;
        }

        /**
         * Makes {@code perfkit.query} a Micrometer {@code Timer} that publishes a percentile histogram (for
         * aggregable percentiles in Prometheus and similar), instead of the default function timer. Costs about
         * 60 ns more per statement. Default off.
         *
         * @param enabled true to publish the histogram
         * @return this builder
         */
        public Builder timerPercentileHistogram(boolean enabled) {
            this.timerPercentileHistogram = enabled;
            return this;
        }

        /**
         * Sets how many distinct SQL strings (and fingerprints) are remembered. Default 10,000.
         *
         * @param size at least 16
         * @return this builder
         */
        public Builder fingerprintCacheSize(int size) {
            this.fingerprintCacheSize = (int) Require.atLeast(size, 16, "fingerprintCacheSize");
            return this;
        }

        /**
         * Turns slow-query plan capture on or off. Default on.
         *
         * @param enabled false to only time statements and report SLOW_QUERY without a plan
         * @return this builder
         */
        public Builder planCapture(boolean enabled) {
            this.planCapture = enabled;
            return this;
        }

        /**
         * Lets the capture run {@code EXPLAIN ANALYZE} on INSERT/UPDATE/DELETE/MERGE inside a transaction that is
         * rolled back. Off by default: the statement would then run a second time, its triggers fire,
         * sequences advance and it takes row locks. Leave it off in production.
         *
         * @param enabled true to analyse writes
         * @return this builder
         */
        public Builder explainAnalyzeWrites(boolean enabled) {
            this.explainAnalyzeWrites = enabled;
            return this;
        }

        /**
         * Keeps literal values in captured plans. Off by default: custom plans inline bind values into their
         * conditions, which may be personal data.
         *
         * @param enabled true to keep them
         * @return this builder
         */
        public Builder revealBindValues(boolean enabled) {
            this.revealBindValues = enabled;
            return this;
        }

        /**
         * Sets the shortest time between two captures of the same fingerprint. Default 10 minutes.
         *
         * @param interval zero or positive
         * @return this builder
         */
        public Builder captureInterval(Duration interval) {
            this.captureInterval = Require.nonNegative(interval, "captureInterval");
            return this;
        }

        /**
         * Sets the overall capture budget. Default 60 per minute.
         *
         * @param max at least 1
         * @return this builder
         */
        public Builder maxCapturesPerMinute(int max) {
            this.maxCapturesPerMinute = (int) Require.atLeast(max, 1, "maxCapturesPerMinute");
            return this;
        }

        /**
         * Sets the {@code statement_timeout} of a capture. Default 5 s.
         *
         * @param timeout positive
         * @return this builder
         */
        public Builder captureStatementTimeout(Duration timeout) {
            this.captureStatementTimeout = Require.positive(timeout, "captureStatementTimeout");
            return this;
        }

        /**
         * Sets the {@code lock_timeout} of a capture. Default 100 ms.
         *
         * @param timeout positive
         * @return this builder
         */
        public Builder captureLockTimeout(Duration timeout) {
            this.captureLockTimeout = Require.positive(timeout, "captureLockTimeout");
            return this;
        }

        /**
         * Replaces the fragments of normalised SQL that N+1, duplicate and batch detection ignore (matched
         * case-insensitively). Default {@link #DEFAULT_EXCLUSIONS} ({@code nextval(} and friends).
         *
         * @param fragments the fragments, none blank
         * @return this builder
         */
        public Builder excludeFromDetection(String... fragments) {
            List<String> list = new ArrayList<>();
            for (String f : Require.nonNull(fragments, "excludeFromDetection")) {
                list.add(Require.nonBlank(f, "excludeFromDetection fragment").toLowerCase(Locale.ROOT));
            }
            this.exclusions = List.copyOf(list);
            return this;
        }

        /**
         * Sets how call sites are found; use {@link CallSiteLocator#skipping(String...)} to skip an
         * application's own data-access helpers. Default {@link CallSiteLocator#defaults()}.
         *
         * @param locator the locator
         * @return this builder
         */
        public Builder callSiteLocator(CallSiteLocator locator) {
            this.callSiteLocator = Require.nonNull(locator, "callSiteLocator");
            return this;
        }

        /**
         * Sets the analyzer of captured plans. Default {@link PlanAnalyzer#defaults()}.
         *
         * @param analyzer the analyzer
         * @return this builder
         */
        public Builder planAnalyzer(PlanAnalyzer analyzer) {
            this.planAnalyzer = Require.nonNull(analyzer, "planAnalyzer");
            return this;
        }

        /**
         * Builds the monitor; it starts no thread until the first capture.
         *
         * @return the monitor; close it when done
         */
        public QueryMonitor build() {
            return new QueryMonitor(this);
        }
    }
}
