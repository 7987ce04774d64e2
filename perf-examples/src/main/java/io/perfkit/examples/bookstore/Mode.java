package io.perfkit.examples.bookstore;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * How the service answers a request: as first written ({@link #NAIVE}) or with perfkit's cures ({@link #TUNED}).
 * Both modes return the same data; only the work behind it differs. A request chooses with the query parameter
 * {@code mode=naive|tuned} or the header {@value #HEADER}; without either it gets the service's default.
 */
public enum Mode {
    /** As first written: N+1 loops, non-sargable search, OFFSET paging, no cache, no compression. */
    NAIVE,
    /** With the cures: batched loads, an indexed search, keyset paging, a cache, compression and ETags. */
    TUNED;

    /** The request header that selects the mode, as an alternative to the {@code mode} query parameter. */
    public static final String HEADER = "X-Bookstore-Mode";

    /** The request attribute under which the resolved mode is stored for servlets and filters. */
    static final String ATTRIBUTE = Mode.class.getName();

    /**
     * Parses a mode name, case-insensitively.
     *
     * @param value {@code naive} or {@code tuned}
     * @return the mode
     * @throws IllegalArgumentException naming the setting when the value is neither
     */
    public static Mode parse(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.equals("naive")) {
            return NAIVE;
        }
        if (v.equals("tuned")) {
            return TUNED;
        }
        throw new IllegalArgumentException("mode must be 'naive' or 'tuned', but was '" + value + "'");
    }

    /** @return the lower-case name used in URLs, reports and scope names */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Mode of(HttpServletRequest request, Mode fallback) {
        Object resolved = request.getAttribute(ATTRIBUTE);
        if (resolved instanceof Mode) {
            return (Mode) resolved;
        }
        @Nullable String value = request.getParameter("mode");
        if (value == null || value.isBlank()) {
            value = request.getHeader(HEADER);
        }
        Mode mode = value == null || value.isBlank() ? fallback : parse(value);
        request.setAttribute(ATTRIBUTE, mode);
        return mode;
    }
}
