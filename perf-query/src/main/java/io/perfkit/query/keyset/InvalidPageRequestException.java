package io.perfkit.query.keyset;

/**
 * A page request that cannot be served: a sort column that is not sortable, a page size out of range, a cursor
 * that is forged, corrupted or belongs to another query. It is the client's mistake, so map it to HTTP 400; no SQL
 * was sent when it is thrown. The message names the problem but never echoes the raw cursor.
 */
public class InvalidPageRequestException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what is wrong with the request
     */
    public InvalidPageRequestException(String message) {
        super(message);
    }
}
