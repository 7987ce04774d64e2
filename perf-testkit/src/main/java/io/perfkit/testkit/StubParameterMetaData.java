package io.perfkit.testkit;

import java.sql.ParameterMetaData;
import java.sql.SQLException;
import java.sql.Types;

/** Parameter metadata of a stub prepared statement, which keeps no parameters: zero of them. */
final class StubParameterMetaData implements ParameterMetaData {

    StubParameterMetaData() {}

    @Override
    public int getParameterCount() throws SQLException {
        return 0;
    }

    @Override
    public int isNullable(int parameterIndex) throws SQLException {
        return ParameterMetaData.parameterNullableUnknown;
    }

    @Override
    public boolean isSigned(int parameterIndex) throws SQLException {
        return false;
    }

    @Override
    public int getPrecision(int parameterIndex) throws SQLException {
        return 0;
    }

    @Override
    public int getScale(int parameterIndex) throws SQLException {
        return 0;
    }

    @Override
    public int getParameterType(int parameterIndex) throws SQLException {
        return Types.OTHER;
    }

    @Override
    public String getParameterTypeName(int parameterIndex) throws SQLException {
        return "unknown";
    }

    @Override
    public String getParameterClassName(int parameterIndex) throws SQLException {
        return "java.lang.Object";
    }

    @Override
    public int getParameterMode(int parameterIndex) throws SQLException {
        return ParameterMetaData.parameterModeIn;
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
