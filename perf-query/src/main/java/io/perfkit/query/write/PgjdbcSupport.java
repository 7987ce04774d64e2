package io.perfkit.query.write;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.postgresql.core.BaseConnection;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * What only pgjdbc can tell: whether it rewrites batched inserts, and the constraint a server error names. Loaded
 * only when pgjdbc is on the class path (see {@link BatchWriter}), so perf-query does not require the driver.
 */
final class PgjdbcSupport {
    /**
     * pgjdbc's "Batch entry {0} {1} was aborted: {2}" (translated, but every translation puts the entry number
     * first): the only place pgjdbc reports which entry failed when the batch ran in a transaction.
     */
    private static final Pattern BATCH_ENTRY = Pattern.compile("^\\D{0,40}?(\\d{1,9})\\b");

    private PgjdbcSupport() {}

    /** @return the failing entry of a pgjdbc batch, or -1 */
    static int failedBatchEntry(BatchUpdateException e) {
        if (!(e.getNextException() instanceof PSQLException)) { // pgjdbc throws the plain java.sql type
            return -1;
        }
        String message = e.getMessage();
        if (message == null) {
            return -1;
        }
        Matcher m = BATCH_ENTRY.matcher(message);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

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
