package io.perfkit.testkit;

import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.Array;
import java.sql.Blob;
import java.sql.CallableStatement;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.Ref;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLType;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A callable statement of {@link StubConnection}: executes like {@link StubPreparedStatement};
 * OUT parameters are accepted and read back as zero, false or null.
 */
final class StubCallableStatement extends StubPreparedStatement implements CallableStatement {

    StubCallableStatement(StubConnection connection, String sql) {
        super(connection, sql);
    }

    @Override
    public void registerOutParameter(int parameterIndex, int intValue) throws SQLException {
    }

    @Override
    public void registerOutParameter(int parameterIndex, int intValue, int intValue2) throws SQLException {
    }

    @Override
    public boolean wasNull() throws SQLException {
        return false;
    }

    @Override
    public @Nullable String getString(int parameterIndex) throws SQLException {
        return null;
    }

    @Override
    public boolean getBoolean(int parameterIndex) throws SQLException {
        return false;
    }

    @Override
    public byte getByte(int parameterIndex) throws SQLException {
        return (byte) 0;
    }

    @Override
    public short getShort(int parameterIndex) throws SQLException {
        return (short) 0;
    }

    @Override
    public int getInt(int parameterIndex) throws SQLException {
        return 0;
    }

    @Override
    public long getLong(int parameterIndex) throws SQLException {
        return 0L;
    }

    @Override
    public float getFloat(int parameterIndex) throws SQLException {
        return 0.0f;
    }

    @Override
    public double getDouble(int parameterIndex) throws SQLException {
        return 0.0;
    }

    @Deprecated
    @Override
    public @Nullable BigDecimal getBigDecimal(int parameterIndex, int intValue) throws SQLException {
        return null;
    }

    @Override
    public byte @Nullable [] getBytes(int parameterIndex) throws SQLException {
        return null;
    }

    @Override
    public @Nullable Date getDate(int parameterIndex) throws SQLException {
        return null;
    }

    @Override
    public @Nullable Time getTime(int parameterIndex) throws SQLException {
        return null;
    }

    @Override
    public @Nullable Timestamp getTimestamp(int parameterIndex) throws SQLException {
        return null;
    }

    @Override
    public @Nullable Object getObject(int parameterIndex) throws SQLException {
        return null;
    }

    @Override
    public @Nullable BigDecimal getBigDecimal(int parameterIndex) throws SQLException {
        return null;
    }

    @Override
    public @Nullable Object getObject(int parameterIndex, Map<String, Class<?>> map) throws SQLException {
        return null;
    }

    @Override
    public @Nullable Ref getRef(int parameterIndex) throws SQLException {
        return null;
    }

    @Override
    public @Nullable Blob getBlob(int parameterIndex) throws SQLException {
        return null;
    }

    @Override
    public @Nullable Clob getClob(int parameterIndex) throws SQLException {
        return null;
    }

    @Override
    public @Nullable Array getArray(int parameterIndex) throws SQLException {
        return null;
    }

    @Override
    public @Nullable Date getDate(int parameterIndex, Calendar calendar) throws SQLException {
        return null;
    }

    @Override
    public @Nullable Time getTime(int parameterIndex, Calendar calendar) throws SQLException {
        return null;
    }

    @Override
    public @Nullable Timestamp getTimestamp(int parameterIndex, Calendar calendar) throws SQLException {
        return null;
    }

    @Override
    public void registerOutParameter(int parameterIndex, int intValue, String string) throws SQLException {
    }

    @Override
    public void registerOutParameter(String parameterName, int intValue) throws SQLException {
    }

    @Override
    public void registerOutParameter(String parameterName, int intValue, int intValue2) throws SQLException {
    }

    @Override
    public void registerOutParameter(String parameterName, int intValue, String string) throws SQLException {
    }

    @Override
    public @Nullable URL getURL(int parameterIndex) throws SQLException {
        return null;
    }

    @Override
    public void setURL(String parameterName, URL uRL) throws SQLException {
    }

    @Override
    public void setNull(String parameterName, int intValue) throws SQLException {
    }

    @Override
    public void setBoolean(String parameterName, boolean flag) throws SQLException {
    }

    @Override
    public void setByte(String parameterName, byte byteValue) throws SQLException {
    }

    @Override
    public void setShort(String parameterName, short shortValue) throws SQLException {
    }

    @Override
    public void setInt(String parameterName, int intValue) throws SQLException {
    }

    @Override
    public void setLong(String parameterName, long longValue) throws SQLException {
    }

    @Override
    public void setFloat(String parameterName, float floatValue) throws SQLException {
    }

    @Override
    public void setDouble(String parameterName, double doubleValue) throws SQLException {
    }

    @Override
    public void setBigDecimal(String parameterName, BigDecimal bigDecimal) throws SQLException {
    }

    @Override
    public void setString(String parameterName, String string) throws SQLException {
    }

    @Override
    public void setBytes(String parameterName, byte[] bytes) throws SQLException {
    }

    @Override
    public void setDate(String parameterName, Date date) throws SQLException {
    }

    @Override
    public void setTime(String parameterName, Time time) throws SQLException {
    }

    @Override
    public void setTimestamp(String parameterName, Timestamp timestamp) throws SQLException {
    }

    @Override
    public void setAsciiStream(String parameterName, InputStream inputStream, int intValue) throws SQLException {
    }

    @Override
    public void setBinaryStream(String parameterName, InputStream inputStream, int intValue) throws SQLException {
    }

    @Override
    public void setObject(String parameterName, Object object, int intValue, int intValue3) throws SQLException {
    }

    @Override
    public void setObject(String parameterName, Object object, int intValue) throws SQLException {
    }

    @Override
    public void setObject(String parameterName, Object object) throws SQLException {
    }

    @Override
    public void setCharacterStream(String parameterName, Reader reader, int intValue) throws SQLException {
    }

    @Override
    public void setDate(String parameterName, Date date, Calendar calendar) throws SQLException {
    }

    @Override
    public void setTime(String parameterName, Time time, Calendar calendar) throws SQLException {
    }

    @Override
    public void setTimestamp(String parameterName, Timestamp timestamp, Calendar calendar) throws SQLException {
    }

    @Override
    public void setNull(String parameterName, int intValue, String string) throws SQLException {
    }

    @Override
    public @Nullable String getString(String parameterName) throws SQLException {
        return null;
    }

    @Override
    public boolean getBoolean(String parameterName) throws SQLException {
        return false;
    }

    @Override
    public byte getByte(String parameterName) throws SQLException {
        return (byte) 0;
    }

    @Override
    public short getShort(String parameterName) throws SQLException {
        return (short) 0;
    }

    @Override
    public int getInt(String parameterName) throws SQLException {
        return 0;
    }

    @Override
    public long getLong(String parameterName) throws SQLException {
        return 0L;
    }

    @Override
    public float getFloat(String parameterName) throws SQLException {
        return 0.0f;
    }

    @Override
    public double getDouble(String parameterName) throws SQLException {
        return 0.0;
    }

    @Override
    public byte @Nullable [] getBytes(String parameterName) throws SQLException {
        return null;
    }

    @Override
    public @Nullable Date getDate(String parameterName) throws SQLException {
        return null;
    }

    @Override
    public @Nullable Time getTime(String parameterName) throws SQLException {
        return null;
    }

    @Override
    public @Nullable Timestamp getTimestamp(String parameterName) throws SQLException {
        return null;
    }

    @Override
    public @Nullable Object getObject(String parameterName) throws SQLException {
        return null;
    }

    @Override
    public @Nullable BigDecimal getBigDecimal(String parameterName) throws SQLException {
        return null;
    }

    @Override
    public @Nullable Object getObject(String parameterName, Map<String, Class<?>> map) throws SQLException {
        return null;
    }

    @Override
    public @Nullable Ref getRef(String parameterName) throws SQLException {
        return null;
    }

    @Override
    public @Nullable Blob getBlob(String parameterName) throws SQLException {
        return null;
    }

    @Override
    public @Nullable Clob getClob(String parameterName) throws SQLException {
        return null;
    }

    @Override
    public @Nullable Array getArray(String parameterName) throws SQLException {
        return null;
    }

    @Override
    public @Nullable Date getDate(String parameterName, Calendar calendar) throws SQLException {
        return null;
    }

    @Override
    public @Nullable Time getTime(String parameterName, Calendar calendar) throws SQLException {
        return null;
    }

    @Override
    public @Nullable Timestamp getTimestamp(String parameterName, Calendar calendar) throws SQLException {
        return null;
    }

    @Override
    public @Nullable URL getURL(String parameterName) throws SQLException {
        return null;
    }

    @Override
    public @Nullable RowId getRowId(int parameterIndex) throws SQLException {
        return null;
    }

    @Override
    public @Nullable RowId getRowId(String parameterName) throws SQLException {
        return null;
    }

    @Override
    public void setRowId(String parameterName, RowId rowId) throws SQLException {
    }

    @Override
    public void setNString(String parameterName, String string) throws SQLException {
    }

    @Override
    public void setNCharacterStream(String parameterName, Reader reader, long longValue) throws SQLException {
    }

    @Override
    public void setNClob(String parameterName, NClob nClob) throws SQLException {
    }

    @Override
    public void setClob(String parameterName, Reader reader, long longValue) throws SQLException {
    }

    @Override
    public void setBlob(String parameterName, InputStream inputStream, long longValue) throws SQLException {
    }

    @Override
    public void setNClob(String parameterName, Reader reader, long longValue) throws SQLException {
    }

    @Override
    public @Nullable NClob getNClob(int parameterIndex) throws SQLException {
        return null;
    }

    @Override
    public @Nullable NClob getNClob(String parameterName) throws SQLException {
        return null;
    }

    @Override
    public void setSQLXML(String parameterName, SQLXML sQLXML) throws SQLException {
    }

    @Override
    public @Nullable SQLXML getSQLXML(int parameterIndex) throws SQLException {
        return null;
    }

    @Override
    public @Nullable SQLXML getSQLXML(String parameterName) throws SQLException {
        return null;
    }

    @Override
    public @Nullable String getNString(int parameterIndex) throws SQLException {
        return null;
    }

    @Override
    public @Nullable String getNString(String parameterName) throws SQLException {
        return null;
    }

    @Override
    public @Nullable Reader getNCharacterStream(int parameterIndex) throws SQLException {
        return null;
    }

    @Override
    public @Nullable Reader getNCharacterStream(String parameterName) throws SQLException {
        return null;
    }

    @Override
    public @Nullable Reader getCharacterStream(int parameterIndex) throws SQLException {
        return null;
    }

    @Override
    public @Nullable Reader getCharacterStream(String parameterName) throws SQLException {
        return null;
    }

    @Override
    public void setBlob(String parameterName, Blob blob) throws SQLException {
    }

    @Override
    public void setClob(String parameterName, Clob clob) throws SQLException {
    }

    @Override
    public void setAsciiStream(String parameterName, InputStream inputStream, long longValue) throws SQLException {
    }

    @Override
    public void setBinaryStream(String parameterName, InputStream inputStream, long longValue) throws SQLException {
    }

    @Override
    public void setCharacterStream(String parameterName, Reader reader, long longValue) throws SQLException {
    }

    @Override
    public void setAsciiStream(String parameterName, InputStream inputStream) throws SQLException {
    }

    @Override
    public void setBinaryStream(String parameterName, InputStream inputStream) throws SQLException {
    }

    @Override
    public void setCharacterStream(String parameterName, Reader reader) throws SQLException {
    }

    @Override
    public void setNCharacterStream(String parameterName, Reader reader) throws SQLException {
    }

    @Override
    public void setClob(String parameterName, Reader reader) throws SQLException {
    }

    @Override
    public void setBlob(String parameterName, InputStream inputStream) throws SQLException {
    }

    @Override
    public void setNClob(String parameterName, Reader reader) throws SQLException {
    }

    @Override
    public <T> @Nullable T getObject(int parameterIndex, Class<T> type) throws SQLException {
        return null;
    }

    @Override
    public <T> @Nullable T getObject(String parameterName, Class<T> type) throws SQLException {
        return null;
    }

    @Override
    public void setObject(String parameterName, Object object, SQLType sQLType, int intValue) throws SQLException {
    }

    @Override
    public void setObject(String parameterName, Object object, SQLType sQLType) throws SQLException {
    }

    @Override
    public void registerOutParameter(int parameterIndex, SQLType sQLType) throws SQLException {
    }

    @Override
    public void registerOutParameter(int parameterIndex, SQLType sQLType, int intValue) throws SQLException {
    }

    @Override
    public void registerOutParameter(int parameterIndex, SQLType sQLType, String string) throws SQLException {
    }

    @Override
    public void registerOutParameter(String parameterName, SQLType sQLType) throws SQLException {
    }

    @Override
    public void registerOutParameter(String parameterName, SQLType sQLType, int intValue) throws SQLException {
    }

    @Override
    public void registerOutParameter(String parameterName, SQLType sQLType, String string) throws SQLException {
    }
}
