package io.perfkit.query.internal.jdbc;

import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLType;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;

/**
 * Wraps a driver {@link PreparedStatement}: the shape is resolved once, when the statement is prepared, so an
 * execution costs two clock reads and the observer's bookkeeping; bound values are kept (never printed) to
 * tell an N+1 loop from a duplicate and to replay a slow query into {@code EXPLAIN}.
 */
public class MonitoredPreparedStatement extends MonitoredStatement implements PreparedStatement {
    private final PreparedStatement ps;
    final StatementShape shape;
    final ParameterLog params = new ParameterLog();
    private int preparedBatch;

    MonitoredPreparedStatement(PreparedStatement delegate, MonitoredConnection connection, JdbcObserver observer,
                               StatementShape shape) {
        super(delegate, connection, observer);
        this.ps = delegate;
        this.shape = shape;
        this.lastShape = shape;
    }

    @Override
    public ResultSet executeQuery() throws SQLException {
        long start = System.nanoTime();
        ResultSet rs;
        try {
            rs = ps.executeQuery();
        } catch (SQLException e) {
            observer.executed(shape, params, 0, System.nanoTime() - start, e);
            throw e;
        }
        observer.executed(shape, params, 0, System.nanoTime() - start, null);
        lastShape = shape;
        return wrap(rs, shape);
    }

    @Override
    public boolean execute() throws SQLException {
        long start = System.nanoTime();
        boolean result;
        try {
            result = ps.execute();
        } catch (SQLException e) {
            observer.executed(shape, params, 0, System.nanoTime() - start, e);
            throw e;
        }
        observer.executed(shape, params, 0, System.nanoTime() - start, null);
        lastShape = shape;
        return result;
    }

    @Override
    public int executeUpdate() throws SQLException {
        long start = System.nanoTime();
        int result;
        try {
            result = ps.executeUpdate();
        } catch (SQLException e) {
            observer.executed(shape, params, 0, System.nanoTime() - start, e);
            throw e;
        }
        observer.executed(shape, params, 0, System.nanoTime() - start, null);
        lastShape = shape;
        return result;
    }

    @Override
    public long executeLargeUpdate() throws SQLException {
        long start = System.nanoTime();
        long result;
        try {
            result = ps.executeLargeUpdate();
        } catch (SQLException e) {
            observer.executed(shape, params, 0, System.nanoTime() - start, e);
            throw e;
        }
        observer.executed(shape, params, 0, System.nanoTime() - start, null);
        lastShape = shape;
        return result;
    }

    @Override
    public void addBatch() throws SQLException {
        ps.addBatch();
        preparedBatch++;
    }

    @Override
    public void clearBatch() throws SQLException {
        super.clearBatch();
        preparedBatch = 0;
    }

    @Override
    public int[] executeBatch() throws SQLException {
        if (batchCount > 0) {
            return super.executeBatch(); // addBatch(String) on a prepared statement: the driver decides
        }
        int size = preparedBatch;
        preparedBatch = 0;
        long start = System.nanoTime();
        int[] result;
        try {
            result = ps.executeBatch();
        } catch (SQLException e) {
            observer.executed(shape, params, Math.max(1, size), System.nanoTime() - start, e);
            throw e;
        }
        observer.executed(shape, params, Math.max(1, size), System.nanoTime() - start, null);
        return result;
    }

    @Override
    public long[] executeLargeBatch() throws SQLException {
        if (batchCount > 0) {
            return super.executeLargeBatch();
        }
        int size = preparedBatch;
        preparedBatch = 0;
        long start = System.nanoTime();
        long[] result;
        try {
            result = ps.executeLargeBatch();
        } catch (SQLException e) {
            observer.executed(shape, params, Math.max(1, size), System.nanoTime() - start, e);
            throw e;
        }
        observer.executed(shape, params, Math.max(1, size), System.nanoTime() - start, null);
        return result;
    }

    @Override
    public void clearParameters() throws SQLException {
        ps.clearParameters();
        params.clear();
    }

    @Override
    public ResultSetMetaData getMetaData() throws SQLException {
        return ps.getMetaData();
    }

    @Override
    public ParameterMetaData getParameterMetaData() throws SQLException {
        return ps.getParameterMetaData();
    }

    @Override
    public void setArray(int parameterIndex, Array value) throws SQLException {
        ps.setArray(parameterIndex, value);
        params.setObject(parameterIndex, value);
    }

    @Override
    public void setAsciiStream(int parameterIndex, InputStream value) throws SQLException {
        ps.setAsciiStream(parameterIndex, value);
        params.setOpaque(parameterIndex);
    }

    @Override
    public void setAsciiStream(int parameterIndex, InputStream value, int length) throws SQLException {
        ps.setAsciiStream(parameterIndex, value, length);
        params.setOpaque(parameterIndex);
    }

    @Override
    public void setAsciiStream(int parameterIndex, InputStream value, long length) throws SQLException {
        ps.setAsciiStream(parameterIndex, value, length);
        params.setOpaque(parameterIndex);
    }

    @Override
    public void setBigDecimal(int parameterIndex, BigDecimal value) throws SQLException {
        ps.setBigDecimal(parameterIndex, value);
        params.setObject(parameterIndex, value);
    }

    @Override
    public void setBinaryStream(int parameterIndex, InputStream value) throws SQLException {
        ps.setBinaryStream(parameterIndex, value);
        params.setOpaque(parameterIndex);
    }

    @Override
    public void setBinaryStream(int parameterIndex, InputStream value, int length) throws SQLException {
        ps.setBinaryStream(parameterIndex, value, length);
        params.setOpaque(parameterIndex);
    }

    @Override
    public void setBinaryStream(int parameterIndex, InputStream value, long length) throws SQLException {
        ps.setBinaryStream(parameterIndex, value, length);
        params.setOpaque(parameterIndex);
    }

    @Override
    public void setBlob(int parameterIndex, Blob value) throws SQLException {
        ps.setBlob(parameterIndex, value);
        params.setOpaque(parameterIndex);
    }

    @Override
    public void setBlob(int parameterIndex, InputStream value) throws SQLException {
        ps.setBlob(parameterIndex, value);
        params.setOpaque(parameterIndex);
    }

    @Override
    public void setBlob(int parameterIndex, InputStream value, long length) throws SQLException {
        ps.setBlob(parameterIndex, value, length);
        params.setOpaque(parameterIndex);
    }

    @Override
    public void setBoolean(int parameterIndex, boolean value) throws SQLException {
        ps.setBoolean(parameterIndex, value);
        params.setLong(parameterIndex, ParameterLog.BOOLEAN, value ? 1L : 0L);
    }

    @Override
    public void setByte(int parameterIndex, byte value) throws SQLException {
        ps.setByte(parameterIndex, value);
        params.setLong(parameterIndex, ParameterLog.BYTE, value);
    }

    @Override
    public void setBytes(int parameterIndex, byte[] value) throws SQLException {
        ps.setBytes(parameterIndex, value);
        params.setObject(parameterIndex, value);
    }

    @Override
    public void setCharacterStream(int parameterIndex, Reader value) throws SQLException {
        ps.setCharacterStream(parameterIndex, value);
        params.setOpaque(parameterIndex);
    }

    @Override
    public void setCharacterStream(int parameterIndex, Reader value, int length) throws SQLException {
        ps.setCharacterStream(parameterIndex, value, length);
        params.setOpaque(parameterIndex);
    }

    @Override
    public void setCharacterStream(int parameterIndex, Reader value, long length) throws SQLException {
        ps.setCharacterStream(parameterIndex, value, length);
        params.setOpaque(parameterIndex);
    }

    @Override
    public void setClob(int parameterIndex, Clob value) throws SQLException {
        ps.setClob(parameterIndex, value);
        params.setOpaque(parameterIndex);
    }

    @Override
    public void setClob(int parameterIndex, Reader value) throws SQLException {
        ps.setClob(parameterIndex, value);
        params.setOpaque(parameterIndex);
    }

    @Override
    public void setClob(int parameterIndex, Reader value, long length) throws SQLException {
        ps.setClob(parameterIndex, value, length);
        params.setOpaque(parameterIndex);
    }

    @Override
    public void setDate(int parameterIndex, Date value) throws SQLException {
        ps.setDate(parameterIndex, value);
        params.setObject(parameterIndex, value);
    }

    @Override
    public void setDate(int parameterIndex, Date value, Calendar arg2) throws SQLException {
        ps.setDate(parameterIndex, value, arg2);
        params.setOpaque(parameterIndex);
    }

    @Override
    public void setDouble(int parameterIndex, double value) throws SQLException {
        ps.setDouble(parameterIndex, value);
        params.setLong(parameterIndex, ParameterLog.DOUBLE, Double.doubleToRawLongBits(value));
    }

    @Override
    public void setFloat(int parameterIndex, float value) throws SQLException {
        ps.setFloat(parameterIndex, value);
        params.setLong(parameterIndex, ParameterLog.FLOAT, Float.floatToRawIntBits(value));
    }

    @Override
    public void setInt(int parameterIndex, int value) throws SQLException {
        ps.setInt(parameterIndex, value);
        params.setLong(parameterIndex, ParameterLog.INT, value);
    }

    @Override
    public void setLong(int parameterIndex, long value) throws SQLException {
        ps.setLong(parameterIndex, value);
        params.setLong(parameterIndex, ParameterLog.LONG, value);
    }

    @Override
    public void setNCharacterStream(int parameterIndex, Reader value) throws SQLException {
        ps.setNCharacterStream(parameterIndex, value);
        params.setOpaque(parameterIndex);
    }

    @Override
    public void setNCharacterStream(int parameterIndex, Reader value, long length) throws SQLException {
        ps.setNCharacterStream(parameterIndex, value, length);
        params.setOpaque(parameterIndex);
    }

    @Override
    public void setNClob(int parameterIndex, NClob value) throws SQLException {
        ps.setNClob(parameterIndex, value);
        params.setOpaque(parameterIndex);
    }

    @Override
    public void setNClob(int parameterIndex, Reader value) throws SQLException {
        ps.setNClob(parameterIndex, value);
        params.setOpaque(parameterIndex);
    }

    @Override
    public void setNClob(int parameterIndex, Reader value, long length) throws SQLException {
        ps.setNClob(parameterIndex, value, length);
        params.setOpaque(parameterIndex);
    }

    @Override
    public void setNString(int parameterIndex, String value) throws SQLException {
        ps.setNString(parameterIndex, value);
        params.setObject(parameterIndex, value);
    }

    @Override
    public void setNull(int parameterIndex, int value) throws SQLException {
        ps.setNull(parameterIndex, value);
        params.setNull(parameterIndex, value);
    }

    @Override
    public void setNull(int parameterIndex, int value, String arg2) throws SQLException {
        ps.setNull(parameterIndex, value, arg2);
        params.setNull(parameterIndex, value);
    }

    @Override
    public void setObject(int parameterIndex, Object value) throws SQLException {
        ps.setObject(parameterIndex, value);
        params.setObject(parameterIndex, value);
    }

    @Override
    public void setObject(int parameterIndex, Object value, SQLType arg2) throws SQLException {
        ps.setObject(parameterIndex, value, arg2);
        params.setOpaque(parameterIndex);
    }

    @Override
    public void setObject(int parameterIndex, Object value, SQLType arg2, int arg3) throws SQLException {
        ps.setObject(parameterIndex, value, arg2, arg3);
        params.setOpaque(parameterIndex);
    }

    @Override
    public void setObject(int parameterIndex, Object value, int arg2) throws SQLException {
        ps.setObject(parameterIndex, value, arg2);
        params.setObjectTyped(parameterIndex, value, arg2);
    }

    @Override
    public void setObject(int parameterIndex, Object value, int arg2, int arg3) throws SQLException {
        ps.setObject(parameterIndex, value, arg2, arg3);
        params.setOpaque(parameterIndex);
    }

    @Override
    public void setRef(int parameterIndex, Ref value) throws SQLException {
        ps.setRef(parameterIndex, value);
        params.setObject(parameterIndex, value);
    }

    @Override
    public void setRowId(int parameterIndex, RowId value) throws SQLException {
        ps.setRowId(parameterIndex, value);
        params.setObject(parameterIndex, value);
    }

    @Override
    public void setSQLXML(int parameterIndex, SQLXML value) throws SQLException {
        ps.setSQLXML(parameterIndex, value);
        params.setOpaque(parameterIndex);
    }

    @Override
    public void setShort(int parameterIndex, short value) throws SQLException {
        ps.setShort(parameterIndex, value);
        params.setLong(parameterIndex, ParameterLog.SHORT, value);
    }

    @Override
    public void setString(int parameterIndex, String value) throws SQLException {
        ps.setString(parameterIndex, value);
        params.setObject(parameterIndex, value);
    }

    @Override
    public void setTime(int parameterIndex, Time value) throws SQLException {
        ps.setTime(parameterIndex, value);
        params.setObject(parameterIndex, value);
    }

    @Override
    public void setTime(int parameterIndex, Time value, Calendar arg2) throws SQLException {
        ps.setTime(parameterIndex, value, arg2);
        params.setOpaque(parameterIndex);
    }

    @Override
    public void setTimestamp(int parameterIndex, Timestamp value) throws SQLException {
        ps.setTimestamp(parameterIndex, value);
        params.setObject(parameterIndex, value);
    }

    @Override
    public void setTimestamp(int parameterIndex, Timestamp value, Calendar arg2) throws SQLException {
        ps.setTimestamp(parameterIndex, value, arg2);
        params.setOpaque(parameterIndex);
    }

    @Override
    public void setURL(int parameterIndex, URL value) throws SQLException {
        ps.setURL(parameterIndex, value);
        params.setObject(parameterIndex, value);
    }

    @Deprecated
    @Override
    public void setUnicodeStream(int parameterIndex, InputStream value, int length) throws SQLException {
        ps.setUnicodeStream(parameterIndex, value, length);
        params.setOpaque(parameterIndex);
    }
}
