package io.perfkit.query.write;

import java.sql.Connection;
import java.sql.SQLException;
import org.jspecify.annotations.Nullable;
import org.postgresql.core.BaseConnection;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * What only pgjdbc can tell: whether it rewrites batched inserts, and the constraint a server error names. Loaded
 * only when pgjdbc is on the class path (see {@link BatchWriter}), so perf-query does not require the driver.
 */
final class PgjdbcSupport {
    private PgjdbcSupport() {}

    /** @return whether the connection rewrites batched INSERTs into multi-row VALUES, or null when not pgjdbc */
    static @Nullable Boolean reWriteBatchedInserts(Connection connection) {
        try {
            if (connection.isWrapperFor(BaseConnection.class)) {
                return connection.unwrap(BaseConnection.class).getQueryExecutor().isReWriteBatchedInsertsEnabled();
            }
        } catch (SQLException | RuntimeException e) {
            return null;
        }
        return null;
    }

    /** @return the constraint named by a server error, or null */
    static @Nullable String constraint(SQLException e) {
        if (e instanceof PSQLException) {
            ServerErrorMessage message = ((PSQLException) e).getServerErrorMessage();
            return message == null ? null : message.getConstraint();
        }
        return null;
    }
}
