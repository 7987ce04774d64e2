package io.perfkit.testkit;

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
 * A prepared statement of {@link StubConnection}: parameters are accepted and dropped (keeping
 * them would allocate on the measured path); whether it returns rows is decided once, from its
 * SQL, when it is prepared.
 */
class StubPreparedStatement extends StubStatement implements PreparedStatement {

    private final boolean query;

    StubPreparedStatement(StubConnection connection, String sql) {
        super(connection);
        this.query = isQuery(sql);
    }

    @Override
    public ResultSet executeQuery() throws SQLException {
        return query();
    }

    @Override
    public int executeUpdate() throws SQLException {
        return update();
    }

    @Override
    public void setNull(int parameterIndex, int intValue) throws SQLException {
    }

    @Override
    public void setBoolean(int parameterIndex, boolean flag) throws SQLException {
    }

    @Override
    public void setByte(int parameterIndex, byte byteValue) throws SQLException {
    }

    @Override
    public void setShort(int parameterIndex, short shortValue) throws SQLException {
    }

    @Override
    public void setInt(int parameterIndex, int intValue) throws SQLException {
    }

    @Override
    public void setLong(int parameterIndex, long longValue) throws SQLException {
    }

    @Override
    public void setFloat(int parameterIndex, float floatValue) throws SQLException {
    }

    @Override
    public void setDouble(int parameterIndex, double doubleValue) throws SQLException {
    }

    @Override
    public void setBigDecimal(int parameterIndex, BigDecimal bigDecimal) throws SQLException {
    }

    @Override
    public void setString(int parameterIndex, String string) throws SQLException {
    }

    @Override
    public void setBytes(int parameterIndex, byte[] bytes) throws SQLException {
    }

    @Override
    public void setDate(int parameterIndex, Date date) throws SQLException {
    }

    @Override
    public void setTime(int parameterIndex, Time time) throws SQLException {
    }

    @Override
    public void setTimestamp(int parameterIndex, Timestamp timestamp) throws SQLException {
    }

    @Override
    public void setAsciiStream(int parameterIndex, InputStream inputStream, int intValue) throws SQLException {
    }

    @Deprecated
    @Override
    public void setUnicodeStream(int parameterIndex, InputStream inputStream, int intValue) throws SQLException {
    }

    @Override
    public void setBinaryStream(int parameterIndex, InputStream inputStream, int intValue) throws SQLException {
    }

    @Override
    public void clearParameters() throws SQLException {
    }

    @Override
    public void setObject(int parameterIndex, Object object, int intValue) throws SQLException {
    }

    @Override
    public void setObject(int parameterIndex, Object object) throws SQLException {
    }

    @Override
    public boolean execute() throws SQLException {
        return execute(query);
    }

    @Override
    public void addBatch() throws SQLException {
        addToBatch();
    }

    @Override
    public void setCharacterStream(int parameterIndex, Reader reader, int intValue) throws SQLException {
    }

    @Override
    public void setRef(int parameterIndex, Ref ref) throws SQLException {
    }

    @Override
    public void setBlob(int parameterIndex, Blob blob) throws SQLException {
    }

    @Override
    public void setClob(int parameterIndex, Clob clob) throws SQLException {
    }

    @Override
    public void setArray(int parameterIndex, Array array) throws SQLException {
    }

    @Override
    public ResultSetMetaData getMetaData() throws SQLException {
        return connection.dataSource().result().metaData();
    }

    @Override
    public void setDate(int parameterIndex, Date date, Calendar calendar) throws SQLException {
    }

    @Override
    public void setTime(int parameterIndex, Time time, Calendar calendar) throws SQLException {
    }

    @Override
    public void setTimestamp(int parameterIndex, Timestamp timestamp, Calendar calendar) throws SQLException {
    }

    @Override
    public void setNull(int parameterIndex, int intValue, String string) throws SQLException {
    }

    @Override
    public void setURL(int parameterIndex, URL uRL) throws SQLException {
    }

    @Override
    public ParameterMetaData getParameterMetaData() throws SQLException {
        return new StubParameterMetaData();
    }

    @Override
    public void setRowId(int parameterIndex, RowId rowId) throws SQLException {
    }

    @Override
    public void setNString(int parameterIndex, String string) throws SQLException {
    }

    @Override
    public void setNCharacterStream(int parameterIndex, Reader reader, long longValue) throws SQLException {
    }

    @Override
    public void setNClob(int parameterIndex, NClob nClob) throws SQLException {
    }

    @Override
    public void setClob(int parameterIndex, Reader reader, long longValue) throws SQLException {
    }

    @Override
    public void setBlob(int parameterIndex, InputStream inputStream, long longValue) throws SQLException {
    }

    @Override
    public void setNClob(int parameterIndex, Reader reader, long longValue) throws SQLException {
    }

    @Override
    public void setSQLXML(int parameterIndex, SQLXML sQLXML) throws SQLException {
    }

    @Override
    public void setObject(int parameterIndex, Object object, int intValue, int intValue3) throws SQLException {
    }

    @Override
    public void setAsciiStream(int parameterIndex, InputStream inputStream, long longValue) throws SQLException {
    }

    @Override
    public void setBinaryStream(int parameterIndex, InputStream inputStream, long longValue) throws SQLException {
    }

    @Override
    public void setCharacterStream(int parameterIndex, Reader reader, long longValue) throws SQLException {
    }

    @Override
    public void setAsciiStream(int parameterIndex, InputStream inputStream) throws SQLException {
    }

    @Override
    public void setBinaryStream(int parameterIndex, InputStream inputStream) throws SQLException {
    }

    @Override
    public void setCharacterStream(int parameterIndex, Reader reader) throws SQLException {
    }

    @Override
    public void setNCharacterStream(int parameterIndex, Reader reader) throws SQLException {
    }

    @Override
    public void setClob(int parameterIndex, Reader reader) throws SQLException {
    }

    @Override
    public void setBlob(int parameterIndex, InputStream inputStream) throws SQLException {
    }

    @Override
    public void setNClob(int parameterIndex, Reader reader) throws SQLException {
    }

    @Override
    public void setObject(int parameterIndex, Object object, SQLType sQLType, int intValue) throws SQLException {
    }

    @Override
    public void setObject(int parameterIndex, Object object, SQLType sQLType) throws SQLException {
    }

    @Override
    public long executeLargeUpdate() throws SQLException {
        return update();
    }
}
