package io.perfkit.query;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import java.sql.SQLException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * The monitor's Micrometer meters, bounded: the first {@code maxTagged} fingerprints get their own
 * {@code fingerprint} tag, every later one shares {@code fingerprint=other} (glowroot's "limit exceeded bucket",
 * pg_stat_statements' {@code max}). Tags: {@code fingerprint} (a short id, never SQL) and {@code kind}; errors
 * are tagged by SQLState class (two characters) only.
 *
 * <p>{@code perfkit.query} is a {@code FunctionTimer} over perfkit's own {@link QueryTimer} accumulators, with
 * its maximum as the {@code TimeGauge} {@code perfkit.query.max}, because a Micrometer {@code Timer} costs more
 * per statement than the rest of the wrapper. A real {@code Timer} is registered instead when the user asks for
 * percentiles or a histogram. {@code perfkit.query.rows} is a {@code FunctionCounter} of rows read, like
 * {@code pg_stat_statements.rows}: a {@code DistributionSummary} per result set cost another 30 ns per statement.
 */
final class QueryMetrics {
    static final String TIMER = "perfkit.query";
    static final String MAX = "perfkit.query.max";
    static final String ROWS = "perfkit.query.rows";
    static final String ERRORS = "perfkit.query.errors";
    static final String OVERFLOW = "perfkit.query.fingerprints.overflow";
    static final String OTHER = "other";

    private final @Nullable MeterRegistry registry;
    private final int maxTagged;
    private final AtomicInteger tagged = new AtomicInteger();
    private final ConcurrentHashMap<String, Counter> errors = new ConcurrentHashMap<>();
    private final @Nullable Counter overflow;
    private final double @Nullable [] percentiles;
    private final boolean histogram;
    /** One accumulator per (tag, kind): every fingerprint under {@code other} of a kind shares one. */
    private final ConcurrentHashMap<String, QueryTimer> timers = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, LongAdder> rows = new ConcurrentHashMap<>();

    QueryMetrics(@Nullable MeterRegistry registry, int maxTagged, double @Nullable [] percentiles,
                 boolean histogram) {
        this.registry = registry;
        this.maxTagged = maxTagged;
        this.percentiles = percentiles;
        this.histogram = histogram;
        this.overflow = registry == null ? null : Counter.builder(OVERFLOW)
                .description("Fingerprints seen after the tagged ones ran out, recorded under fingerprint=other")
                .register(registry);
    }

    /** Creates the stats of a new fingerprint, admitting it to its own tag while slots remain. */
    FingerprintStats newStats(Fingerprint fp, boolean excluded) {
        if (registry == null) {
            return new FingerprintStats(fp, null, null, null, excluded);
        }
        String tag = fp.id();
        if (tagged.getAndUpdate(n -> n < maxTagged ? n + 1 : n) >= maxTagged) {
            tag = OTHER;
            overflow.increment();
        }
        String kind = fp.kind().tagValue();
        String key = tag + '\u0000' + kind;
        String finalTag = tag;
        LongAdder rows = this.rows.computeIfAbsent(key, k -> {
            LongAdder adder = new LongAdder();
            FunctionCounter.builder(ROWS, adder, LongAdder::sum).description("Rows read from result sets")
                    .tag("fingerprint", finalTag).tag("kind", kind).register(registry);
            return adder;
        });
        if (percentiles != null || histogram) {
            Timer timer = Timer.builder(TIMER).description(TIMER_DESCRIPTION)
                    .tag("fingerprint", tag).tag("kind", kind)
                    .publishPercentiles(percentiles).publishPercentileHistogram(histogram)
                    .register(registry);
            return new FingerprintStats(fp, null, timer, rows, excluded);
        }
        QueryTimer timer = timers.computeIfAbsent(key, k -> register(registry, finalTag, kind));
        return new FingerprintStats(fp, timer, null, rows, excluded);
    }

    private static final String TIMER_DESCRIPTION = "Time the database took per statement (a batch counts once)";

    private static QueryTimer register(MeterRegistry registry, String tag, String kind) {
        QueryTimer timer = new QueryTimer();
        // Held strongly by this class's map, so Micrometer's weak reference never clears.
        FunctionTimer.builder(TIMER, timer, QueryTimer::count, QueryTimer::totalNanos, TimeUnit.NANOSECONDS)
                .description(TIMER_DESCRIPTION).tag("fingerprint", tag).tag("kind", kind).register(registry);
        TimeGauge.builder(MAX, timer, TimeUnit.NANOSECONDS, QueryTimer::maxNanos)
                .description("Largest time of one statement over the last one to two minutes")
                .tag("fingerprint", tag).tag("kind", kind).register(registry);
        return timer;
    }

    void recordError(SQLException e) {
        if (registry == null) {
            return;
        }
        String state = e.getSQLState();
        String cls = state != null && state.length() >= 2
                && isClassChar(state.charAt(0)) && isClassChar(state.charAt(1))
                ? state.substring(0, 2) : "unknown";
        errors.computeIfAbsent(cls, c -> Counter.builder(ERRORS).description("Statements the driver failed")
                .tag("sqlstate.class", c).register(registry)).increment();
    }

    private static boolean isClassChar(char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
    }
}
