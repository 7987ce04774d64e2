package io.perfkit.testkit;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * A statement of {@link StubConnection}. Queries return the data source's canned result through
 * one {@link StubResultSet} per statement, rewound on each execution, so that executing
 * allocates nothing; as with a real driver, executing again invalidates the previous result.
 * Updates report the data source's update count.
 */
class StubStatement implements Statement {

    final StubConnection connection;
    private @Nullable StubResultSet resultSet;
    private @Nullable StubResultSet current;
    private @Nullable StubResultSet generatedKeys;
    private long updateCount = -1;
    private int batchSize;
    private boolean closed;
    private boolean poolable;
    private boolean closeOnCompletion;
    private int maxFieldSize;
    private long maxRows;
    private int queryTimeout;
    private int fetchDirection = ResultSet.FETCH_FORWARD;
    private int fetchSize;

    StubStatement(StubConnection connection) {
        this.connection = connection;
        connection.dataSource().statementCreated();
    }

    final void checkOpen() throws SQLException {
        if (closed) {
            throw new SQLException("Statement is closed", "HY010");
        }
    }

    final ResultSet query() throws SQLException {
        checkOpen();
        connection.dataSource().executed();
        StubResultSet rs = resultSet;
        if (rs == null) {
            rs = new StubResultSet(connection.dataSource().result(), this);
            resultSet = rs;
        }
        updateCount = -1;
        current = rs;
        return rs.reset();
    }

    final int update() throws SQLException {
        checkOpen();
        connection.dataSource().executed();
        current = null;
        updateCount = connection.dataSource().updateCount();
        return (int) updateCount;
    }

    final boolean execute(boolean query) throws SQLException {
        if (query) {
            query();
        } else {
            update();
        }
        return query;
    }

    final long batch() throws SQLException {
        checkOpen();
        connection.dataSource().executed();
        batchSize = 0;
        current = null;
        updateCount = -1;
        return connection.dataSource().updateCount();
    }

    final void addToBatch() throws SQLException {
        checkOpen();
        batchSize++;
    }

    /**
     * Whether SQL returns rows, decided from its first keyword without allocating: SELECT, WITH,
     * VALUES, SHOW, TABLE and EXPLAIN do; anything else is an update.
     */
    static boolean isQuery(String sql) {
        int i = 0;
        int n = sql.length();
        while (i < n && (Character.isWhitespace(sql.charAt(i)) || sql.charAt(i) == '(')) {
            i++;
        }
        return startsWithIgnoreCase(sql, i, "select") || startsWithIgnoreCase(sql, i, "with")
                || startsWithIgnoreCase(sql, i, "values") || startsWithIgnoreCase(sql, i, "show")
                || startsWithIgnoreCase(sql, i, "table") || startsWithIgnoreCase(sql, i, "explain");
    }

    private static boolean startsWithIgnoreCase(String s, int offset, String word) {
        return s.regionMatches(true, offset, word, 0, word.length());
    }

    @Override
    public ResultSet executeQuery(String sql) throws SQLException {
        return query();
    }

    @Override
    public int executeUpdate(String sql) throws SQLException {
        return update();
    }

    @Override
    public void close() throws SQLException {
        closed = true;
        if (resultSet != null) {
            resultSet.close();
        }
    }

    @Override
    public int getMaxFieldSize() throws SQLException {
        return maxFieldSize;
    }

    @Override
    public void setMaxFieldSize(int intValue) throws SQLException {
        this.maxFieldSize = intValue;
    }

    @Override
    public int getMaxRows() throws SQLException {
        return (int) maxRows;
    }

    @Override
    public void setMaxRows(int intValue) throws SQLException {
        this.maxRows = intValue;
    }

    @Override
    public void setEscapeProcessing(boolean flag) throws SQLException {
    }

    @Override
    public int getQueryTimeout() throws SQLException {
        return queryTimeout;
    }

    @Override
    public void setQueryTimeout(int intValue) throws SQLException {
        this.queryTimeout = intValue;
    }

    @Override
    public void cancel() throws SQLException {
    }

    @Override
    public @Nullable SQLWarning getWarnings() throws SQLException {
        return null;
    }

    @Override
    public void clearWarnings() throws SQLException {
    }

    @Override
    public void setCursorName(String sql) throws SQLException {
    }

    @Override
    public boolean execute(String sql) throws SQLException {
        return execute(isQuery(sql));
    }

    @Override
    public @Nullable ResultSet getResultSet() throws SQLException {
        return current;
    }

    @Override
    public int getUpdateCount() throws SQLException {
        return (int) updateCount;
    }

    @Override
    public boolean getMoreResults() throws SQLException {
        return getMoreResults(Statement.CLOSE_CURRENT_RESULT);
    }

    @Override
    public void setFetchDirection(int intValue) throws SQLException {
        this.fetchDirection = intValue;
    }

    @Override
    public int getFetchDirection() throws SQLException {
        return fetchDirection;
    }

    @Override
    public void setFetchSize(int intValue) throws SQLException {
        this.fetchSize = intValue;
    }

    @Override
    public int getFetchSize() throws SQLException {
        return fetchSize;
    }

    @Override
    public int getResultSetConcurrency() throws SQLException {
        return ResultSet.CONCUR_READ_ONLY;
    }

    @Override
    public int getResultSetType() throws SQLException {
        return ResultSet.TYPE_FORWARD_ONLY;
    }

    @Override
    public void addBatch(String sql) throws SQLException {
        checkOpen();
        batchSize++;
    }

    @Override
    public void clearBatch() throws SQLException {
        batchSize = 0;
    }

    @Override
    public int[] executeBatch() throws SQLException {
        int[] counts = new int[batchSize];
        Arrays.fill(counts, (int) batch());
        return counts;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return connection;
    }

    @Override
    public boolean getMoreResults(int intValue) throws SQLException {
        if (current != null && intValue != Statement.KEEP_CURRENT_RESULT) {
            current.close();
        }
        current = null;
        updateCount = -1;
        return false;
    }

    @Override
    public ResultSet getGeneratedKeys() throws SQLException {
        if (generatedKeys == null) {
            generatedKeys = new StubResultSet(CannedResult.GENERATED_KEYS, this);
        }
        return generatedKeys.reset();
    }

    @Override
    public int executeUpdate(String sql, int intValue) throws SQLException {
        return update();
    }

    @Override
    public int executeUpdate(String sql, int[] ints) throws SQLException {
        return update();
    }

    @Override
    public int executeUpdate(String sql, String[] strings) throws SQLException {
        return update();
    }

    @Override
    public boolean execute(String sql, int intValue) throws SQLException {
        return execute(isQuery(sql));
    }

    @Override
    public boolean execute(String sql, int[] ints) throws SQLException {
        return execute(isQuery(sql));
    }

    @Override
    public boolean execute(String sql, String[] strings) throws SQLException {
        return execute(isQuery(sql));
    }

    @Override
    public int getResultSetHoldability() throws SQLException {
        return ResultSet.HOLD_CURSORS_OVER_COMMIT;
    }

    @Override
    public boolean isClosed() throws SQLException {
        return closed;
    }

    @Override
    public void setPoolable(boolean flag) throws SQLException {
        this.poolable = flag;
    }

    @Override
    public boolean isPoolable() throws SQLException {
        return poolable;
    }

    @Override
    public void closeOnCompletion() throws SQLException {
        this.closeOnCompletion = true;
    }

    @Override
    public boolean isCloseOnCompletion() throws SQLException {
        return closeOnCompletion;
    }

    @Override
    public long getLargeUpdateCount() throws SQLException {
        return updateCount;
    }

    @Override
    public void setLargeMaxRows(long longValue) throws SQLException {
        this.maxRows = longValue;
    }

    @Override
    public long getLargeMaxRows() throws SQLException {
        return maxRows;
    }

    @Override
    public long[] executeLargeBatch() throws SQLException {
        long[] counts = new long[batchSize];
        Arrays.fill(counts, batch());
        return counts;
    }

    @Override
    public long executeLargeUpdate(String sql) throws SQLException {
        return update();
    }

    @Override
    public long executeLargeUpdate(String sql, int intValue) throws SQLException {
        return update();
    }

    @Override
    public long executeLargeUpdate(String sql, int[] ints) throws SQLException {
        return update();
    }

    @Override
    public long executeLargeUpdate(String sql, String[] strings) throws SQLException {
        return update();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("Not a wrapper of " + iface.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }
}
