package io.perfkit.query.write;

import io.perfkit.core.Require;
import io.perfkit.query.stream.RowMapper;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Inserts or upserts many rows through JDBC batching, the cure for the missing-batch finding
 * ({@code FindingKind.MISSING_BATCH}: the same INSERT executed row by row). Rows are sent in batches of
 * {@link Builder#batchSize batchSize}, so a million rows never sit in one driver buffer.
 *
 * <pre>{@code
 * BatchWriter<Book> writer = BatchWriter.<Book>insertInto("book")
 *     .column("isbn", Book::isbn)
 *     .column("title", Book::title)
 *     .column("price", Book::price)
 *     .onConflictDoUpdate("isbn")          // upsert: update title and price of an existing isbn
 *     .batchSize(1_000)
 *     .build();
 * WriteResult result = writer.write(dataSource, books);
 * }</pre>
 *
 * <h2>Transactions</h2>
 * {@link #write(DataSource, List)} writes all rows in one transaction of its own: all or nothing.
 * {@link #write(Connection, List)} on a connection in autocommit mode does the same (autocommit is turned off for
 * the write and restored); on a connection already in a transaction it writes inside that transaction and leaves
 * commit or rollback to you. Either way, a failed write leaves no partial batch visible to others.
 *
 * <h2>pgjdbc's {@code reWriteBatchedInserts}</h2>
 * With {@code reWriteBatchedInserts=true} on the JDBC URL or data source, pgjdbc turns a batch of single-row
 * INSERTs (upserts included) into multi-row {@code INSERT ... VALUES (...), (...)} statements, typically several
 * times faster on top of batching. This writer works with it on or off, tells you which in
 * {@link WriteResult#reWriteBatchedInserts()}, and loses only two things with it on: per-row update counts, and
 * the exact failing row (it then names the range of rows the failure lies in).
 *
 * <h2>Failures</h2>
 * A failing row (a constraint violation, a value too long) ends the write with a {@link BatchWriteException}
 * naming the row's index in your list, the constraint, and the SQLState; it never prints bind values.
 *
 * <p>Immutable and thread-safe; build one per table at start-up. Column and table names are checked to be plain
 * identifiers and quoted.
 *
 * @param <T> the row type
 */
public final class BatchWriter<T> {
    /** The default number of rows per JDBC batch: {@value}. */
    public static final int DEFAULT_BATCH_SIZE = 1_000;

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");
    private static final boolean PGJDBC = isPresent("org.postgresql.core.BaseConnection");

    private final String sql;
    private final List<Function<? super T, ? extends @Nullable Object>> values;
    private final int batchSize;
    private final String[] keyColumns;

    private BatchWriter(Builder<T> b) {
        this.values = List.copyOf(b.columns.values());
        this.batchSize = b.batchSize;
        StringBuilder s = new StringBuilder(128).append("INSERT INTO ").append(b.table).append(" (");
        StringBuilder marks = new StringBuilder();
        int i = 0;
        for (String column : b.columns.keySet()) {
            s.append(i == 0 ? "" : ", ").append(quote(column));
            marks.append(i++ == 0 ? "?" : ", ?");
        }
        s.append(") VALUES (").append(marks).append(')');
        if (b.conflictColumns != null) {
            s.append(" ON CONFLICT (");
            for (int j = 0; j < b.conflictColumns.size(); j++) {
                s.append(j == 0 ? "" : ", ").append(quote(b.conflictColumns.get(j)));
            }
            s.append(')');
            List<String> update = b.updateColumns;
            if (update == null) {
                s.append(" DO NOTHING");
            } else {
                s.append(" DO UPDATE SET ");
                for (int j = 0; j < update.size(); j++) {
                    String c = quote(update.get(j));
                    s.append(j == 0 ? "" : ", ").append(c).append(" = EXCLUDED.").append(c);
                }
            }
        }
        this.sql = s.toString();
        this.keyColumns = b.keyColumns.toArray(new String[0]);
    }

    /**
     * Starts a writer for {@code table}.
     *
     * @param table the table, optionally {@code schema.table}; a plain identifier, quoted in the SQL
     * @param <T> the row type
     * @return a builder
     */
    public static <T> Builder<T> insertInto(String table) {
        return new Builder<>(table);
    }

    /** @return the INSERT statement each row is bound to */
    public String sql() {
        return sql;
    }

    /** @return the number of rows per JDBC batch */
    public int batchSize() {
        return batchSize;
    }

    /**
     * Writes all rows in one transaction on a connection of its own.
     *
     * @param dataSource where to take the connection; it is closed afterwards
     * @param rows the rows, written in this order; no nulls
     * @return what was written
     * @throws BatchWriteException when a row fails; nothing was written
     * @throws SQLException when the database fails otherwise
     */
    public WriteResult write(DataSource dataSource, List<? extends T> rows) throws SQLException {
        Require.nonNull(dataSource, "dataSource");
        try (Connection c = dataSource.getConnection()) {
            return write(c, rows);
        }
    }

    /**
     * Writes all rows on the caller's connection; see the class documentation for the transaction.
     *
     * @param connection the connection; not closed
     * @param rows the rows, written in this order; no nulls
     * @return what was written
     * @throws BatchWriteException when a row fails
     * @throws SQLException when the database fails otherwise
     */
    public WriteResult write(Connection connection, List<? extends T> rows) throws SQLException {
        return run(connection, rows, null, new ArrayList<>(0));
    }

    /**
     * Writes all rows like {@link #write(Connection, List)} and returns the generated keys (the columns given to
     * {@link Builder#returningKeys}), one per written row, in input order. With
     * {@link Builder#onConflictDoNothing} a row that hit a conflict returns no key, so keys then cover only the
     * inserted rows.
     *
     * <pre>{@code
     * List<Long> ids = writer.writeReturningKeys(connection, books, rs -> rs.getLong("id"));
     * }</pre>
     *
     * @param connection the connection; not closed
     * @param rows the rows; no nulls
     * @param keyMapper reads one row of generated keys
     * @param <K> the key type
     * @return the keys
     * @throws IllegalStateException when the writer was built without {@code returningKeys}
     * @throws BatchWriteException when a row fails
     * @throws SQLException when the database fails otherwise
     */
    public <K> List<K> writeReturningKeys(Connection connection, List<? extends T> rows, RowMapper<K> keyMapper)
            throws SQLException {
        Require.state(keyColumns.length > 0, "writeReturningKeys needs the writer built with returningKeys(...)");
        Require.nonNull(keyMapper, "keyMapper");
        List<K> keys = new ArrayList<>(rows.size());
        run(connection, rows, keyMapper, keys);
        return Collections.unmodifiableList(keys);
    }

    private <K> WriteResult run(Connection connection, List<? extends T> rows, @Nullable RowMapper<K> keyMapper,
                                List<K> keys) throws SQLException {
        Require.nonNull(connection, "connection");
        Require.nonNull(rows, "rows");
        if (rows.isEmpty()) {
            return new WriteResult(0, 0, OptionalLong.of(0), false);
        }
        boolean rewrite = PGJDBC && Boolean.TRUE.equals(PgjdbcSupport.reWriteBatchedInserts(connection));
        boolean began = connection.getAutoCommit();
        if (began) {
            connection.setAutoCommit(false);
        }
        boolean ok = false;
        int batches = 0;
        long affected = 0;
        boolean countsKnown = true;
        try (PreparedStatement ps = keyMapper == null
                ? connection.prepareStatement(sql) : connection.prepareStatement(sql, keyColumns)) {
            for (int from = 0; from < rows.size(); from += batchSize) {
                int to = Math.min(rows.size(), from + batchSize);
                for (int r = from; r < to; r++) {
                    T row = rows.get(r);
                    if (row == null) {
                        throw new NullPointerException("rows[" + r + "] must not be null");
                    }
                    bind(ps, row, r);
                    ps.addBatch();
                }
                int[] counts;
                try {
                    counts = ps.executeBatch();
                } catch (BatchUpdateException e) {
                    throw failure(e, rows, from, to, rewrite);
                }
                batches++;
                for (int count : counts) {
                    if (count >= 0) {
                        affected += count;
                    } else {
                        countsKnown = false;
                    }
                }
                if (keyMapper != null) {
                    try (ResultSet rs = ps.getGeneratedKeys()) {
                        while (rs.next()) {
                            keys.add(keyMapper.map(rs));
                        }
                    }
                }
            }
            if (began) {
                connection.commit();
            }
            ok = true;
        } finally {
            if (began) {
                try {
                    if (!ok) {
                        connection.rollback();
                    }
                    connection.setAutoCommit(true);
                } catch (SQLException e) {
                    if (ok) {
                        throw e;
                    }
                    // The write's own failure is what the caller needs; this one would hide it.
                }
            }
        }
        return new WriteResult(rows.size(), batches, countsKnown ? OptionalLong.of(affected) : OptionalLong.empty(),
                rewrite);
    }

    private void bind(PreparedStatement ps, T row, int index) throws SQLException {
        for (int i = 0; i < values.size(); i++) {
            Object value;
            try {
                value = values.get(i).apply(row);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("reading column " + (i + 1) + " of rows[" + index + "] failed: "
                        + e, e);
            }
            ps.setObject(i + 1, value);
        }
    }

    private BatchWriteException failure(BatchUpdateException e, List<? extends T> rows, int from, int to,
                                        boolean rewrite) {
        SQLException cause = e.getNextException() != null ? e.getNextException() : e;
        int first = from;
        int last = to - 1;
        if (!rewrite) {
            int failed = failedEntry(e, to - from);
            if (failed >= 0) {
                first = from + failed;
                last = first;
            }
        }
        String constraint = PGJDBC ? PgjdbcSupport.constraint(cause) : null;
        StringBuilder m = new StringBuilder(160);
        if (first == last) {
            m.append("rows[").append(first).append("] failed");
        } else {
            m.append("one of rows[").append(first).append("..").append(last).append("] failed (the driver merged "
                    + "them into one statement with reWriteBatchedInserts, so it cannot say which)");
        }
        m.append(": SQLState ").append(cause.getSQLState());
        if (constraint != null) {
            m.append(", constraint ").append(constraint);
        }
        m.append("; no row of this write was committed. Statement: ").append(sql);
        return new BatchWriteException(m.toString(), cause, first, last, constraint,
                first == last ? rows.get(first) : null);
    }

    /** @return the index within the batch of the entry that failed, or -1 when the driver does not say */
    private static int failedEntry(BatchUpdateException e, int size) {
        if (PGJDBC) {
            // In a transaction pgjdbc marks every entry EXECUTE_FAILED and names the failing one in its message.
            int entry = PgjdbcSupport.failedBatchEntry(e);
            if (entry >= 0 && entry < size) {
                return entry;
            }
        }
        // Other drivers either stop at the failing entry (counts cover those before it) or mark it alone.
        int[] counts = e.getUpdateCounts();
        if (counts == null) {
            return -1;
        }
        if (counts.length < size) {
            return counts.length;
        }
        int failed = -1;
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] == Statement.EXECUTE_FAILED) {
                if (failed >= 0) {
                    return -1; // several marked failed: the driver does not know either
                }
                failed = i;
            }
        }
        return failed;
    }

    private static String quote(String name) {
        return '"' + name + '"';
    }

    private static String identifier(String name, String setting) {
        Require.nonNull(name, setting);
        Require.argument(NAME.matcher(name).matches(), "%s must be a plain SQL identifier ([A-Za-z_][A-Za-z0-9_]*, "
                + "at most 63 characters), but was '%s'", setting, name);
        return name;
    }

    private static boolean isPresent(String className) {
        try {
            Class.forName(className, false, BatchWriter.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "BatchWriter[" + sql + ", batchSize=" + batchSize + "]";
    }

    /**
     * Builds a {@link BatchWriter}.
     *
     * @param <T> the row type
     */
    public static final class Builder<T> {
        private final String table;
        private final Map<String, Function<? super T, ? extends @Nullable Object>> columns = new LinkedHashMap<>();
        private int batchSize = DEFAULT_BATCH_SIZE;
        private @Nullable List<String> conflictColumns;
        private @Nullable List<String> updateColumns;
        private final List<String> keyColumns = new ArrayList<>();

        private Builder(String table) {
            Require.nonNull(table, "table");
            int dot = table.indexOf('.');
            this.table = dot < 0 ? quote(identifier(table, "table"))
                    : quote(identifier(table.substring(0, dot), "table schema")) + '.'
                    + quote(identifier(table.substring(dot + 1), "table"));
        }

        /**
         * Adds a column and how to read its value from a row; the value is bound with {@code setObject}.
         *
         * @param name a plain column name
         * @param value reads the value (may return null for SQL NULL)
         * @return this builder
         */
        public Builder<T> column(String name, Function<? super T, ? extends @Nullable Object> value) {
            identifier(name, "column");
            Require.nonNull(value, "value of column " + name);
            Require.argument(!columns.containsKey(name), "column '%s' was already added", name);
            columns.put(name, value);
            return this;
        }

        /**
         * Sets the number of rows per JDBC batch (per round trip). Larger batches save round trips but hold more
         * rows in driver memory; 100 to 5,000 is the useful range.
         *
         * @param rows at least 1; default {@link #DEFAULT_BATCH_SIZE}
         * @return this builder
         */
        public Builder<T> batchSize(int rows) {
            Require.argument(rows >= 1, "batchSize must be >= 1, but was %s", rows);
            this.batchSize = rows;
            return this;
        }

        /**
         * Makes the write an upsert: a row whose conflict columns match an existing row updates it. By default
         * every added column except the conflict columns is updated.
         *
         * @param conflictColumns the columns of the unique constraint or index to detect the conflict on
         * @return this builder
         */
        public Builder<T> onConflictDoUpdate(String... conflictColumns) {
            setConflict(conflictColumns);
            this.updateColumns = List.of(); // filled in build()
            return this;
        }

        /**
         * Makes the write an upsert that updates only the given columns on conflict.
         *
         * @param conflictColumns the columns of the unique constraint to detect the conflict on
         * @param updateColumns the columns to update from the new row
         * @return this builder
         */
        public Builder<T> onConflictDoUpdate(List<String> conflictColumns, List<String> updateColumns) {
            setConflict(conflictColumns.toArray(new String[0]));
            Require.argument(!updateColumns.isEmpty(), "updateColumns must not be empty; use onConflictDoNothing");
            for (String c : updateColumns) {
                identifier(c, "update column");
            }
            this.updateColumns = List.copyOf(updateColumns);
            return this;
        }

        /**
         * Skips rows whose conflict columns match an existing row ({@code ON CONFLICT (...) DO NOTHING}).
         *
         * @param conflictColumns the columns of the unique constraint to detect the conflict on
         * @return this builder
         */
        public Builder<T> onConflictDoNothing(String... conflictColumns) {
            setConflict(conflictColumns);
            this.updateColumns = null;
            return this;
        }

        private void setConflict(String[] conflict) {
            Require.state(conflictColumns == null, "the ON CONFLICT clause was already set on %s", conflictColumns);
            Require.argument(conflict.length > 0, "conflict columns must not be empty");
            for (String c : conflict) {
                identifier(c, "conflict column");
            }
            this.conflictColumns = List.of(conflict);
        }

        /**
         * Asks for generated keys (an identity or serial id, a default) to be returned by
         * {@link BatchWriter#writeReturningKeys}.
         *
         * @param columns the generated columns, such as {@code "id"}
         * @return this builder
         */
        public Builder<T> returningKeys(String... columns) {
            Require.state(keyColumns.isEmpty(), "returningKeys was already set to %s", keyColumns);
            Require.argument(columns.length > 0, "returningKeys needs at least one column");
            for (String c : columns) {
                keyColumns.add(identifier(c, "key column"));
            }
            return this;
        }

        /**
         * @return the writer
         * @throws IllegalStateException when no column was added, or an upsert column is unknown
         */
        public BatchWriter<T> build() {
            Require.state(!columns.isEmpty(), "add at least one column");
            if (conflictColumns != null) {
                for (String c : conflictColumns) {
                    Require.state(columns.containsKey(c), "conflict column '%s' is not one of the columns %s", c,
                            columns.keySet());
                }
            }
            if (updateColumns != null) {
                if (updateColumns.isEmpty()) {
                    List<String> rest = new ArrayList<>(columns.keySet());
                    rest.removeAll(Require.nonNull(conflictColumns, "conflictColumns"));
                    Require.state(!rest.isEmpty(), "every column is a conflict column, so there is nothing to update;"
                            + " use onConflictDoNothing");
                    updateColumns = List.copyOf(rest);
                } else {
                    for (String c : updateColumns) {
                        Require.state(columns.containsKey(c), "update column '%s' is not one of the columns %s", c,
                                columns.keySet());
                    }
                }
            }
            return new BatchWriter<>(this);
        }
    }
}
