package io.perfkit.query;

import io.perfkit.core.Finding;
import io.perfkit.core.Require;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;

/**
 * Explains and analyses one statement on demand, for scripts, tests and investigations, with the same safety
 * rules as the monitor's slow-query capture: a SELECT runs under {@code EXPLAIN (ANALYZE, BUFFERS)} in a READ
 * ONLY transaction that is rolled back; a write gets plain {@code EXPLAIN} unless
 * {@link #analyzingWrites()} was asked for.
 *
 * <pre>{@code
 * QueryProfiler profiler = QueryProfiler.of(dataSource);
 * QueryProfiler.Profile p = profiler.profile("SELECT * FROM events WHERE customer_code = ?", 4242);
 * p.findings().forEach(f -> System.out.println(f.describe()));   // MISSING_INDEX with its CREATE INDEX
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class QueryProfiler {
    private final DataSource dataSource;
    private final Duration timeout;
    private final boolean analyzeWrites;
    private final Explainer explainer;
    private final PlanAnalyzer analyzer = PlanAnalyzer.defaults();

    private QueryProfiler(DataSource dataSource, Duration timeout, boolean analyzeWrites) {
        this.dataSource = dataSource;
        this.timeout = timeout;
        this.analyzeWrites = analyzeWrites;
        this.explainer = new Explainer(timeout, QueryMonitor.DEFAULT_CAPTURE_LOCK_TIMEOUT, analyzeWrites);
    }

    /**
     * Returns a profiler that borrows connections from a data source (use the raw one, not a monitored one, so
     * profiling is not itself monitored).
     *
     * @param dataSource where to run {@code EXPLAIN}; not closed, the caller owns it
     * @return the profiler
     */
    public static QueryProfiler of(DataSource dataSource) {
        return new QueryProfiler(Require.nonNull(dataSource, "dataSource"),
                QueryMonitor.DEFAULT_CAPTURE_STATEMENT_TIMEOUT, false);
    }

    /**
     * Returns a profiler that also runs writes under {@code EXPLAIN ANALYZE}, inside a transaction that is
     * rolled back. The write then really runs: triggers fire, sequences advance, rows are locked until the
     * rollback. Use it on a copy of the data.
     *
     * @return a new profiler
     */
    public QueryProfiler analyzingWrites() {
        return new QueryProfiler(dataSource, timeout, true);
    }

    /**
     * Returns a profiler with another {@code statement_timeout}.
     *
     * @param timeout positive
     * @return a new profiler
     */
    public QueryProfiler statementTimeout(Duration timeout) {
        return new QueryProfiler(dataSource, Require.positive(timeout, "statementTimeout"), analyzeWrites);
    }

    /**
     * Explains a statement with its values and analyses the plan.
     *
     * @param sql one statement with {@code ?} parameters
     * @param values the values, bound with {@code setObject} in order
     * @return the plan and its findings
     * @throws SQLException from the driver, such as a syntax error or the statement timeout
     * @throws IllegalArgumentException if the text holds several statements or is not a SELECT or a write
     */
    public Profile profile(String sql, Object... values) throws SQLException {
        Require.nonNull(sql, "sql");
        Require.nonNull(values, "values");
        Fingerprint fp = Fingerprint.of(sql);
        Require.argument(Explainer.isExplainable(fp), "sql must be one SELECT, INSERT, UPDATE, DELETE or MERGE,"
                + " but was %s%s", fp.kind(), fp.isMultiStatement() ? " with several statements" : "");
        try (Connection c = dataSource.getConnection()) {
            String json = explainer.explain(c, fp, sql, ps -> {
                for (int i = 0; i < values.length; i++) {
                    ps.setObject(i + 1, values[i]);
                }
            });
            QueryPlan plan = QueryPlan.parse(fp, json, true);
            return new Profile(plan, analyzer.analyze(plan));
        }
    }

    /**
     * A plan and what {@link PlanAnalyzer} found in it.
     *
     * @param plan the plan, literals redacted
     * @param findings the findings; empty when the plan looks healthy
     */
    public record Profile(QueryPlan plan, List<Finding> findings) {
        /**
         * Creates a profile.
         *
         * @param plan the plan
         * @param findings the findings, copied
         */
        public Profile {
            Require.nonNull(plan, "plan");
            findings = List.copyOf(findings);
        }
    }
}
