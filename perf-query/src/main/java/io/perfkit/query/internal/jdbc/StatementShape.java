package io.perfkit.query.internal.jdbc;

/**
 * One distinct SQL string as the wrappers see it; the observer's subclass carries the fingerprint and the
 * per-fingerprint state, so the hot path resolves everything with one map lookup per SQL string (and none per
 * execution of a prepared statement).
 */
public abstract class StatementShape {
    private final String sql;

    /**
     * Creates a shape.
     *
     * @param sql the SQL text exactly as the application passed it
     */
    protected StatementShape(String sql) {
        this.sql = sql;
    }

    /** @return the SQL text exactly as the application passed it; may hold literal values, never log it */
    public final String sql() {
        return sql;
    }
}
