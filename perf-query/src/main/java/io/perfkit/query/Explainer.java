package io.perfkit.query;

import io.perfkit.query.internal.jdbc.ParameterLog.BoundValues;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Runs {@code EXPLAIN} on a connection of its own with the safety rules: a SELECT is explained with
 * {@code ANALYZE, BUFFERS} inside a READ ONLY transaction; anything else gets plain {@code EXPLAIN}, which does
 * not execute it, unless writes were explicitly allowed to be analysed; either way the transaction has a
 * {@code statement_timeout} and a {@code lock_timeout} and is rolled back. Multi-statement text is refused
 * (appending it to {@code EXPLAIN} would run its second statement).
 */
final class Explainer {
    /** How the statement's values are bound. */
    interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private final long statementTimeoutMillis;
    private final long lockTimeoutMillis;
    private final boolean analyzeWrites;

    Explainer(Duration statementTimeout, Duration lockTimeout, boolean analyzeWrites) {
        this.statementTimeoutMillis = Math.max(1, statementTimeout.toMillis());
        this.lockTimeoutMillis = Math.max(1, lockTimeout.toMillis());
        this.analyzeWrites = analyzeWrites;
    }

    static boolean isExplainable(Fingerprint fp) {
        return !fp.isMultiStatement() && (fp.kind() == StatementKind.SELECT || fp.kind().isWrite());
    }

    /**
     * Functions a SELECT can call that act outside the transaction or survive its rollback (session advisory
     * locks, notifications, remote writes through dblink, sequence calls, configuration and backend control),
     * so a SELECT calling one is explained without ANALYZE.
     */
    static final List<String> SIDE_EFFECT_FUNCTIONS = List.of("pg_advisory", "pg_try_advisory", "pg_notify",
            "dblink", "nextval(", "setval(", "set_config(", "pg_terminate_backend", "pg_cancel_backend",
            "pg_reload_conf", "lo_import", "lo_export", "lo_unlink", "pg_file_write", "pg_sleep");

    /** Tells whether the statement would be executed by the capture ({@code ANALYZE}). */
    boolean analyzes(Fingerprint fp) {
        if (fp.isReadOnly()) {
            return !callsSideEffectFunction(fp);
        }
        return analyzeWrites && fp.kind().isWrite();
    }

    static boolean callsSideEffectFunction(Fingerprint fp) {
        String sql = fp.normalizedSql();
        for (String f : SIDE_EFFECT_FUNCTIONS) {
            if (sql.contains(f)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Explains the statement and returns the JSON text.
     *
     * @param binder binds the values, or null for SQL without parameters (a plain statement)
     */
    String explain(Connection c, Fingerprint fp, String sql, @Nullable Binder binder) throws SQLException {
        if (!isExplainable(fp)) {
            throw new IllegalArgumentException("not explainable: " + fp.kind()
                    + (fp.isMultiStatement() ? " (several statements)" : ""));
        }
        boolean analyze = analyzes(fp);
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            try (Statement st = c.createStatement()) {
                if (fp.isReadOnly() || !analyze) {
                    st.execute("SET TRANSACTION READ ONLY");
                }
                // Numbers from longs: nothing user-supplied is pasted into these.
                st.execute("SET LOCAL statement_timeout = " + statementTimeoutMillis);
                st.execute("SET LOCAL lock_timeout = " + lockTimeoutMillis);
            }
            String explain = (analyze ? "EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " : "EXPLAIN (FORMAT JSON) ") + sql;
            if (binder == null) {
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(explain)) {
                    return single(rs);
                }
            }
            try (PreparedStatement ps = c.prepareStatement(explain)) {
                binder.bind(ps);
                try (ResultSet rs = ps.executeQuery()) {
                    return single(rs);
                }
            }
        } finally {
            try {
                c.rollback();
            } finally {
                c.setAutoCommit(autoCommit);
            }
        }
    }

    static Binder binder(BoundValues values) {
        return values::bind;
    }

    private static String single(ResultSet rs) throws SQLException {
        StringBuilder sb = new StringBuilder();
        while (rs.next()) {
            sb.append(rs.getString(1));
        }
        return sb.toString();
    }
}
