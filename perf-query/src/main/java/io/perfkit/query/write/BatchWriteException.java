package io.perfkit.query.write;

import java.sql.SQLException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A batched write that failed, naming the input row at fault: its index in the list you passed (0-based), or the
 * range of rows it lies in when the driver merged rows into one statement ({@code reWriteBatchedInserts}) and
 * cannot say which one failed. The SQLState and vendor code are the driver's, and the driver's exception is the
 * {@linkplain #getCause() cause}. The message never contains bind values; the cause is the driver's own and, for
 * constraint violations, PostgreSQL's detail line shows the conflicting key (set pgjdbc's
 * {@code logServerErrorDetail=false} to hide it).
 */
public final class BatchWriteException extends SQLException {
    private static final long serialVersionUID = 1L;

    /** The first input index the failure lies in. */
    private final int firstRow;
    /** The last input index the failure lies in, inclusive. */
    private final int lastRow;
    /** The constraint PostgreSQL named, or null. */
    private final @Nullable String constraint;
    /** The failing row when known exactly; not serialized (rows need not be serializable). */
    private final transient @Nullable Object row;

    BatchWriteException(String message, SQLException cause, int firstRow, int lastRow, @Nullable String constraint,
                        @Nullable Object row) {
        super(message, cause.getSQLState(), cause.getErrorCode(), cause);
        this.firstRow = firstRow;
        this.lastRow = lastRow;
        this.constraint = constraint;
        this.row = row;
    }

    /** @return the index of the failing row in the input list, when the driver said exactly which row failed */
    public Optional<Integer> rowIndex() {
        return firstRow == lastRow ? Optional.of(firstRow) : Optional.empty();
    }

    /** @return the first index of the rows the failure lies in (equal to {@link #lastRow()} when exact) */
    public int firstRow() {
        return firstRow;
    }

    /** @return the last index of the rows the failure lies in, inclusive */
    public int lastRow() {
        return lastRow;
    }

    /** @return the constraint PostgreSQL named, such as {@code book_isbn_key}, if any */
    public Optional<String> constraint() {
        return Optional.ofNullable(constraint);
    }

    /**
     * Returns the failing row object, when known exactly, for your own handling (it is not part of the message).
     *
     * @return the row, if exactly one row failed
     */
    public Optional<Object> row() {
        return Optional.ofNullable(row);
    }
}
