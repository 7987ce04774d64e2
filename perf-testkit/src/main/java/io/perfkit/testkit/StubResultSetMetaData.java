package io.perfkit.testkit;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;

/** Describes a {@link CannedResult}: non-null BIGINT columns labelled {@code c1}, {@code c2}, .... */
final class StubResultSetMetaData implements ResultSetMetaData {

    private final CannedResult result;

    StubResultSetMetaData(CannedResult result) {
        this.result = result;
    }

    private int check(int column) throws SQLException {
        if (column < 1 || column > result.columns()) {
            throw new SQLException("Column index out of range: " + column, "22023");
        }
        return column;
    }

    @Override
    public int getColumnCount() {
        return result.columns();
    }

    @Override
    public boolean isAutoIncrement(int column) throws SQLException {
        check(column);
        return false;
    }

    @Override
    public boolean isCaseSensitive(int column) throws SQLException {
        check(column);
        return false;
    }

    @Override
    public boolean isSearchable(int column) throws SQLException {
        check(column);
        return true;
    }

    @Override
    public boolean isCurrency(int column) throws SQLException {
        check(column);
        return false;
    }

    @Override
    public int isNullable(int column) throws SQLException {
        check(column);
        return ResultSetMetaData.columnNoNulls;
    }

    @Override
    public boolean isSigned(int column) throws SQLException {
        check(column);
        return true;
    }

    @Override
    public int getColumnDisplaySize(int column) throws SQLException {
        check(column);
        return 20;
    }

    @Override
    public String getColumnLabel(int column) throws SQLException {
        return result.label(check(column));
    }

    @Override
    public String getColumnName(int column) throws SQLException {
        return result.label(check(column));
    }

    @Override
    public String getSchemaName(int column) throws SQLException {
        check(column);
        return "";
    }

    @Override
    public int getPrecision(int column) throws SQLException {
        check(column);
        return 19;
    }

    @Override
    public int getScale(int column) throws SQLException {
        check(column);
        return 0;
    }

    @Override
    public String getTableName(int column) throws SQLException {
        check(column);
        return "stub";
    }

    @Override
    public String getCatalogName(int column) throws SQLException {
        check(column);
        return "";
    }

    @Override
    public int getColumnType(int column) throws SQLException {
        check(column);
        return Types.BIGINT;
    }

    @Override
    public String getColumnTypeName(int column) throws SQLException {
        check(column);
        return "int8";
    }

    @Override
    public boolean isReadOnly(int column) throws SQLException {
        check(column);
        return true;
    }

    @Override
    public boolean isWritable(int column) throws SQLException {
        check(column);
        return false;
    }

    @Override
    public boolean isDefinitelyWritable(int column) throws SQLException {
        check(column);
        return false;
    }

    @Override
    public String getColumnClassName(int column) throws SQLException {
        check(column);
        return Long.class.getName();
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
