package io.perfkit.examples.bookstore;

import io.perfkit.core.CallSiteLocator;
import io.perfkit.core.Finding;
import io.perfkit.core.FindingKind;
import io.perfkit.core.FindingPublisher;
import io.perfkit.core.ScopeKey;
import io.perfkit.core.Severity;
import io.perfkit.core.WorkScope;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jspecify.annotations.Nullable;

/**
 * The service's stand-in for perf-query until its {@code QueryMonitor} is wired in: a jOOQ listener that records
 * each statement on the current {@link WorkScope} (count and time), publishes a {@link FindingKind#SLOW_QUERY} for a
 * statement over the threshold, and, when the request ends ({@link #finish(WorkScope)}), a
 * {@link FindingKind#N_PLUS_ONE} for each SELECT shape the request ran at least {@code repeatThreshold} times, with
 * the service's own source line. Only the SQL text (with {@code ?} placeholders) is reported, never bind values.
 *
 * <p>When {@code QueryMonitor.wrap(DataSource)} is wired in ({@code BookstoreService.instrument}), remove this
 * listener: the monitor sees every statement, not only jOOQ's, captures plans and suggests indexes.
 */
public final class StatementDiagnostics implements ExecuteListener {
    private static final long serialVersionUID = 1L;
    private static final String START = StatementDiagnostics.class.getName() + ".start";
    private static final ScopeKey<Map<String, Shape>> SHAPES = ScopeKey.named("bookstore.statement-shapes");
    private static final CallSiteLocator CALL_SITES =
            CallSiteLocator.defaults().skipping(StatementDiagnostics.class.getName());

    private final transient FindingPublisher publisher;
    private final long slowNanos;
    private final int repeatThreshold;

    /**
     * Creates the listener.
     *
     * @param publisher where findings go
     * @param slowThreshold a statement slower than this is a slow-query finding
     * @param repeatThreshold a SELECT shape run this many times in one request is an N+1 finding; at least 2
     */
    public StatementDiagnostics(FindingPublisher publisher, Duration slowThreshold, int repeatThreshold) {
        if (repeatThreshold < 2) {
            throw new IllegalArgumentException("repeatThreshold must be at least 2, but was " + repeatThreshold);
        }
        if (slowThreshold.isNegative() || slowThreshold.isZero()) {
            throw new IllegalArgumentException("slowThreshold must be positive, but was " + slowThreshold);
        }
        this.publisher = publisher;
        this.slowNanos = slowThreshold.toNanos();
        this.repeatThreshold = repeatThreshold;
    }

    /** Per request, per SQL text: executions, time, and the call site of the second execution. */
    private static final class Shape {
        final AtomicLong count = new AtomicLong();
        final AtomicLong nanos = new AtomicLong();
        volatile @Nullable Optional<StackTraceElement> callSite;
    }

    @Override
    public void executeStart(ExecuteContext ctx) {
        ctx.data(START, System.nanoTime());
    }

    @Override
    public void end(ExecuteContext ctx) {
        Object start = ctx.data(START);
        String sql = ctx.sql();
        if (!(start instanceof Long) || sql == null) {
            return;
        }
        long elapsed = System.nanoTime() - (Long) start;
        WorkScope scope = WorkScope.currentOrNull();
        if (scope != null) {
            scope.recordQuery(elapsed);
            if (isSelect(sql)) {
                Shape shape = scope.attribute(SHAPES, ConcurrentHashMap::new).computeIfAbsent(sql, k -> new Shape());
                long n = shape.count.incrementAndGet();
                shape.nanos.addAndGet(elapsed);
                if (n == 2) {
                    shape.callSite = CALL_SITES.locate();
                }
            }
        }
        if (elapsed > slowNanos) {
            publisher.publish(Finding.builder(FindingKind.SLOW_QUERY, "Statement took " + millis(elapsed)
                            + " (threshold " + millis(slowNanos) + ")")
                    .severity(Severity.WARNING)
                    .subject(sql)
                    .evidence("elapsedMillis", elapsed / 1_000_000.0)
                    .suggestion("Look at its plan with EXPLAIN (ANALYZE, BUFFERS): a Seq Scan that removes most rows"
                            + " by a filter wants an index the predicate can use (an ILIKE or a function of the"
                            + " column cannot use a plain B-tree index on it).")
                    .callSite(CALL_SITES.locate())
                    .build());
        }
    }

    /**
     * Publishes the request's N+1 findings; call while the request's scope is still open.
     *
     * @param scope the request's scope
     */
    public void finish(WorkScope scope) {
        Optional<Map<String, Shape>> shapes = scope.attribute(SHAPES);
        if (shapes.isEmpty()) {
            return;
        }
        for (Map.Entry<String, Shape> e : shapes.get().entrySet()) {
            Shape shape = e.getValue();
            long n = shape.count.get();
            if (n < repeatThreshold) {
                continue;
            }
            Optional<StackTraceElement> site = shape.callSite;
            publisher.publish(Finding.builder(FindingKind.N_PLUS_ONE, "The same SELECT ran " + n
                            + " times in one request (" + millis(shape.nanos.get()) + " in total)")
                    .severity(Severity.WARNING)
                    .subject(e.getKey())
                    .evidence("executions", n)
                    .evidence("totalMillis", shape.nanos.get() / 1_000_000.0)
                    .suggestion("Load the rows for all keys in one statement (WHERE key = ANY(?) or a JOIN) and"
                            + " group them in memory; perf-query's BatchLoader does this.")
                    .callSite(site == null ? Optional.empty() : site)
                    .build());
        }
    }

    private static boolean isSelect(String sql) {
        String head = sql.stripLeading();
        return head.length() >= 6 && head.substring(0, 6).toLowerCase(Locale.ROOT).equals("select");
    }

    private static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.1f ms", nanos / 1_000_000.0);
    }
}
