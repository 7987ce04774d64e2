package io.perfkit.query.internal.jdbc;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.ConnectionBuilder;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.ShardingKey;
import java.sql.ShardingKeyBuilder;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Wraps the application's {@link DataSource} (a pool, usually) so that every connection it hands out is a
 * {@link MonitoredConnection}. The wrapped data source is neither closed nor otherwise managed: the caller owns
 * it. {@link #unwrap(Class)} reaches it and, through it, whatever it wraps.
 */
public final class MonitoredDataSource implements DataSource {
    private final DataSource delegate;
    private final JdbcObserver observer;

    /**
     * Wraps a data source.
     *
     * @param delegate the application's data source; not closed by this wrapper
     * @param observer what executions are reported to
     */
    public MonitoredDataSource(DataSource delegate, JdbcObserver observer) {
        this.delegate = delegate;
        this.observer = observer;
    }

    /** @return the wrapped data source */
    public DataSource delegate() {
        return delegate;
    }

    /** @return the observer this data source reports to */
    public JdbcObserver observer() {
        return observer;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return new MonitoredConnection(delegate.getConnection(), observer);
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return new MonitoredConnection(delegate.getConnection(username, password), observer);
    }

    @Override
    public ConnectionBuilder createConnectionBuilder() throws SQLException {
        ConnectionBuilder builder = delegate.createConnectionBuilder();
        return new ConnectionBuilder() {
            @Override
            public ConnectionBuilder user(String username) {
                builder.user(username);
                return this;
            }

            @Override
            public ConnectionBuilder password(String password) {
                builder.password(password);
                return this;
            }

            @Override
            public ConnectionBuilder shardingKey(ShardingKey shardingKey) {
                builder.shardingKey(shardingKey);
                return this;
            }

            @Override
            public ConnectionBuilder superShardingKey(ShardingKey superShardingKey) {
                builder.superShardingKey(superShardingKey);
                return this;
            }

            @Override
            public Connection build() throws SQLException {
                return new MonitoredConnection(builder.build(), observer);
            }
        };
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return JdbcWrappers.unwrap(this, delegate, iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return JdbcWrappers.isWrapperFor(this, delegate, iface);
    }

    @Override
    public ShardingKeyBuilder createShardingKeyBuilder() throws SQLException {
        return delegate.createShardingKeyBuilder();
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return delegate.getLogWriter();
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return delegate.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return delegate.getParentLogger();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        delegate.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        delegate.setLoginTimeout(seconds);
    }

    @Override
    public String toString() {
        return "MonitoredDataSource[" + delegate + "]";
    }
}
