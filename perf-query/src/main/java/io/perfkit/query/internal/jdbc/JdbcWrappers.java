package io.perfkit.query.internal.jdbc;

import java.sql.SQLException;
import java.sql.Wrapper;

/**
 * The {@link Wrapper} contract shared by every perfkit JDBC wrapper: {@code unwrap} and {@code isWrapperFor} answer
 * for the wrapper itself, then for the object it wraps, then ask that object, so a caller reaches the driver's (or
 * the pool's) own objects through any number of layers.
 */
final class JdbcWrappers {
    private JdbcWrappers() {
    }

    static <T> T unwrap(Wrapper self, Wrapper delegate, Class<T> iface) throws SQLException {
        if (iface.isInstance(self)) {
            return iface.cast(self);
        }
        if (iface.isInstance(delegate)) {
            return iface.cast(delegate);
        }
        return delegate.unwrap(iface);
    }

    static boolean isWrapperFor(Wrapper self, Wrapper delegate, Class<?> iface) throws SQLException {
        return iface.isInstance(self) || iface.isInstance(delegate) || delegate.isWrapperFor(iface);
    }
}
