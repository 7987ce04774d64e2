package io.perfkit.query.keyset;

/**
 * A cursor that does not decode: malformed, of an unknown version, with a signature that does not match (forged or
 * altered), or made by a different query or sort. Map it to HTTP 400; no SQL was sent.
 */
public final class InvalidCursorException extends InvalidPageRequestException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what is wrong with the cursor
     */
    public InvalidCursorException(String message) {
        super(message);
    }
}
