package io.perfkit.query.stream;

import java.sql.SQLException;

/**
 * A {@link SQLException} raised while a {@link RowCursor} or a row stream was advancing, rethrown unchecked because
 * {@link java.util.Iterator} and {@link java.util.stream.Stream} cannot throw checked exceptions. The driver's
 * exception is the {@linkplain #getCause() cause}, unchanged. By the time it is thrown, the cursor has been closed
 * and the transaction it began rolled back.
 */
public final class StreamReadException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StreamReadException(String message, SQLException cause) {
        super(message, cause);
    }

    /** @return the driver's exception */
    @Override
    public synchronized SQLException getCause() {
        return (SQLException) super.getCause();
    }
}
