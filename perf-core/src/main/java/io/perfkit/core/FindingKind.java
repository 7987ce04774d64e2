package io.perfkit.core;

/**
 * The kinds of performance problem perfkit detects. Each kind has a default {@link Severity}, which a
 * detector may raise or lower for a particular finding.
 *
 * <p>The names describe the phenomenon, not the cure, so that dashboards keyed by
 * {@code perfkit.findings{kind}} stay stable when the suggested cure changes.
 */
public enum FindingKind {
    /** The same SELECT shape executed many times with different parameters within one unit of work. */
    N_PLUS_ONE(Severity.WARNING),
    /** The same SQL with the same parameters executed more than once within one unit of work. */
    DUPLICATE_QUERY(Severity.INFO),
    /** The same INSERT/UPDATE/DELETE shape executed row by row where one JDBC batch would do. */
    MISSING_BATCH(Severity.WARNING),
    /** A statement slower than the configured threshold. */
    SLOW_QUERY(Severity.WARNING),
    /** A sequential scan that read many rows to return few. */
    SEQ_SCAN(Severity.WARNING),
    /** A filter or join that an index would serve; the suggestion holds the {@code CREATE INDEX}. */
    MISSING_INDEX(Severity.WARNING),
    /** A sort that spilled to disk because it did not fit in {@code work_mem}. */
    SORT_SPILL(Severity.WARNING),
    /** A nested loop whose inner side ran a very large number of times. */
    NESTED_LOOP(Severity.WARNING),
    /** The planner's row estimate was far from the actual rows; statistics are stale or insufficient. */
    ROW_MISESTIMATE(Severity.INFO),
    /** A plan that read most of its pages from disk rather than from shared buffers. */
    BUFFER_READS(Severity.INFO),
    /** An index-only scan that had to visit the heap for many rows; the visibility map is stale. */
    HEAP_FETCHES(Severity.INFO),
    /** The plan of a statement shape changed since it was last captured. */
    PLAN_CHANGED(Severity.INFO),
    /** Callers waited for a pooled connection, or timed out waiting. */
    POOL_SATURATED(Severity.CRITICAL),
    /** A pool holds far more connections than its load ever uses. */
    POOL_OVERSIZED(Severity.INFO),
    /** A connection was held longer than the leak threshold. */
    CONNECTION_HELD_TOO_LONG(Severity.WARNING),
    /** A pool configuration value that is known to cause trouble in production. */
    POOL_MISCONFIGURED(Severity.WARNING),
    /** A database session idle inside an open transaction, holding locks and snapshots. */
    IDLE_IN_TRANSACTION(Severity.WARNING),
    /** A statement that has been running on the server for longer than the threshold. */
    LONG_RUNNING_QUERY(Severity.WARNING),
    /** The database is close to {@code max_connections}. */
    CONNECTION_HEADROOM(Severity.CRITICAL),
    /** A cache whose hit rate is below its target. */
    LOW_CACHE_HIT_RATE(Severity.WARNING),
    /** A remote cache tier (Redis) failing; requests are served from the local tier and the loader. */
    CACHE_DEGRADED(Severity.WARNING),
    /** A response that would have been cheaper to send compressed, or a compression setting that backfires. */
    COMPRESSION(Severity.INFO);

    private final Severity defaultSeverity;

    FindingKind(Severity defaultSeverity) {
        this.defaultSeverity = defaultSeverity;
    }

    /**
     * Returns the severity a finding of this kind has unless its detector says otherwise.
     *
     * @return the default severity, never null
     */
    public Severity defaultSeverity() {
        return defaultSeverity;
    }
}
