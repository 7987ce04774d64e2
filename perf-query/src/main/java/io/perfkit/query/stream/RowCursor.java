package io.perfkit.query.stream;

import io.perfkit.core.RateLimitedLogger;
import java.lang.ref.Cleaner;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

/**
 * An open server-side cursor over a query's rows, read {@code fetchSize} rows per round trip. It holds a
 * connection and a transaction until closed, so <b>always close it</b>, with try-with-resources:
 *
 * <pre>{@code
 * try (RowCursor<Book> books = streamer.cursor(dataSource, "SELECT id, title FROM books", List.of(), BOOK)) {
 *     while (books.hasNext()) {
 *         export(books.next());
 *     }
 * }
 * }</pre>
 *
 * <h2>When it closes</h2>
 * <ul>
 *   <li>{@link #close()}: releases the result set and statement, ends the transaction the cursor began (commit,
 *       as autocommit would have, or rollback after a driver failure), restores autocommit, and returns the
 *       connection when the cursor took it from a {@code DataSource}. Idempotent.</li>
 *   <li>When the last row has been read ({@link #hasNext()} returns false), it closes itself, so a loop that
 *       reads to the end releases the connection at once.</li>
 *   <li>When reading or mapping a row fails, it closes itself before the exception reaches you.</li>
 *   <li>As a last resort, a cursor that becomes unreachable without being closed is closed by a
 *       {@link Cleaner} and a rate-limited warning is logged: a safety net for a leak, not a way to release
 *       connections on time.</li>
 * </ul>
 *
 * <p>A cursor is meant for one thread at a time.
 *
 * @param <T> the mapped row type
 */
public final class RowCursor<T> implements Iterator<T>, AutoCloseable {
    private static final Cleaner CLEANER = Cleaner.create();
    private static final RateLimitedLogger LOG = RateLimitedLogger.of(LoggerFactory.getLogger(RowCursor.class));

    private final Resources resources;
    private final Cleaner.Cleanable cleanable;
    private final RowMapper<T> mapper;
    private @Nullable T next;
    private long rowsRead;

    RowCursor(Resources resources, RowMapper<T> mapper) {
        this.resources = resources;
        this.mapper = mapper;
        this.cleanable = CLEANER.register(this, resources);
    }

    /**
     * Tells whether another row is available, fetching the next batch of rows from the server when the current
     * one is used up. Returns false once the cursor is closed.
     *
     * @return true when {@link #next()} will return a row
     * @throws StreamReadException when the driver fails; the cursor is closed by then
     */
    @Override
    public boolean hasNext() {
        if (next != null) {
            return true;
        }
        if (resources.closed.get()) {
            return false;
        }
        ResultSet rs = resources.resultSet;
        try {
            if (!rs.next()) {
                close();
                return false;
            }
            T value = mapper.map(rs);
            if (value == null) {
                throw new NullPointerException("mapper returned null for row " + (rowsRead + 1));
            }
            next = value;
            rowsRead++;
            return true;
        } catch (SQLException e) {
            resources.failed = true;
            close();
            throw new StreamReadException("reading row " + (rowsRead + 1) + " failed: " + e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    /**
     * Returns the next row.
     *
     * @return the next row, mapped
     * @throws NoSuchElementException when there is none
     * @throws StreamReadException when the driver fails; the cursor is closed by then
     */
    @Override
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more rows (" + rowsRead + " read)");
        }
        T value = next;
        next = null;
        return value;
    }

    /** @return how many rows have been read so far */
    public long rowsRead() {
        return rowsRead;
    }

    /** @return true once the cursor has been closed, explicitly or by reaching the end or failing */
    public boolean isClosed() {
        return resources.closed.get();
    }

    /**
     * Closes the cursor early or late; see the class documentation for what closing does. Idempotent. A consumer
     * that stops before the end (a {@code limit}, a {@code findFirst}, an exception of its own) must still close
     * it, which try-with-resources does.
     *
     * @throws StreamReadException when ending the transaction or closing the connection fails
     */
    @Override
    public void close() {
        resources.explicit = true;
        cleanable.clean();
        SQLException failure = resources.failure;
        if (failure != null) {
            resources.failure = null;
            throw new StreamReadException("closing the cursor failed: " + failure.getMessage(), failure);
        }
    }

    /**
     * What a cursor holds, closed by {@link #close()} or by the {@link Cleaner} (which must not reach the cursor
     * itself, so this is a separate object).
     */
    static final class Resources implements Runnable {
        final Connection connection;
        final boolean ownsConnection;
        final boolean beganTransaction;
        final PreparedStatement statement;
        final ResultSet resultSet;
        final AtomicBoolean closed = new AtomicBoolean();
        /** Set when the driver failed while reading: the transaction is then rolled back rather than committed. */
        volatile boolean failed;
        volatile boolean explicit;
        volatile @Nullable SQLException failure;

        Resources(Connection connection, boolean ownsConnection, boolean beganTransaction,
                  PreparedStatement statement, ResultSet resultSet) {
            this.connection = connection;
            this.ownsConnection = ownsConnection;
            this.beganTransaction = beganTransaction;
            this.statement = statement;
            this.resultSet = resultSet;
        }

        @Override
        public void run() {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
            if (!explicit) {
                LOG.warn("row-cursor-leak", "A RowCursor (or row stream) was never closed and has been closed by the "
                        + "garbage collector; close it with try-with-resources to return its connection on time", null);
            }
            failure = release(connection, ownsConnection, beganTransaction, statement, resultSet, failed);
        }
    }

    /**
     * Releases what a query holds, in order, attempting every step even when an earlier one fails.
     *
     * @return the first failure, or null
     */
    static @Nullable SQLException release(Connection connection, boolean ownsConnection, boolean beganTransaction,
                                          @Nullable PreparedStatement statement, @Nullable ResultSet resultSet,
                                          boolean rollback) {
        SQLException first = null;
        if (resultSet != null) {
            try {
                resultSet.close();
            } catch (SQLException e) {
                first = e;
            }
        }
        if (statement != null) {
            try {
                statement.close();
            } catch (SQLException e) {
                first = first == null ? e : first;
            }
        }
        if (beganTransaction) {
            try {
                // Commit, as autocommit would have: for a SELECT it makes no difference, and a streamed
                // UPDATE ... RETURNING keeps its effect even when the consumer stopped early. After a driver
                // failure the transaction is aborted anyway, so roll back.
                if (rollback) {
                    connection.rollback();
                } else {
                    connection.commit();
                }
            } catch (SQLException e) {
                first = first == null ? e : first;
            }
            try {
                connection.setAutoCommit(true);
            } catch (SQLException e) {
                first = first == null ? e : first;
            }
        }
        if (ownsConnection) {
            try {
                connection.close();
            } catch (SQLException e) {
                first = first == null ? e : first;
            }
        }
        return first;
    }
}
