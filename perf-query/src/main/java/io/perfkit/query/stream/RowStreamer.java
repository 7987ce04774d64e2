package io.perfkit.query.stream;

import io.perfkit.core.Require;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Reads large results with bounded memory. pgjdbc reads a whole result into memory unless the statement has a
 * fetch size <em>and</em> the connection is not in autocommit mode; this class sets both, so rows come from a
 * server-side cursor {@code fetchSize} at a time, and ends the transaction and restores autocommit afterwards.
 *
 * <pre>{@code
 * RowStreamer streamer = RowStreamer.builder().fetchSize(1_000).build();
 * long total = streamer.read(dataSource, "SELECT amount FROM payments WHERE day = ?", List.of(day),
 *         rs -> rs.getLong(1),
 *         amounts -> amounts.mapToLong(Long::longValue).sum());
 * }</pre>
 *
 * <p>Three ways to consume, from safest to most flexible:
 * <ul>
 *   <li>{@link #read read(..., Function&lt;Stream&lt;T&gt;, R&gt;)}: the stream is closed for you when the function
 *       returns or throws, even if it stopped early ({@code limit}, {@code findFirst}).</li>
 *   <li>{@link #stream stream(...)}: a {@link Stream} you must close (try-with-resources); reaching the end
 *       closes it too.</li>
 *   <li>{@link #cursor cursor(...)}: a {@link RowCursor}, an iterator you must close.</li>
 * </ul>
 *
 * <p>With a {@link DataSource}, the cursor takes its own connection and returns it on close. With a
 * {@link Connection}, the caller owns it: if it is in autocommit mode, the cursor turns autocommit off for its
 * lifetime and, on close, commits (as autocommit would have) and turns it back on; if the caller already has a
 * transaction open, the cursor runs inside it and leaves it open. Immutable and thread-safe.
 */
public final class RowStreamer {
    /** The default number of rows fetched per round trip: {@value}. */
    public static final int DEFAULT_FETCH_SIZE = 1_000;

    private final int fetchSize;
    private final int queryTimeoutSeconds;

    private RowStreamer(Builder builder) {
        this.fetchSize = builder.fetchSize;
        this.queryTimeoutSeconds = builder.queryTimeoutSeconds;
    }

    /** @return a builder with the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a streamer with {@link #DEFAULT_FETCH_SIZE} and no query timeout */
    public static RowStreamer ofDefaults() {
        return builder().build();
    }

    /** @return a builder holding this streamer's settings */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.fetchSize = fetchSize;
        b.queryTimeoutSeconds = queryTimeoutSeconds;
        return b;
    }

    /** @return the number of rows fetched per round trip */
    public int fetchSize() {
        return fetchSize;
    }

    /**
     * Runs the query and hands its rows to {@code consumer} as a stream, closing the stream (and the cursor,
     * transaction and connection behind it) when {@code consumer} returns or throws.
     *
     * @param dataSource where to take a connection from; the connection is closed afterwards
     * @param sql the query, with {@code ?} placeholders
     * @param params the values for the placeholders, bound with {@code setObject}, in order
     * @param mapper maps each row
     * @param consumer reads the stream and returns a result; it must not keep the stream
     * @param <T> the row type
     * @param <R> the result type
     * @return what {@code consumer} returned
     * @throws SQLException when the query cannot be started
     * @throws StreamReadException when reading a row fails
     */
    public <T, R> R read(DataSource dataSource, String sql, List<? extends @Nullable Object> params,
                         RowMapper<T> mapper, Function<? super Stream<T>, R> consumer) throws SQLException {
        Require.nonNull(consumer, "consumer");
        try (Stream<T> rows = stream(dataSource, sql, params, mapper)) {
            return consumer.apply(rows);
        }
    }

    /**
     * Runs the query on a connection from {@code dataSource} and returns its rows as a stream that <b>must be
     * closed</b>; the stream closes itself after the last row.
     *
     * <pre>{@code
     * try (Stream<Book> books = streamer.stream(dataSource, "SELECT id, title FROM books", List.of(), BOOK)) {
     *     books.forEach(exporter::write);
     * }
     * }</pre>
     *
     * @param dataSource where to take a connection from; the connection is closed with the stream
     * @param sql the query, with {@code ?} placeholders
     * @param params the values for the placeholders
     * @param mapper maps each row
     * @param <T> the row type
     * @return a sequential, ordered stream of mapped rows
     * @throws SQLException when the query cannot be started (nothing is left open then)
     */
    public <T> Stream<T> stream(DataSource dataSource, String sql, List<? extends @Nullable Object> params,
                                RowMapper<T> mapper) throws SQLException {
        return toStream(cursor(dataSource, sql, params, mapper));
    }

    /**
     * Runs the query on the caller's connection and returns its rows as a stream that <b>must be closed</b>.
     *
     * @param connection the connection to use; not closed, see the class documentation for its transaction
     * @param sql the query, with {@code ?} placeholders
     * @param params the values for the placeholders
     * @param mapper maps each row
     * @param <T> the row type
     * @return a sequential, ordered stream of mapped rows
     * @throws SQLException when the query cannot be started
     */
    public <T> Stream<T> stream(Connection connection, String sql, List<? extends @Nullable Object> params,
                                RowMapper<T> mapper) throws SQLException {
        return toStream(cursor(connection, sql, params, mapper));
    }

    /**
     * Runs the query on a connection from {@code dataSource} and returns a cursor over its rows that <b>must be
     * closed</b>.
     *
     * @param dataSource where to take a connection from; the connection is closed with the cursor
     * @param sql the query, with {@code ?} placeholders
     * @param params the values for the placeholders
     * @param mapper maps each row
     * @param <T> the row type
     * @return an open cursor
     * @throws SQLException when the query cannot be started (nothing is left open then)
     */
    public <T> RowCursor<T> cursor(DataSource dataSource, String sql, List<? extends @Nullable Object> params,
                                   RowMapper<T> mapper) throws SQLException {
        Require.nonNull(dataSource, "dataSource");
        check(sql, params, mapper);
        return open(dataSource.getConnection(), true, sql, params, mapper);
    }

    /**
     * Runs the query on the caller's connection and returns a cursor over its rows that <b>must be closed</b>.
     *
     * @param connection the connection to use; not closed
     * @param sql the query, with {@code ?} placeholders
     * @param params the values for the placeholders
     * @param mapper maps each row
     * @param <T> the row type
     * @return an open cursor
     * @throws SQLException when the query cannot be started
     */
    public <T> RowCursor<T> cursor(Connection connection, String sql, List<? extends @Nullable Object> params,
                                   RowMapper<T> mapper) throws SQLException {
        Require.nonNull(connection, "connection");
        check(sql, params, mapper);
        return open(connection, false, sql, params, mapper);
    }

    private static void check(String sql, List<? extends @Nullable Object> params, RowMapper<?> mapper) {
        Require.nonBlank(sql, "sql");
        Require.nonNull(params, "params");
        Require.nonNull(mapper, "mapper");
    }

    private <T> RowCursor<T> open(Connection connection, boolean owns, String sql,
                                  List<? extends @Nullable Object> params, RowMapper<T> mapper) throws SQLException {
        boolean began = false;
        PreparedStatement statement = null;
        ResultSet rs = null;
        try {
            if (connection.getAutoCommit()) {
                connection.setAutoCommit(false);
                began = true;
            }
            statement = connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
            statement.setFetchSize(fetchSize);
            if (queryTimeoutSeconds > 0) {
                statement.setQueryTimeout(queryTimeoutSeconds);
            }
            for (int i = 0; i < params.size(); i++) {
                statement.setObject(i + 1, params.get(i));
            }
            rs = statement.executeQuery();
            return new RowCursor<>(new RowCursor.Resources(connection, owns, began, statement, rs), mapper);
        } catch (SQLException | RuntimeException | Error e) {
            SQLException secondary = RowCursor.release(connection, owns, began, statement, rs, true);
            if (secondary != null && secondary != e) {
                e.addSuppressed(secondary);
            }
            throw e;
        }
    }

    private static <T> Stream<T> toStream(RowCursor<T> cursor) {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(cursor,
                Spliterator.ORDERED | Spliterator.NONNULL), false).onClose(cursor::close);
    }

    @Override
    public String toString() {
        return "RowStreamer[fetchSize=" + fetchSize + ", queryTimeoutSeconds=" + queryTimeoutSeconds + "]";
    }

    /** Builds a {@link RowStreamer}. */
    public static final class Builder {
        private int fetchSize = DEFAULT_FETCH_SIZE;
        private int queryTimeoutSeconds;

        private Builder() {}

        /**
         * Sets how many rows each round trip fetches; memory held is about {@code fetchSize} rows.
         *
         * @param rows at least 1; default {@link #DEFAULT_FETCH_SIZE}
         * @return this builder
         */
        public Builder fetchSize(int rows) {
            Require.argument(rows >= 1, "fetchSize must be >= 1, but was %s", rows);
            this.fetchSize = rows;
            return this;
        }

        /**
         * Sets a JDBC query timeout for each statement ({@link java.sql.Statement#setQueryTimeout}); with
         * pgjdbc it bounds each round trip, not the life of the cursor.
         *
         * @param seconds 0 (the default) for none, or a positive number of seconds
         * @return this builder
         */
        public Builder queryTimeoutSeconds(int seconds) {
            Require.argument(seconds >= 0, "queryTimeoutSeconds must be >= 0, but was %s", seconds);
            this.queryTimeoutSeconds = seconds;
            return this;
        }

        /** @return the streamer */
        public RowStreamer build() {
            return new RowStreamer(this);
        }
    }
}
