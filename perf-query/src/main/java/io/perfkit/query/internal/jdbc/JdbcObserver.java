package io.perfkit.query.internal.jdbc;

import java.sql.SQLException;
import org.jspecify.annotations.Nullable;

/**
 * What the JDBC wrappers report to. Implementations must be fast, allocation-free for SQL they have seen
 * before, and must never throw into the application's call (except an {@link Error} meant to fail a test).
 */
public interface JdbcObserver {
    /**
     * Returns the shape of a SQL string, computing and caching it on first sight.
     *
     * @param sql the SQL the application passed to JDBC
     * @return its shape
     */
    StatementShape shape(String sql);

    /**
     * Reports one execution: a statement, or a whole JDBC batch.
     *
     * @param shape the statement's shape
     * @param parameters the bound values of a prepared statement, or null for a plain statement
     * @param batchSize 0 for a single execution, else the number of batched entries
     * @param elapsedNanos how long the driver took
     * @param failure the driver's exception, or null on success
     */
    void executed(StatementShape shape, @Nullable ParameterLog parameters, int batchSize, long elapsedNanos,
                  @Nullable SQLException failure);

    /**
     * Reports the rows read from one result set, once, when it is exhausted or closed.
     *
     * @param shape the shape of the statement that produced it
     * @param rows how many rows {@code next()} returned
     */
    void fetched(StatementShape shape, long rows);
}
