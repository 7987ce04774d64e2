package io.perfkit.testkit;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * A {@link DataSource} with no server behind it: every query returns the same canned result, every
 * update reports the same count, and nothing touches the network. Use it to benchmark a JDBC
 * wrapper (so the figure measures the wrapper, not a database) and to unit-test one.
 *
 * <pre>{@code
 * StubDataSource stub = new StubDataSource(10, 3); // 10 rows of 3 BIGINT columns c1..c3
 * DataSource monitored = monitor.wrap(stub);
 * try (Connection c = monitored.getConnection();
 *      PreparedStatement ps = c.prepareStatement("SELECT * FROM book WHERE id = ?")) {
 *   ps.setLong(1, 42);
 *   try (ResultSet rs = ps.executeQuery()) {
 *     while (rs.next()) {
 *       rs.getLong("c1"); // the row number: 1, 2, ... 10
 *     }
 *   }
 * }
 * assertThat(stub.executionCount()).isEqualTo(1);
 * }</pre>
 *
 * <p>Every cell of row <i>n</i> holds <i>n</i>, read as any number, as a string, or as a
 * {@code Long} object. A statement reuses one result set, rewound on each execution, so executing
 * and reading allocate nothing. SQL that starts with SELECT, WITH, VALUES, SHOW, TABLE or EXPLAIN
 * is a query for {@code execute}; anything else an update. Thread-safe: connections are
 * independent, and the counters are {@link LongAdder}s, cheap under contention.
 */
public final class StubDataSource implements DataSource {

    private final CannedResult result;
    private final int updateCount;
    private final LongAdder connections = new LongAdder();
    private final LongAdder closedConnections = new LongAdder();
    private final LongAdder statements = new LongAdder();
    private final LongAdder executions = new LongAdder();
    private volatile @Nullable PrintWriter logWriter;
    private volatile int loginTimeout;

    /** A data source whose queries return one row of one column, and whose updates count 1. */
    public StubDataSource() {
        this(1, 1);
    }

    /**
     * A data source whose queries return {@code rows} rows of {@code columns} columns, and whose
     * updates count 1.
     *
     * @param rows rows per query, 0 or more
     * @param columns columns per row, 1 or more
     * @throws IllegalArgumentException if a count is out of range
     */
    public StubDataSource(int rows, int columns) {
        this(rows, columns, 1);
    }

    /**
     * A data source whose queries return {@code rows} rows of {@code columns} columns, and whose
     * updates (and each batch entry) count {@code updateCount} rows.
     *
     * @param rows rows per query, 0 or more
     * @param columns columns per row, 1 or more
     * @param updateCount what {@code executeUpdate} returns, 0 or more
     * @throws IllegalArgumentException if a count is out of range
     */
    public StubDataSource(int rows, int columns, int updateCount) {
        if (updateCount < 0) {
            throw new IllegalArgumentException("updateCount must be >= 0, was " + updateCount);
        }
        this.result = new CannedResult(rows, columns);
        this.updateCount = updateCount;
    }

    /**
     * Rows each query returns.
     *
     * @return the row count
     */
    public int rows() {
        return result.rows();
    }

    /**
     * Columns of each row.
     *
     * @return the column count
     */
    public int columns() {
        return result.columns();
    }

    /**
     * Connections opened since creation or the last {@link #resetCounts()}.
     *
     * @return the count
     */
    public long connectionCount() {
        return connections.sum();
    }

    /**
     * Connections closed since creation or the last {@link #resetCounts()}; with
     * {@link #connectionCount()} it shows a leak.
     *
     * @return the count
     */
    public long closedConnectionCount() {
        return closedConnections.sum();
    }

    /**
     * Statements, prepared statements and callable statements created since creation or the last
     * {@link #resetCounts()}.
     *
     * @return the count
     */
    public long statementCount() {
        return statements.sum();
    }

    /**
     * Executions (queries, updates, {@code execute} calls and batches; a batch counts once) since
     * creation or the last {@link #resetCounts()}.
     *
     * @return the count
     */
    public long executionCount() {
        return executions.sum();
    }

    /** Sets every counter back to zero, e.g. after a benchmark's warm-up or a test's setup. */
    public void resetCounts() {
        connections.reset();
        closedConnections.reset();
        statements.reset();
        executions.reset();
    }

    /**
     * Opens a stub connection.
     *
     * @return a new connection
     */
    @Override
    public Connection getConnection() {
        connections.increment();
        return new StubConnection(this);
    }

    /**
     * Opens a stub connection; credentials are ignored.
     *
     * @param username ignored
     * @param password ignored
     * @return a new connection
     */
    @Override
    public Connection getConnection(String username, String password) {
        return getConnection();
    }

    /**
     * The log writer set last; the stub writes nothing to it.
     *
     * @return the writer, or null
     */
    @Override
    public @Nullable PrintWriter getLogWriter() {
        return logWriter;
    }

    /**
     * Remembers a log writer; the stub writes nothing to it.
     *
     * @param out the writer, or null
     */
    @Override
    public void setLogWriter(@Nullable PrintWriter out) {
        this.logWriter = out;
    }

    /**
     * Remembers a login timeout; the stub never waits.
     *
     * @param seconds the timeout
     */
    @Override
    public void setLoginTimeout(int seconds) {
        this.loginTimeout = seconds;
    }

    /**
     * The login timeout set last.
     *
     * @return the timeout in seconds
     */
    @Override
    public int getLoginTimeout() {
        return loginTimeout;
    }

    /**
     * The logger of the testkit's package; the stub logs nothing.
     *
     * @return the logger
     */
    @Override
    public Logger getParentLogger() {
        return Logger.getLogger(StubDataSource.class.getPackageName());
    }

    /**
     * Returns this data source if it is an instance of {@code iface}.
     *
     * @param iface the type wanted
     * @param <T> the type wanted
     * @return this
     * @throws SQLException if this is not an instance of {@code iface}
     */
    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("Not a wrapper of " + iface.getName());
    }

    /**
     * Whether this data source is an instance of {@code iface}.
     *
     * @param iface the type asked about
     * @return whether {@link #unwrap(Class)} would succeed
     */
    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }

    CannedResult result() {
        return result;
    }

    int updateCount() {
        return updateCount;
    }

    void connectionClosed() {
        closedConnections.increment();
    }

    void statementCreated() {
        statements.increment();
    }

    void executed() {
        executions.increment();
    }

    @Override
    public String toString() {
        return "StubDataSource[" + result.rows() + " rows x " + result.columns() + " columns]";
    }
}
