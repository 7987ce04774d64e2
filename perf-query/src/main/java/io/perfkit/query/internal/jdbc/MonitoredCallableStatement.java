package io.perfkit.query.internal.jdbc;

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

/**
 * Wraps a driver {@link CallableStatement}: executions are timed as for a prepared statement; OUT parameters
 * and named IN parameters go straight to the driver.
 */
public final class MonitoredCallableStatement extends MonitoredPreparedStatement implements CallableStatement {
    private final CallableStatement cs;

    MonitoredCallableStatement(CallableStatement delegate, MonitoredConnection connection, JdbcObserver observer,
                               StatementShape shape) {
        super(delegate, connection, observer, shape);
        this.cs = delegate;
    }

    @Override
    public Array getArray(String columnLabel) throws SQLException {
        return cs.getArray(columnLabel);
    }

    @Override
    public Array getArray(int columnIndex) throws SQLException {
        return cs.getArray(columnIndex);
    }

    @Override
    public BigDecimal getBigDecimal(String columnLabel) throws SQLException {
        return cs.getBigDecimal(columnLabel);
    }

    @Override
    public BigDecimal getBigDecimal(int columnIndex) throws SQLException {
        return cs.getBigDecimal(columnIndex);
    }

    @Deprecated
    @Override
    public BigDecimal getBigDecimal(int columnIndex, int value) throws SQLException {
        return cs.getBigDecimal(columnIndex, value);
    }

    @Override
    public Blob getBlob(String columnLabel) throws SQLException {
        return cs.getBlob(columnLabel);
    }

    @Override
    public Blob getBlob(int columnIndex) throws SQLException {
        return cs.getBlob(columnIndex);
    }

    @Override
    public boolean getBoolean(String columnLabel) throws SQLException {
        return cs.getBoolean(columnLabel);
    }

    @Override
    public boolean getBoolean(int columnIndex) throws SQLException {
        return cs.getBoolean(columnIndex);
    }

    @Override
    public byte getByte(String columnLabel) throws SQLException {
        return cs.getByte(columnLabel);
    }

    @Override
    public byte getByte(int columnIndex) throws SQLException {
        return cs.getByte(columnIndex);
    }

    @Override
    public byte[] getBytes(String columnLabel) throws SQLException {
        return cs.getBytes(columnLabel);
    }

    @Override
    public byte[] getBytes(int columnIndex) throws SQLException {
        return cs.getBytes(columnIndex);
    }

    @Override
    public Reader getCharacterStream(String columnLabel) throws SQLException {
        return cs.getCharacterStream(columnLabel);
    }

    @Override
    public Reader getCharacterStream(int columnIndex) throws SQLException {
        return cs.getCharacterStream(columnIndex);
    }

    @Override
    public Clob getClob(String columnLabel) throws SQLException {
        return cs.getClob(columnLabel);
    }

    @Override
    public Clob getClob(int columnIndex) throws SQLException {
        return cs.getClob(columnIndex);
    }

    @Override
    public Date getDate(String columnLabel) throws SQLException {
        return cs.getDate(columnLabel);
    }

    @Override
    public Date getDate(String columnLabel, Calendar value) throws SQLException {
        return cs.getDate(columnLabel, value);
    }

    @Override
    public Date getDate(int columnIndex) throws SQLException {
        return cs.getDate(columnIndex);
    }

    @Override
    public Date getDate(int columnIndex, Calendar value) throws SQLException {
        return cs.getDate(columnIndex, value);
    }

    @Override
    public double getDouble(String columnLabel) throws SQLException {
        return cs.getDouble(columnLabel);
    }

    @Override
    public double getDouble(int columnIndex) throws SQLException {
        return cs.getDouble(columnIndex);
    }

    @Override
    public float getFloat(String columnLabel) throws SQLException {
        return cs.getFloat(columnLabel);
    }

    @Override
    public float getFloat(int columnIndex) throws SQLException {
        return cs.getFloat(columnIndex);
    }

    @Override
    public int getInt(String columnLabel) throws SQLException {
        return cs.getInt(columnLabel);
    }

    @Override
    public int getInt(int columnIndex) throws SQLException {
        return cs.getInt(columnIndex);
    }

    @Override
    public long getLong(String columnLabel) throws SQLException {
        return cs.getLong(columnLabel);
    }

    @Override
    public long getLong(int columnIndex) throws SQLException {
        return cs.getLong(columnIndex);
    }

    @Override
    public Reader getNCharacterStream(String columnLabel) throws SQLException {
        return cs.getNCharacterStream(columnLabel);
    }

    @Override
    public Reader getNCharacterStream(int columnIndex) throws SQLException {
        return cs.getNCharacterStream(columnIndex);
    }

    @Override
    public NClob getNClob(String columnLabel) throws SQLException {
        return cs.getNClob(columnLabel);
    }

    @Override
    public NClob getNClob(int columnIndex) throws SQLException {
        return cs.getNClob(columnIndex);
    }

    @Override
    public String getNString(String columnLabel) throws SQLException {
        return cs.getNString(columnLabel);
    }

    @Override
    public String getNString(int columnIndex) throws SQLException {
        return cs.getNString(columnIndex);
    }

    @Override
    public Object getObject(String columnLabel) throws SQLException {
        return cs.getObject(columnLabel);
    }

    @Override
    public <T> T getObject(String columnLabel, Class<T> type) throws SQLException {
        return cs.getObject(columnLabel, type);
    }

    @Override
    public Object getObject(String columnLabel, Map<String, Class<?>> value) throws SQLException {
        return cs.getObject(columnLabel, value);
    }

    @Override
    public Object getObject(int columnIndex) throws SQLException {
        return cs.getObject(columnIndex);
    }

    @Override
    public <T> T getObject(int columnIndex, Class<T> type) throws SQLException {
        return cs.getObject(columnIndex, type);
    }

    @Override
    public Object getObject(int columnIndex, Map<String, Class<?>> value) throws SQLException {
        return cs.getObject(columnIndex, value);
    }

    @Override
    public Ref getRef(String columnLabel) throws SQLException {
        return cs.getRef(columnLabel);
    }

    @Override
    public Ref getRef(int columnIndex) throws SQLException {
        return cs.getRef(columnIndex);
    }

    @Override
    public RowId getRowId(String columnLabel) throws SQLException {
        return cs.getRowId(columnLabel);
    }

    @Override
    public RowId getRowId(int columnIndex) throws SQLException {
        return cs.getRowId(columnIndex);
    }

    @Override
    public SQLXML getSQLXML(String columnLabel) throws SQLException {
        return cs.getSQLXML(columnLabel);
    }

    @Override
    public SQLXML getSQLXML(int columnIndex) throws SQLException {
        return cs.getSQLXML(columnIndex);
    }

    @Override
    public short getShort(String columnLabel) throws SQLException {
        return cs.getShort(columnLabel);
    }

    @Override
    public short getShort(int columnIndex) throws SQLException {
        return cs.getShort(columnIndex);
    }

    @Override
    public String getString(String columnLabel) throws SQLException {
        return cs.getString(columnLabel);
    }

    @Override
    public String getString(int columnIndex) throws SQLException {
        return cs.getString(columnIndex);
    }

    @Override
    public Time getTime(String columnLabel) throws SQLException {
        return cs.getTime(columnLabel);
    }

    @Override
    public Time getTime(String columnLabel, Calendar value) throws SQLException {
        return cs.getTime(columnLabel, value);
    }

    @Override
    public Time getTime(int columnIndex) throws SQLException {
        return cs.getTime(columnIndex);
    }

    @Override
    public Time getTime(int columnIndex, Calendar value) throws SQLException {
        return cs.getTime(columnIndex, value);
    }

    @Override
    public Timestamp getTimestamp(String columnLabel) throws SQLException {
        return cs.getTimestamp(columnLabel);
    }

    @Override
    public Timestamp getTimestamp(String columnLabel, Calendar value) throws SQLException {
        return cs.getTimestamp(columnLabel, value);
    }

    @Override
    public Timestamp getTimestamp(int columnIndex) throws SQLException {
        return cs.getTimestamp(columnIndex);
    }

    @Override
    public Timestamp getTimestamp(int columnIndex, Calendar value) throws SQLException {
        return cs.getTimestamp(columnIndex, value);
    }

    @Override
    public URL getURL(String columnLabel) throws SQLException {
        return cs.getURL(columnLabel);
    }

    @Override
    public URL getURL(int columnIndex) throws SQLException {
        return cs.getURL(columnIndex);
    }

    @Override
    public void registerOutParameter(String parameterName, SQLType value) throws SQLException {
        cs.registerOutParameter(parameterName, value);
    }

    @Override
    public void registerOutParameter(String parameterName, SQLType value, String arg2) throws SQLException {
        cs.registerOutParameter(parameterName, value, arg2);
    }

    @Override
    public void registerOutParameter(String parameterName, SQLType value, int arg2) throws SQLException {
        cs.registerOutParameter(parameterName, value, arg2);
    }

    @Override
    public void registerOutParameter(String parameterName, int value) throws SQLException {
        cs.registerOutParameter(parameterName, value);
    }

    @Override
    public void registerOutParameter(String parameterName, int value, String arg2) throws SQLException {
        cs.registerOutParameter(parameterName, value, arg2);
    }

    @Override
    public void registerOutParameter(String parameterName, int value, int arg2) throws SQLException {
        cs.registerOutParameter(parameterName, value, arg2);
    }

    @Override
    public void registerOutParameter(int parameterIndex, SQLType value) throws SQLException {
        cs.registerOutParameter(parameterIndex, value);
    }

    @Override
    public void registerOutParameter(int parameterIndex, SQLType value, String arg2) throws SQLException {
        cs.registerOutParameter(parameterIndex, value, arg2);
    }

    @Override
    public void registerOutParameter(int parameterIndex, SQLType value, int arg2) throws SQLException {
        cs.registerOutParameter(parameterIndex, value, arg2);
    }

    @Override
    public void registerOutParameter(int parameterIndex, int value) throws SQLException {
        cs.registerOutParameter(parameterIndex, value);
    }

    @Override
    public void registerOutParameter(int parameterIndex, int value, String arg2) throws SQLException {
        cs.registerOutParameter(parameterIndex, value, arg2);
    }

    @Override
    public void registerOutParameter(int parameterIndex, int value, int arg2) throws SQLException {
        cs.registerOutParameter(parameterIndex, value, arg2);
    }

    @Override
    public void setAsciiStream(String parameterName, InputStream value) throws SQLException {
        cs.setAsciiStream(parameterName, value);
    }

    @Override
    public void setAsciiStream(String parameterName, InputStream value, int length) throws SQLException {
        cs.setAsciiStream(parameterName, value, length);
    }

    @Override
    public void setAsciiStream(String parameterName, InputStream value, long length) throws SQLException {
        cs.setAsciiStream(parameterName, value, length);
    }

    @Override
    public void setBigDecimal(String parameterName, BigDecimal value) throws SQLException {
        cs.setBigDecimal(parameterName, value);
    }

    @Override
    public void setBinaryStream(String parameterName, InputStream value) throws SQLException {
        cs.setBinaryStream(parameterName, value);
    }

    @Override
    public void setBinaryStream(String parameterName, InputStream value, int length) throws SQLException {
        cs.setBinaryStream(parameterName, value, length);
    }

    @Override
    public void setBinaryStream(String parameterName, InputStream value, long length) throws SQLException {
        cs.setBinaryStream(parameterName, value, length);
    }

    @Override
    public void setBlob(String parameterName, Blob value) throws SQLException {
        cs.setBlob(parameterName, value);
    }

    @Override
    public void setBlob(String parameterName, InputStream value) throws SQLException {
        cs.setBlob(parameterName, value);
    }

    @Override
    public void setBlob(String parameterName, InputStream value, long length) throws SQLException {
        cs.setBlob(parameterName, value, length);
    }

    @Override
    public void setBoolean(String parameterName, boolean value) throws SQLException {
        cs.setBoolean(parameterName, value);
    }

    @Override
    public void setByte(String parameterName, byte value) throws SQLException {
        cs.setByte(parameterName, value);
    }

    @Override
    public void setBytes(String parameterName, byte[] value) throws SQLException {
        cs.setBytes(parameterName, value);
    }

    @Override
    public void setCharacterStream(String parameterName, Reader value) throws SQLException {
        cs.setCharacterStream(parameterName, value);
    }

    @Override
    public void setCharacterStream(String parameterName, Reader value, int length) throws SQLException {
        cs.setCharacterStream(parameterName, value, length);
    }

    @Override
    public void setCharacterStream(String parameterName, Reader value, long length) throws SQLException {
        cs.setCharacterStream(parameterName, value, length);
    }

    @Override
    public void setClob(String parameterName, Clob value) throws SQLException {
        cs.setClob(parameterName, value);
    }

    @Override
    public void setClob(String parameterName, Reader value) throws SQLException {
        cs.setClob(parameterName, value);
    }

    @Override
    public void setClob(String parameterName, Reader value, long length) throws SQLException {
        cs.setClob(parameterName, value, length);
    }

    @Override
    public void setDate(String parameterName, Date value) throws SQLException {
        cs.setDate(parameterName, value);
    }

    @Override
    public void setDate(String parameterName, Date value, Calendar arg2) throws SQLException {
        cs.setDate(parameterName, value, arg2);
    }

    @Override
    public void setDouble(String parameterName, double value) throws SQLException {
        cs.setDouble(parameterName, value);
    }

    @Override
    public void setFloat(String parameterName, float value) throws SQLException {
        cs.setFloat(parameterName, value);
    }

    @Override
    public void setInt(String parameterName, int value) throws SQLException {
        cs.setInt(parameterName, value);
    }

    @Override
    public void setLong(String parameterName, long value) throws SQLException {
        cs.setLong(parameterName, value);
    }

    @Override
    public void setNCharacterStream(String parameterName, Reader value) throws SQLException {
        cs.setNCharacterStream(parameterName, value);
    }

    @Override
    public void setNCharacterStream(String parameterName, Reader value, long length) throws SQLException {
        cs.setNCharacterStream(parameterName, value, length);
    }

    @Override
    public void setNClob(String parameterName, NClob value) throws SQLException {
        cs.setNClob(parameterName, value);
    }

    @Override
    public void setNClob(String parameterName, Reader value) throws SQLException {
        cs.setNClob(parameterName, value);
    }

    @Override
    public void setNClob(String parameterName, Reader value, long length) throws SQLException {
        cs.setNClob(parameterName, value, length);
    }

    @Override
    public void setNString(String parameterName, String value) throws SQLException {
        cs.setNString(parameterName, value);
    }

    @Override
    public void setNull(String parameterName, int value) throws SQLException {
        cs.setNull(parameterName, value);
    }

    @Override
    public void setNull(String parameterName, int value, String arg2) throws SQLException {
        cs.setNull(parameterName, value, arg2);
    }

    @Override
    public void setObject(String parameterName, Object value) throws SQLException {
        cs.setObject(parameterName, value);
    }

    @Override
    public void setObject(String parameterName, Object value, SQLType arg2) throws SQLException {
        cs.setObject(parameterName, value, arg2);
    }

    @Override
    public void setObject(String parameterName, Object value, SQLType arg2, int arg3) throws SQLException {
        cs.setObject(parameterName, value, arg2, arg3);
    }

    @Override
    public void setObject(String parameterName, Object value, int arg2) throws SQLException {
        cs.setObject(parameterName, value, arg2);
    }

    @Override
    public void setObject(String parameterName, Object value, int arg2, int arg3) throws SQLException {
        cs.setObject(parameterName, value, arg2, arg3);
    }

    @Override
    public void setRowId(String parameterName, RowId value) throws SQLException {
        cs.setRowId(parameterName, value);
    }

    @Override
    public void setSQLXML(String parameterName, SQLXML value) throws SQLException {
        cs.setSQLXML(parameterName, value);
    }

    @Override
    public void setShort(String parameterName, short value) throws SQLException {
        cs.setShort(parameterName, value);
    }

    @Override
    public void setString(String parameterName, String value) throws SQLException {
        cs.setString(parameterName, value);
    }

    @Override
    public void setTime(String parameterName, Time value) throws SQLException {
        cs.setTime(parameterName, value);
    }

    @Override
    public void setTime(String parameterName, Time value, Calendar arg2) throws SQLException {
        cs.setTime(parameterName, value, arg2);
    }

    @Override
    public void setTimestamp(String parameterName, Timestamp value) throws SQLException {
        cs.setTimestamp(parameterName, value);
    }

    @Override
    public void setTimestamp(String parameterName, Timestamp value, Calendar arg2) throws SQLException {
        cs.setTimestamp(parameterName, value, arg2);
    }

    @Override
    public void setURL(String parameterName, URL value) throws SQLException {
        cs.setURL(parameterName, value);
    }

    @Override
    public boolean wasNull() throws SQLException {
        return cs.wasNull();
    }
}
