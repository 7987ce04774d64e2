package io.perfkit.testkit;

import java.sql.Array;
import java.sql.Blob;
import java.sql.CallableStatement;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.NClob;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Struct;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * A connection of {@link StubDataSource}: statements it creates answer with the data source's
 * canned result. Transactions, savepoints and settings are remembered and otherwise ignored; LOB
 * and structured-type factories throw {@link SQLFeatureNotSupportedException}.
 */
final class StubConnection implements Connection {

    private final StubDataSource dataSource;
    private final Properties clientInfo = new Properties();
    private Map<String, Class<?>> typeMap = new HashMap<>();
    private boolean closed;
    private boolean autoCommit = true;
    private boolean readOnly;
    private @Nullable String catalog;
    private String schema = "public";
    private int isolation = Connection.TRANSACTION_READ_COMMITTED;
    private int holdability = ResultSet.HOLD_CURSORS_OVER_COMMIT;
    private int networkTimeout;

    StubConnection(StubDataSource dataSource) {
        this.dataSource = dataSource;
    }

    StubDataSource dataSource() {
        return dataSource;
    }

    private void checkOpen() throws SQLException {
        if (closed) {
            throw new SQLException("Connection is closed", "08003");
        }
    }

    /** A savepoint that only carries its id and name. */
    private record StubSavepoint(int id, @Nullable String name) implements Savepoint {
        @Override
        public int getSavepointId() {
            return id;
        }

        @Override
        public String getSavepointName() throws SQLException {
            if (name == null) {
                throw new SQLException("Unnamed savepoint");
            }
            return name;
        }
    }

    @Override
    public Statement createStatement() throws SQLException {
        checkOpen();
        return new StubStatement(this);
    }

    @Override
    public PreparedStatement prepareStatement(String sql) throws SQLException {
        checkOpen();
        return new StubPreparedStatement(this, sql);
    }

    @Override
    public CallableStatement prepareCall(String sql) throws SQLException {
        checkOpen();
        return new StubCallableStatement(this, sql);
    }

    @Override
    public String nativeSQL(String sql) throws SQLException {
        return sql;
    }

    @Override
    public void setAutoCommit(boolean flag) throws SQLException {
        this.autoCommit = flag;
    }

    @Override
    public boolean getAutoCommit() throws SQLException {
        return autoCommit;
    }

    @Override
    public void commit() throws SQLException {
        checkOpen();
    }

    @Override
    public void rollback() throws SQLException {
        checkOpen();
    }

    @Override
    public void close() throws SQLException {
        if (!closed) {
            closed = true;
            dataSource.connectionClosed();
        }
    }

    @Override
    public boolean isClosed() throws SQLException {
        return closed;
    }

    @Override
    public DatabaseMetaData getMetaData() throws SQLException {
        return new StubDatabaseMetaData(this);
    }

    @Override
    public void setReadOnly(boolean flag) throws SQLException {
        this.readOnly = flag;
    }

    @Override
    public boolean isReadOnly() throws SQLException {
        return readOnly;
    }

    @Override
    public void setCatalog(String name) throws SQLException {
        this.catalog = name;
    }

    @Override
    public @Nullable String getCatalog() throws SQLException {
        return catalog;
    }

    @Override
    public void setTransactionIsolation(int intValue) throws SQLException {
        this.isolation = intValue;
    }

    @Override
    public int getTransactionIsolation() throws SQLException {
        return isolation;
    }

    @Override
    public @Nullable SQLWarning getWarnings() throws SQLException {
        return null;
    }

    @Override
    public void clearWarnings() throws SQLException {
    }

    @Override
    public Statement createStatement(int intValue, int intValue1) throws SQLException {
        checkOpen();
        return new StubStatement(this);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int intValue, int intValue2) throws SQLException {
        checkOpen();
        return new StubPreparedStatement(this, sql);
    }

    @Override
    public CallableStatement prepareCall(String sql, int intValue, int intValue2) throws SQLException {
        checkOpen();
        return new StubCallableStatement(this, sql);
    }

    @Override
    public Map<String, Class<?>> getTypeMap() throws SQLException {
        return typeMap;
    }

    @Override
    public void setTypeMap(Map<String, Class<?>> map) throws SQLException {
        this.typeMap = map;
    }

    @Override
    public void setHoldability(int intValue) throws SQLException {
        this.holdability = intValue;
    }

    @Override
    public int getHoldability() throws SQLException {
        return holdability;
    }

    @Override
    public Savepoint setSavepoint() throws SQLException {
        return new StubSavepoint(1, "stub");
    }

    @Override
    public Savepoint setSavepoint(String name) throws SQLException {
        return new StubSavepoint(1, name);
    }

    @Override
    public void rollback(Savepoint savepoint) throws SQLException {
    }

    @Override
    public void releaseSavepoint(Savepoint savepoint) throws SQLException {
    }

    @Override
    public Statement createStatement(int intValue, int intValue1, int intValue2) throws SQLException {
        checkOpen();
        return new StubStatement(this);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int intValue, int intValue2, int intValue3)
            throws SQLException {
        checkOpen();
        return new StubPreparedStatement(this, sql);
    }

    @Override
    public CallableStatement prepareCall(String sql, int intValue, int intValue2, int intValue3) throws SQLException {
        checkOpen();
        return new StubCallableStatement(this, sql);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int intValue) throws SQLException {
        checkOpen();
        return new StubPreparedStatement(this, sql);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int[] ints) throws SQLException {
        checkOpen();
        return new StubPreparedStatement(this, sql);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, String[] strings) throws SQLException {
        checkOpen();
        return new StubPreparedStatement(this, sql);
    }

    @Override
    public Clob createClob() throws SQLException {
        throw new SQLFeatureNotSupportedException("createClob");
    }

    @Override
    public Blob createBlob() throws SQLException {
        throw new SQLFeatureNotSupportedException("createBlob");
    }

    @Override
    public NClob createNClob() throws SQLException {
        throw new SQLFeatureNotSupportedException("createNClob");
    }

    @Override
    public SQLXML createSQLXML() throws SQLException {
        throw new SQLFeatureNotSupportedException("createSQLXML");
    }

    @Override
    public boolean isValid(int intValue) throws SQLException {
        return !closed;
    }

    @Override
    public void setClientInfo(String name, String string) throws SQLClientInfoException {
        clientInfo.setProperty(name, string);
    }

    @Override
    public void setClientInfo(Properties properties) throws SQLClientInfoException {
        clientInfo.clear();
        clientInfo.putAll(properties);
    }

    @Override
    public @Nullable String getClientInfo(String name) throws SQLException {
        return clientInfo.getProperty(name);
    }

    @Override
    public Properties getClientInfo() throws SQLException {
        return clientInfo;
    }

    @Override
    public Array createArrayOf(String name, Object[] objects) throws SQLException {
        throw new SQLFeatureNotSupportedException("createArrayOf");
    }

    @Override
    public Struct createStruct(String name, Object[] objects) throws SQLException {
        throw new SQLFeatureNotSupportedException("createStruct");
    }

    @Override
    public void setSchema(String name) throws SQLException {
        this.schema = name;
    }

    @Override
    public String getSchema() throws SQLException {
        return schema;
    }

    @Override
    public void abort(Executor executor) throws SQLException {
        closed = true;
    }

    @Override
    public void setNetworkTimeout(Executor executor, int intValue) throws SQLException {
        this.networkTimeout = intValue;
    }

    @Override
    public int getNetworkTimeout() throws SQLException {
        return networkTimeout;
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
