package io.perfkit.testkit;

import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLType;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The canned result of {@link StubDataSource}: {@code rows} rows of {@code columns} BIGINT columns
 * labelled {@code c1}, {@code c2}, ...; every cell of row <i>n</i> (1-based) holds <i>n</i>.
 * Strings and boxed values come precomputed from {@link CannedResult}, so reading allocates
 * nothing. Date, time, stream and LOB getters return null; updaters do nothing.
 */
final class StubResultSet implements ResultSet {

    private final CannedResult result;
    private final Statement statement;
    private int row;
    private boolean closed;
    private int fetchDirection = ResultSet.FETCH_FORWARD;
    private int fetchSize;

    StubResultSet(CannedResult result, Statement statement) {
        this.result = result;
        this.statement = statement;
    }

    /** Rewinds for the next execution of the owning statement. */
    StubResultSet reset() {
        row = 0;
        closed = false;
        return this;
    }

    private void checkOpen() throws SQLException {
        if (closed) {
            throw new SQLException("ResultSet is closed", "24000");
        }
    }

    /** The value of the cell, which is the current row number; checks what a driver checks. */
    private int cell(int columnIndex) throws SQLException {
        checkOpen();
        if (row < 1 || row > result.rows()) {
            throw new SQLException("No current row: call next() first", "24000");
        }
        if (columnIndex < 1 || columnIndex > result.columns()) {
            throw new SQLException("Column index out of range: " + columnIndex, "22023");
        }
        return row;
    }

    @Override
    public boolean next() throws SQLException {
        checkOpen();
        if (row <= result.rows()) {
            row++;
        }
        return row <= result.rows();
    }

    @Override
    public void close() throws SQLException {
        closed = true;
    }

    @Override
    public boolean wasNull() throws SQLException {
        return false;
    }

    @Override
    public String getString(int columnIndex) throws SQLException {
        return result.text(cell(columnIndex));
    }

    @Override
    public boolean getBoolean(int columnIndex) throws SQLException {
        return cell(columnIndex) != 0;
    }

    @Override
    public byte getByte(int columnIndex) throws SQLException {
        return (byte) cell(columnIndex);
    }

    @Override
    public short getShort(int columnIndex) throws SQLException {
        return (short) cell(columnIndex);
    }

    @Override
    public int getInt(int columnIndex) throws SQLException {
        return cell(columnIndex);
    }

    @Override
    public long getLong(int columnIndex) throws SQLException {
        return cell(columnIndex);
    }

    @Override
    public float getFloat(int columnIndex) throws SQLException {
        return cell(columnIndex);
    }

    @Override
    public double getDouble(int columnIndex) throws SQLException {
        return cell(columnIndex);
    }

    @Deprecated
    @Override
    public BigDecimal getBigDecimal(int columnIndex, int intValue) throws SQLException {
        return BigDecimal.valueOf(cell(columnIndex)).setScale(intValue, RoundingMode.HALF_UP);
    }

    @Override
    public byte[] getBytes(int columnIndex) throws SQLException {
        return result.text(cell(columnIndex)).getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public @Nullable Date getDate(int columnIndex) throws SQLException {
        return null;
    }

    @Override
    public @Nullable Time getTime(int columnIndex) throws SQLException {
        return null;
    }

    @Override
    public @Nullable Timestamp getTimestamp(int columnIndex) throws SQLException {
        return null;
    }

    @Override
    public @Nullable InputStream getAsciiStream(int columnIndex) throws SQLException {
        return null;
    }

    @Deprecated
    @Override
    public @Nullable InputStream getUnicodeStream(int columnIndex) throws SQLException {
        return null;
    }

    @Override
    public @Nullable InputStream getBinaryStream(int columnIndex) throws SQLException {
        return null;
    }

    @Override
    public String getString(String columnLabel) throws SQLException {
        return getString(findColumn(columnLabel));
    }

    @Override
    public boolean getBoolean(String columnLabel) throws SQLException {
        return getBoolean(findColumn(columnLabel));
    }

    @Override
    public byte getByte(String columnLabel) throws SQLException {
        return getByte(findColumn(columnLabel));
    }

    @Override
    public short getShort(String columnLabel) throws SQLException {
        return getShort(findColumn(columnLabel));
    }

    @Override
    public int getInt(String columnLabel) throws SQLException {
        return getInt(findColumn(columnLabel));
    }

    @Override
    public long getLong(String columnLabel) throws SQLException {
        return getLong(findColumn(columnLabel));
    }

    @Override
    public float getFloat(String columnLabel) throws SQLException {
        return getFloat(findColumn(columnLabel));
    }

    @Override
    public double getDouble(String columnLabel) throws SQLException {
        return getDouble(findColumn(columnLabel));
    }

    @Deprecated
    @Override
    public BigDecimal getBigDecimal(String columnLabel, int intValue) throws SQLException {
        return getBigDecimal(findColumn(columnLabel), intValue);
    }

    @Override
    public byte[] getBytes(String columnLabel) throws SQLException {
        return getBytes(findColumn(columnLabel));
    }

    @Override
    public @Nullable Date getDate(String columnLabel) throws SQLException {
        return getDate(findColumn(columnLabel));
    }

    @Override
    public @Nullable Time getTime(String columnLabel) throws SQLException {
        return getTime(findColumn(columnLabel));
    }

    @Override
    public @Nullable Timestamp getTimestamp(String columnLabel) throws SQLException {
        return getTimestamp(findColumn(columnLabel));
    }

    @Override
    public @Nullable InputStream getAsciiStream(String columnLabel) throws SQLException {
        return getAsciiStream(findColumn(columnLabel));
    }

    @Deprecated
    @Override
    public @Nullable InputStream getUnicodeStream(String columnLabel) throws SQLException {
        return getUnicodeStream(findColumn(columnLabel));
    }

    @Override
    public @Nullable InputStream getBinaryStream(String columnLabel) throws SQLException {
        return getBinaryStream(findColumn(columnLabel));
    }

    @Override
    public @Nullable SQLWarning getWarnings() throws SQLException {
        return null;
    }

    @Override
    public void clearWarnings() throws SQLException {
    }

    @Override
    public String getCursorName() throws SQLException {
        return "stub";
    }

    @Override
    public ResultSetMetaData getMetaData() throws SQLException {
        return result.metaData();
    }

    @Override
    public Object getObject(int columnIndex) throws SQLException {
        return result.boxed(cell(columnIndex));
    }

    @Override
    public Object getObject(String columnLabel) throws SQLException {
        return getObject(findColumn(columnLabel));
    }

    @Override
    public int findColumn(String columnLabel) throws SQLException {
        return result.findColumn(columnLabel);
    }

    @Override
    public @Nullable Reader getCharacterStream(int columnIndex) throws SQLException {
        return null;
    }

    @Override
    public @Nullable Reader getCharacterStream(String columnLabel) throws SQLException {
        return getCharacterStream(findColumn(columnLabel));
    }

    @Override
    public BigDecimal getBigDecimal(int columnIndex) throws SQLException {
        return BigDecimal.valueOf(cell(columnIndex));
    }

    @Override
    public BigDecimal getBigDecimal(String columnLabel) throws SQLException {
        return getBigDecimal(findColumn(columnLabel));
    }

    @Override
    public boolean isBeforeFirst() throws SQLException {
        return row == 0 && result.rows() > 0;
    }

    @Override
    public boolean isAfterLast() throws SQLException {
        return row > result.rows() && result.rows() > 0;
    }

    @Override
    public boolean isFirst() throws SQLException {
        return row == 1 && result.rows() > 0;
    }

    @Override
    public boolean isLast() throws SQLException {
        return row == result.rows() && row > 0;
    }

    @Override
    public void beforeFirst() throws SQLException {
        row = 0;
    }

    @Override
    public void afterLast() throws SQLException {
        row = result.rows() + 1;
    }

    @Override
    public boolean first() throws SQLException {
        return absolute(1);
    }

    @Override
    public boolean last() throws SQLException {
        return absolute(-1);
    }

    @Override
    public int getRow() throws SQLException {
        return row >= 1 && row <= result.rows() ? row : 0;
    }

    @Override
    public boolean absolute(int intValue) throws SQLException {
        int rows = result.rows();
        int target = intValue >= 0 ? intValue : rows + 1 + intValue;
        row = Math.max(0, Math.min(rows + 1, target));
        return row >= 1 && row <= rows;
    }

    @Override
    public boolean relative(int intValue) throws SQLException {
        return absolute(Math.max(0, row + intValue));
    }

    @Override
    public boolean previous() throws SQLException {
        if (row > 0) {
            row--;
        }
        return row >= 1;
    }

    @Override
    public void setFetchDirection(int intValue) throws SQLException {
        this.fetchDirection = intValue;
    }

    @Override
    public int getFetchDirection() throws SQLException {
        return fetchDirection;
    }

    @Override
    public void setFetchSize(int intValue) throws SQLException {
        this.fetchSize = intValue;
    }

    @Override
    public int getFetchSize() throws SQLException {
        return fetchSize;
    }

    @Override
    public int getType() throws SQLException {
        return ResultSet.TYPE_FORWARD_ONLY;
    }

    @Override
    public int getConcurrency() throws SQLException {
        return ResultSet.CONCUR_READ_ONLY;
    }

    @Override
    public boolean rowUpdated() throws SQLException {
        return false;
    }

    @Override
    public boolean rowInserted() throws SQLException {
        return false;
    }

    @Override
    public boolean rowDeleted() throws SQLException {
        return false;
    }

    @Override
    public void updateNull(int columnIndex) throws SQLException {
    }

    @Override
    public void updateBoolean(int columnIndex, boolean flag) throws SQLException {
    }

    @Override
    public void updateByte(int columnIndex, byte byteValue) throws SQLException {
    }

    @Override
    public void updateShort(int columnIndex, short shortValue) throws SQLException {
    }

    @Override
    public void updateInt(int columnIndex, int intValue) throws SQLException {
    }

    @Override
    public void updateLong(int columnIndex, long longValue) throws SQLException {
    }

    @Override
    public void updateFloat(int columnIndex, float floatValue) throws SQLException {
    }

    @Override
    public void updateDouble(int columnIndex, double doubleValue) throws SQLException {
    }

    @Override
    public void updateBigDecimal(int columnIndex, BigDecimal bigDecimal) throws SQLException {
    }

    @Override
    public void updateString(int columnIndex, String string) throws SQLException {
    }

    @Override
    public void updateBytes(int columnIndex, byte[] bytes) throws SQLException {
    }

    @Override
    public void updateDate(int columnIndex, Date date) throws SQLException {
    }

    @Override
    public void updateTime(int columnIndex, Time time) throws SQLException {
    }

    @Override
    public void updateTimestamp(int columnIndex, Timestamp timestamp) throws SQLException {
    }

    @Override
    public void updateAsciiStream(int columnIndex, InputStream inputStream, int intValue) throws SQLException {
    }

    @Override
    public void updateBinaryStream(int columnIndex, InputStream inputStream, int intValue) throws SQLException {
    }

    @Override
    public void updateCharacterStream(int columnIndex, Reader reader, int intValue) throws SQLException {
    }

    @Override
    public void updateObject(int columnIndex, Object object, int intValue) throws SQLException {
    }

    @Override
    public void updateObject(int columnIndex, Object object) throws SQLException {
    }

    @Override
    public void updateNull(String columnLabel) throws SQLException {
        updateNull(findColumn(columnLabel));
    }

    @Override
    public void updateBoolean(String columnLabel, boolean flag) throws SQLException {
        updateBoolean(findColumn(columnLabel), flag);
    }

    @Override
    public void updateByte(String columnLabel, byte byteValue) throws SQLException {
        updateByte(findColumn(columnLabel), byteValue);
    }

    @Override
    public void updateShort(String columnLabel, short shortValue) throws SQLException {
        updateShort(findColumn(columnLabel), shortValue);
    }

    @Override
    public void updateInt(String columnLabel, int intValue) throws SQLException {
        updateInt(findColumn(columnLabel), intValue);
    }

    @Override
    public void updateLong(String columnLabel, long longValue) throws SQLException {
        updateLong(findColumn(columnLabel), longValue);
    }

    @Override
    public void updateFloat(String columnLabel, float floatValue) throws SQLException {
        updateFloat(findColumn(columnLabel), floatValue);
    }

    @Override
    public void updateDouble(String columnLabel, double doubleValue) throws SQLException {
        updateDouble(findColumn(columnLabel), doubleValue);
    }

    @Override
    public void updateBigDecimal(String columnLabel, BigDecimal bigDecimal) throws SQLException {
        updateBigDecimal(findColumn(columnLabel), bigDecimal);
    }

    @Override
    public void updateString(String columnLabel, String string) throws SQLException {
        updateString(findColumn(columnLabel), string);
    }

    @Override
    public void updateBytes(String columnLabel, byte[] bytes) throws SQLException {
        updateBytes(findColumn(columnLabel), bytes);
    }

    @Override
    public void updateDate(String columnLabel, Date date) throws SQLException {
        updateDate(findColumn(columnLabel), date);
    }

    @Override
    public void updateTime(String columnLabel, Time time) throws SQLException {
        updateTime(findColumn(columnLabel), time);
    }

    @Override
    public void updateTimestamp(String columnLabel, Timestamp timestamp) throws SQLException {
        updateTimestamp(findColumn(columnLabel), timestamp);
    }

    @Override
    public void updateAsciiStream(String columnLabel, InputStream inputStream, int intValue) throws SQLException {
        updateAsciiStream(findColumn(columnLabel), inputStream, intValue);
    }

    @Override
    public void updateBinaryStream(String columnLabel, InputStream inputStream, int intValue) throws SQLException {
        updateBinaryStream(findColumn(columnLabel), inputStream, intValue);
    }

    @Override
    public void updateCharacterStream(String columnLabel, Reader reader, int intValue) throws SQLException {
        updateCharacterStream(findColumn(columnLabel), reader, intValue);
    }

    @Override
    public void updateObject(String columnLabel, Object object, int intValue) throws SQLException {
        updateObject(findColumn(columnLabel), object, intValue);
    }

    @Override
    public void updateObject(String columnLabel, Object object) throws SQLException {
        updateObject(findColumn(columnLabel), object);
    }

    @Override
    public void insertRow() throws SQLException {
    }

    @Override
    public void updateRow() throws SQLException {
    }

    @Override
    public void deleteRow() throws SQLException {
    }

    @Override
    public void refreshRow() throws SQLException {
    }

    @Override
    public void cancelRowUpdates() throws SQLException {
    }

    @Override
    public void moveToInsertRow() throws SQLException {
    }

    @Override
    public void moveToCurrentRow() throws SQLException {
    }

    @Override
    public Statement getStatement() throws SQLException {
        return statement;
    }

    @Override
    public Object getObject(int columnIndex, Map<String, Class<?>> map) throws SQLException {
        return result.boxed(cell(columnIndex));
    }

    @Override
    public @Nullable Ref getRef(int columnIndex) throws SQLException {
        return null;
    }

    @Override
    public @Nullable Blob getBlob(int columnIndex) throws SQLException {
        return null;
    }

    @Override
    public @Nullable Clob getClob(int columnIndex) throws SQLException {
        return null;
    }

    @Override
    public @Nullable Array getArray(int columnIndex) throws SQLException {
        return null;
    }

    @Override
    public Object getObject(String columnLabel, Map<String, Class<?>> map) throws SQLException {
        return getObject(findColumn(columnLabel), map);
    }

    @Override
    public @Nullable Ref getRef(String columnLabel) throws SQLException {
        return getRef(findColumn(columnLabel));
    }

    @Override
    public @Nullable Blob getBlob(String columnLabel) throws SQLException {
        return getBlob(findColumn(columnLabel));
    }

    @Override
    public @Nullable Clob getClob(String columnLabel) throws SQLException {
        return getClob(findColumn(columnLabel));
    }

    @Override
    public @Nullable Array getArray(String columnLabel) throws SQLException {
        return getArray(findColumn(columnLabel));
    }

    @Override
    public @Nullable Date getDate(int columnIndex, Calendar calendar) throws SQLException {
        return null;
    }

    @Override
    public @Nullable Date getDate(String columnLabel, Calendar calendar) throws SQLException {
        return getDate(findColumn(columnLabel), calendar);
    }

    @Override
    public @Nullable Time getTime(int columnIndex, Calendar calendar) throws SQLException {
        return null;
    }

    @Override
    public @Nullable Time getTime(String columnLabel, Calendar calendar) throws SQLException {
        return getTime(findColumn(columnLabel), calendar);
    }

    @Override
    public @Nullable Timestamp getTimestamp(int columnIndex, Calendar calendar) throws SQLException {
        return null;
    }

    @Override
    public @Nullable Timestamp getTimestamp(String columnLabel, Calendar calendar) throws SQLException {
        return getTimestamp(findColumn(columnLabel), calendar);
    }

    @Override
    public @Nullable URL getURL(int columnIndex) throws SQLException {
        return null;
    }

    @Override
    public @Nullable URL getURL(String columnLabel) throws SQLException {
        return getURL(findColumn(columnLabel));
    }

    @Override
    public void updateRef(int columnIndex, Ref ref) throws SQLException {
    }

    @Override
    public void updateRef(String columnLabel, Ref ref) throws SQLException {
        updateRef(findColumn(columnLabel), ref);
    }

    @Override
    public void updateBlob(int columnIndex, Blob blob) throws SQLException {
    }

    @Override
    public void updateBlob(String columnLabel, Blob blob) throws SQLException {
        updateBlob(findColumn(columnLabel), blob);
    }

    @Override
    public void updateClob(int columnIndex, Clob clob) throws SQLException {
    }

    @Override
    public void updateClob(String columnLabel, Clob clob) throws SQLException {
        updateClob(findColumn(columnLabel), clob);
    }

    @Override
    public void updateArray(int columnIndex, Array array) throws SQLException {
    }

    @Override
    public void updateArray(String columnLabel, Array array) throws SQLException {
        updateArray(findColumn(columnLabel), array);
    }

    @Override
    public @Nullable RowId getRowId(int columnIndex) throws SQLException {
        return null;
    }

    @Override
    public @Nullable RowId getRowId(String columnLabel) throws SQLException {
        return getRowId(findColumn(columnLabel));
    }

    @Override
    public void updateRowId(int columnIndex, RowId rowId) throws SQLException {
    }

    @Override
    public void updateRowId(String columnLabel, RowId rowId) throws SQLException {
        updateRowId(findColumn(columnLabel), rowId);
    }

    @Override
    public int getHoldability() throws SQLException {
        return ResultSet.HOLD_CURSORS_OVER_COMMIT;
    }

    @Override
    public boolean isClosed() throws SQLException {
        return closed;
    }

    @Override
    public void updateNString(int columnIndex, String string) throws SQLException {
    }

    @Override
    public void updateNString(String columnLabel, String string) throws SQLException {
        updateNString(findColumn(columnLabel), string);
    }

    @Override
    public void updateNClob(int columnIndex, NClob nClob) throws SQLException {
    }

    @Override
    public void updateNClob(String columnLabel, NClob nClob) throws SQLException {
        updateNClob(findColumn(columnLabel), nClob);
    }

    @Override
    public @Nullable NClob getNClob(int columnIndex) throws SQLException {
        return null;
    }

    @Override
    public @Nullable NClob getNClob(String columnLabel) throws SQLException {
        return getNClob(findColumn(columnLabel));
    }

    @Override
    public @Nullable SQLXML getSQLXML(int columnIndex) throws SQLException {
        return null;
    }

    @Override
    public @Nullable SQLXML getSQLXML(String columnLabel) throws SQLException {
        return getSQLXML(findColumn(columnLabel));
    }

    @Override
    public void updateSQLXML(int columnIndex, SQLXML sQLXML) throws SQLException {
    }

    @Override
    public void updateSQLXML(String columnLabel, SQLXML sQLXML) throws SQLException {
        updateSQLXML(findColumn(columnLabel), sQLXML);
    }

    @Override
    public String getNString(int columnIndex) throws SQLException {
        return result.text(cell(columnIndex));
    }

    @Override
    public String getNString(String columnLabel) throws SQLException {
        return getNString(findColumn(columnLabel));
    }

    @Override
    public @Nullable Reader getNCharacterStream(int columnIndex) throws SQLException {
        return null;
    }

    @Override
    public @Nullable Reader getNCharacterStream(String columnLabel) throws SQLException {
        return getNCharacterStream(findColumn(columnLabel));
    }

    @Override
    public void updateNCharacterStream(int columnIndex, Reader reader, long longValue) throws SQLException {
    }

    @Override
    public void updateNCharacterStream(String columnLabel, Reader reader, long longValue) throws SQLException {
        updateNCharacterStream(findColumn(columnLabel), reader, longValue);
    }

    @Override
    public void updateAsciiStream(int columnIndex, InputStream inputStream, long longValue) throws SQLException {
    }

    @Override
    public void updateBinaryStream(int columnIndex, InputStream inputStream, long longValue) throws SQLException {
    }

    @Override
    public void updateCharacterStream(int columnIndex, Reader reader, long longValue) throws SQLException {
    }

    @Override
    public void updateAsciiStream(String columnLabel, InputStream inputStream, long longValue) throws SQLException {
        updateAsciiStream(findColumn(columnLabel), inputStream, longValue);
    }

    @Override
    public void updateBinaryStream(String columnLabel, InputStream inputStream, long longValue) throws SQLException {
        updateBinaryStream(findColumn(columnLabel), inputStream, longValue);
    }

    @Override
    public void updateCharacterStream(String columnLabel, Reader reader, long longValue) throws SQLException {
        updateCharacterStream(findColumn(columnLabel), reader, longValue);
    }

    @Override
    public void updateBlob(int columnIndex, InputStream inputStream, long longValue) throws SQLException {
    }

    @Override
    public void updateBlob(String columnLabel, InputStream inputStream, long longValue) throws SQLException {
        updateBlob(findColumn(columnLabel), inputStream, longValue);
    }

    @Override
    public void updateClob(int columnIndex, Reader reader, long longValue) throws SQLException {
    }

    @Override
    public void updateClob(String columnLabel, Reader reader, long longValue) throws SQLException {
        updateClob(findColumn(columnLabel), reader, longValue);
    }

    @Override
    public void updateNClob(int columnIndex, Reader reader, long longValue) throws SQLException {
    }

    @Override
    public void updateNClob(String columnLabel, Reader reader, long longValue) throws SQLException {
        updateNClob(findColumn(columnLabel), reader, longValue);
    }

    @Override
    public void updateNCharacterStream(int columnIndex, Reader reader) throws SQLException {
    }

    @Override
    public void updateNCharacterStream(String columnLabel, Reader reader) throws SQLException {
        updateNCharacterStream(findColumn(columnLabel), reader);
    }

    @Override
    public void updateAsciiStream(int columnIndex, InputStream inputStream) throws SQLException {
    }

    @Override
    public void updateBinaryStream(int columnIndex, InputStream inputStream) throws SQLException {
    }

    @Override
    public void updateCharacterStream(int columnIndex, Reader reader) throws SQLException {
    }

    @Override
    public void updateAsciiStream(String columnLabel, InputStream inputStream) throws SQLException {
        updateAsciiStream(findColumn(columnLabel), inputStream);
    }

    @Override
    public void updateBinaryStream(String columnLabel, InputStream inputStream) throws SQLException {
        updateBinaryStream(findColumn(columnLabel), inputStream);
    }

    @Override
    public void updateCharacterStream(String columnLabel, Reader reader) throws SQLException {
        updateCharacterStream(findColumn(columnLabel), reader);
    }

    @Override
    public void updateBlob(int columnIndex, InputStream inputStream) throws SQLException {
    }

    @Override
    public void updateBlob(String columnLabel, InputStream inputStream) throws SQLException {
        updateBlob(findColumn(columnLabel), inputStream);
    }

    @Override
    public void updateClob(int columnIndex, Reader reader) throws SQLException {
    }

    @Override
    public void updateClob(String columnLabel, Reader reader) throws SQLException {
        updateClob(findColumn(columnLabel), reader);
    }

    @Override
    public void updateNClob(int columnIndex, Reader reader) throws SQLException {
    }

    @Override
    public void updateNClob(String columnLabel, Reader reader) throws SQLException {
        updateNClob(findColumn(columnLabel), reader);
    }

    @Override
    public <T> T getObject(int columnIndex, Class<T> type) throws SQLException {
        int value = cell(columnIndex);
        Object converted;
        if (type == Long.class || type == Object.class || type == Number.class) {
            converted = result.boxed(value);
        } else if (type == Integer.class) {
            converted = value;
        } else if (type == String.class) {
            converted = result.text(value);
        } else if (type == BigDecimal.class) {
            converted = BigDecimal.valueOf(value);
        } else if (type == Short.class) {
            converted = (short) value;
        } else if (type == Double.class) {
            converted = (double) value;
        } else if (type == Boolean.class) {
            converted = value != 0;
        } else {
            throw new SQLException("Cannot convert a BIGINT to " + type.getName(), "22000");
        }
        return type.cast(converted);
    }

    @Override
    public <T> T getObject(String columnLabel, Class<T> type) throws SQLException {
        return getObject(findColumn(columnLabel), type);
    }

    @Override
    public void updateObject(int columnIndex, Object object, SQLType sQLType, int intValue) throws SQLException {
    }

    @Override
    public void updateObject(String columnLabel, Object object, SQLType sQLType, int intValue) throws SQLException {
        updateObject(findColumn(columnLabel), object, sQLType, intValue);
    }

    @Override
    public void updateObject(int columnIndex, Object object, SQLType sQLType) throws SQLException {
    }

    @Override
    public void updateObject(String columnLabel, Object object, SQLType sQLType) throws SQLException {
        updateObject(findColumn(columnLabel), object, sQLType);
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
