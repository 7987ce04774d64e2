package io.perfkit.pool;

import java.io.PrintWriter;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A JDBC data source whose connections do nothing, for unit tests of pool code without a server (perf-testkit's
 * stub driver replaces it once that module lands).
 */
public final class ProxyStubDataSource implements DataSource {
    public final AtomicInteger opened = new AtomicInteger();

    @Override
    public Connection getConnection() {
        opened.incrementAndGet();
        boolean[] closed = {false};
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "isClosed": return closed[0];
                        case "close": closed[0] = true; return null;
                        case "isValid": return !closed[0];
                        case "getAutoCommit": return true;
                        case "isReadOnly": return false;
                        case "getTransactionIsolation": return Connection.TRANSACTION_READ_COMMITTED;
                        case "getNetworkTimeout": return 0;
                        case "unwrap": return proxy;
                        case "isWrapperFor": return false;
                        case "hashCode": return System.identityHashCode(proxy);
                        case "equals": return proxy == args[0];
                        case "toString": return "StubConnection@" + Integer.toHexString(System.identityHashCode(proxy));
                        default:
                            Class<?> r = method.getReturnType();
                            if (r == boolean.class) {
                                return false;
                            }
                            if (r == int.class || r == long.class) {
                                return r == int.class ? (Object) 0 : (Object) 0L;
                            }
                            return null;
                    }
                });
    }

    @Override
    public Connection getConnection(String username, String password) {
        return getConnection();
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {}

    @Override
    public void setLoginTimeout(int seconds) {}

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return false;
    }
}
