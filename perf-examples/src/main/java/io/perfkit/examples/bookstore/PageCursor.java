package io.perfkit.examples.bookstore;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Base64;

/**
 * The keyset position after a listing page: the last row's publication date and id, encoded as an opaque URL-safe
 * token so clients cannot depend on its shape.
 *
 * @param publishedOn the last row's publication date
 * @param id the last row's id
 */
public record PageCursor(LocalDate publishedOn, long id) {
    /** @return the URL-safe token */
    public String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((publishedOn + "," + id).getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Decodes a token made by {@link #encode()}.
     *
     * @param token the token
     * @return the cursor
     * @throws IllegalArgumentException naming the parameter when the token is not a cursor
     */
    public static PageCursor decode(String token) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.US_ASCII);
            int comma = text.indexOf(',');
            if (comma < 0) {
                throw new IllegalArgumentException("no separator");
            }
            return new PageCursor(LocalDate.parse(text.substring(0, comma)), Long.parseLong(text.substring(comma + 1)));
        } catch (IllegalArgumentException | DateTimeException e) {
            throw new IllegalArgumentException("cursor is not a cursor returned by this service: '" + token + "'", e);
        }
    }
}
