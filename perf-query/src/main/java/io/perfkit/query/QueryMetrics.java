package io.perfkit.query;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.sql.SQLException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * The monitor's Micrometer meters, bounded: the first {@code maxTagged} fingerprints get their own
 * {@code fingerprint} tag, every later one shares {@code fingerprint=other} (glowroot's "limit exceeded bucket",
 * pg_stat_statements' {@code max}). Tags: {@code fingerprint} (a short id, never SQL) and {@code kind}; errors
 * are tagged by SQLState class (two characters) only.
 */
final class QueryMetrics {
    static final String TIMER = "perfkit.query";
    static final String ROWS = "perfkit.query.rows";
    static final String ERRORS = "perfkit.query.errors";
    static final String OVERFLOW = "perfkit.query.fingerprints.overflow";
    static final String OTHER = "other";

    private final @Nullable MeterRegistry registry;
    private final int maxTagged;
    private final AtomicInteger tagged = new AtomicInteger();
    private final ConcurrentHashMap<String, Counter> errors = new ConcurrentHashMap<>();
    private final @Nullable Counter overflow;

    QueryMetrics(@Nullable MeterRegistry registry, int maxTagged) {
        this.registry = registry;
        this.maxTagged = maxTagged;
        this.overflow = registry == null ? null : Counter.builder(OVERFLOW)
                .description("Fingerprints seen after the tagged ones ran out, recorded under fingerprint=other")
                .register(registry);
    }

    /** Creates the stats of a new fingerprint, admitting it to its own tag while slots remain. */
    FingerprintStats newStats(Fingerprint fp, boolean excluded) {
        if (registry == null) {
            return new FingerprintStats(fp, null, null, excluded);
        }
        String tag = fp.id();
        if (tagged.getAndUpdate(n -> n < maxTagged ? n + 1 : n) >= maxTagged) {
            tag = OTHER;
            overflow.increment();
        }
        String kind = fp.kind().tagValue();
        Timer timer = Timer.builder(TIMER).description("Time the database took per statement (a batch counts once)")
                .tag("fingerprint", tag).tag("kind", kind).register(registry);
        DistributionSummary rows = DistributionSummary.builder(ROWS).description("Rows read per result set")
                .tag("fingerprint", tag).tag("kind", kind).register(registry);
        return new FingerprintStats(fp, timer, rows, excluded);
    }

    void recordError(SQLException e) {
        if (registry == null) {
            return;
        }
        String state = e.getSQLState();
        String cls = state != null && state.length() >= 2 && isClassChar(state.charAt(0)) && isClassChar(state.charAt(1))
                ? state.substring(0, 2) : "unknown";
        errors.computeIfAbsent(cls, c -> Counter.builder(ERRORS).description("Statements the driver failed")
                .tag("sqlstate.class", c).register(registry)).increment();
    }

    private static boolean isClassChar(char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
    }
}
