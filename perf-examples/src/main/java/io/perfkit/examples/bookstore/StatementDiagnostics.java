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
 * statement shape that is typically over the threshold (in at least half of a window of
 * {@value #SLOW_MIN_EXECUTIONS} executions: one slow execution on a busy machine is noise, not a finding), and, when
 * the request ends ({@link #finish(WorkScope)}), a
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

    /** Executions of a shape per window of the slow-query check. */
    static final int SLOW_MIN_EXECUTIONS = 20;
    /** Distinct statement texts tracked for the slow-query check; more are not tracked. */
    private static final int MAX_TRACKED_SHAPES = 1_000;

    private final transient FindingPublisher publisher;
    private final transient ConcurrentHashMap<String, Timing> timings = new ConcurrentHashMap<>();
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

    /** Per SQL text: executions and executions over the threshold in the current window. */
    static final class Timing {
        private long executions;
        private long slow;

        /** @return true when this execution completes a window in which at least half were slow */
        synchronized boolean record(boolean isSlow) {
            executions++;
            if (isSlow) {
                slow++;
            }
            if (executions < SLOW_MIN_EXECUTIONS) {
                return false;
            }
            boolean typicallySlow = slow * 2 >= executions;
            executions = 0;
            slow = 0;
            return typicallySlow;
        }
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
        Timing timing = timings.get(sql);
        if (timing == null && timings.size() < MAX_TRACKED_SHAPES) {
            timing = timings.computeIfAbsent(sql, k -> new Timing());
        }
        if (timing != null && timing.record(elapsed > slowNanos)) {
            publisher.publish(Finding.builder(FindingKind.SLOW_QUERY, "Statement is typically slower than "
                            + millis(slowNanos) + " (in at least half of " + SLOW_MIN_EXECUTIONS
                            + " executions; the last took " + millis(elapsed) + ")")
                    .severity(Severity.WARNING)
                    .subject(sql)
                    .evidence("lastMillis", elapsed / 1_000_000.0)
                    .suggestion("Look at its plan with EXPLAIN (ANALYZE, BUFFERS) for rows read and thrown away: a"
                            + " Seq Scan whose filter removes most rows wants an index the predicate can use (ILIKE,"
                            + " or a function of the column, cannot use a plain B-tree index on it); an OFFSET reads"
                            + " every row before the page (seek past the last row instead). perf-query captures and"
                            + " analyses the plan for you.")
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
