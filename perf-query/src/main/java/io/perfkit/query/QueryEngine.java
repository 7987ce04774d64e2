package io.perfkit.query;

import io.micrometer.core.instrument.Timer;
import io.perfkit.core.CallSiteLocator;
import io.perfkit.core.FindingPublisher;
import io.perfkit.core.RateLimitedLogger;
import io.perfkit.core.WorkScope;
import io.perfkit.query.internal.jdbc.JdbcObserver;
import io.perfkit.query.internal.jdbc.ParameterLog;
import io.perfkit.query.internal.jdbc.StatementShape;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

/**
 * The monitor's hot path: resolves SQL to shapes through a bounded cache, records timers, feeds the N+1
 * detector and hands slow statements to the {@link PlanCapture}. Never throws into the application's call: its
 * own failures are counted and logged, rate-limited.
 */
final class QueryEngine {
    private final ConcurrentHashMap<String, Shape> shapes = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, FingerprintStats> fingerprints = new ConcurrentHashMap<>();
    private final int cacheSize;
    private final List<String> exclusions;
    private final QueryMetrics metrics;
    private final RepetitionDetector detector;
    private final PlanCapture capture;
    private final long slowNanos;
    private final CallSiteLocator locator;
    private final RateLimitedLogger log = RateLimitedLogger.of(LoggerFactory.getLogger(QueryMonitor.class));
    private final AtomicLong internalFailures = new AtomicLong();
    private final AtomicLong cacheMisses = new AtomicLong();

    QueryEngine(QueryMonitor.Builder b, FindingPublisher publisher, PlanCapture capture) {
        this.cacheSize = b.fingerprintCacheSize;
        this.exclusions = b.exclusions;
        this.metrics = new QueryMetrics(b.meterRegistry, b.maxTaggedFingerprints, b.timerPercentiles,
                b.timerPercentileHistogram);
        this.locator = b.callSiteLocator;
        this.detector = new RepetitionDetector(b.nPlusOneThreshold, b.duplicateThreshold, publisher, locator);
        this.capture = capture;
        this.slowNanos = b.slowQueryThreshold.toNanos();
    }

    /** A distinct SQL string and its fingerprint's stats. */
    static final class Shape extends StatementShape {
        final FingerprintStats stats;
        final long sqlHash;

        Shape(String sql, FingerprintStats stats) {
            super(sql);
            this.stats = stats;
            this.sqlHash = sql.hashCode();
        }
    }

    /** The observer of one wrapped data source: plan captures use that data source's own connections. */
    JdbcObserver observerFor(DataSource raw) {
        return new JdbcObserver() {
            @Override
            public StatementShape shape(String sql) {
                return QueryEngine.this.shape(sql);
            }

            @Override
            public void executed(StatementShape shape, @Nullable ParameterLog parameters, int batchSize,
                                 long elapsedNanos, @Nullable SQLException failure) {
                QueryEngine.this.executed((Shape) shape, parameters, batchSize, elapsedNanos, failure, raw);
            }

            @Override
            public void fetched(StatementShape shape, long rows) {
                LongAdder adder = ((Shape) shape).stats.rows;
                if (adder != null) {
                    adder.add(rows);
                }
            }
        };
    }

    Shape shape(String sql) {
        Shape shape = shapes.get(sql);
        if (shape != null) {
            return shape;
        }
        shape = new Shape(sql, statsOf(Fingerprint.of(sql)));
        cacheMisses.incrementAndGet();
        if (shapes.size() >= cacheSize) {
            // Bounded: an application that builds SQL with inlined values would otherwise grow this forever.
            // Clearing is cheap and rare; recomputing a fingerprint costs microseconds.
            shapes.clear();
        }
        Shape raced = shapes.putIfAbsent(sql, shape);
        return raced == null ? shape : raced;
    }

    private FingerprintStats statsOf(Fingerprint fp) {
        FingerprintStats stats = fingerprints.get(fp.normalizedSql());
        if (stats != null) {
            return stats;
        }
        if (fingerprints.size() >= cacheSize) {
            return metrics.newStats(fp, isExcluded(fp)); // untracked: counted under "other" once tags ran out
        }
        return fingerprints.computeIfAbsent(fp.normalizedSql(), k -> metrics.newStats(fp, isExcluded(fp)));
    }

    private boolean isExcluded(Fingerprint fp) {
        String sql = fp.normalizedSql().toLowerCase(Locale.ROOT);
        for (String fragment : exclusions) {
            if (sql.contains(fragment)) {
                return true;
            }
        }
        return false;
    }

    void executed(Shape shape, @Nullable ParameterLog parameters, int batchSize, long nanos,
                  @Nullable SQLException failure, DataSource raw) {
        try {
            FingerprintStats stats = shape.stats;
            QueryTimer timer = stats.timer;
            if (timer != null) {
                timer.record(nanos);
            } else {
                Timer distribution = stats.distributionTimer;
                if (distribution != null) {
                    distribution.record(nanos, TimeUnit.NANOSECONDS);
                }
            }
            if (failure != null) {
                metrics.recordError(failure);
            }
            WorkScope scope = WorkScope.currentOrNull();
            if (scope != null) {
                scope.recordQuery(nanos);
                if (failure == null && !stats.excluded) {
                    long valuesHash = parameters == null ? shape.sqlHash : parameters.valuesHash();
                    detector.record(scope, stats, valuesHash, batchSize, nanos);
                }
            }
            if (nanos >= slowNanos && failure == null) {
                capture.onSlow(stats, shape.sql(), parameters, nanos, scope, raw);
            }
        } catch (RuntimeException e) {
            internalFailures.incrementAndGet();
            log.warn("engine-failed", "perfkit failed to record a statement; the statement itself ran normally", e);
        }
    }

    Map<String, String> fingerprintSql() {
        Map<String, String> out = new TreeMap<>();
        for (FingerprintStats s : fingerprints.values()) {
            out.put(s.fingerprint.id(), s.fingerprint.normalizedSql());
        }
        return out;
    }

    @Nullable FingerprintStats statsById(String id) {
        for (FingerprintStats s : fingerprints.values()) {
            if (s.fingerprint.id().equals(id)) {
                return s;
            }
        }
        return null;
    }

    long internalFailures() {
        return internalFailures.get();
    }
}
