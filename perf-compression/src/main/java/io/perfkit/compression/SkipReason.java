package io.perfkit.compression;

import java.util.Locale;

/** Why the {@link CompressionFilter} sent a response uncompressed; the {@code reason} tag of the skip metric. */
public enum SkipReason {
    /** The request's path matched an excluded pattern. */
    EXCLUDED_PATH,
    /** The request was a HEAD: there is no body to compress. */
    HEAD,
    /** The response was 206 Partial Content or carried {@code Content-Range}: ranges address identity bytes. */
    RANGE,
    /** The status has no body: 1xx, 204, 205 or 304. */
    NO_BODY_STATUS,
    /** Any other status outside 2xx (errors, redirects). */
    STATUS,
    /** The application already set a {@code Content-Encoding}. */
    ALREADY_ENCODED,
    /** The response carried {@code Cache-Control: no-transform}. */
    NO_TRANSFORM,
    /** The response was marked as carrying secrets (BREACH policy), see {@link CompressionFilter#markSensitive}. */
    SENSITIVE,
    /** The content type is missing or not compressible (images, archives, ...), or excluded by configuration. */
    CONTENT_TYPE,
    /** The client accepts no coding the filter offers (or prefers identity). */
    NOT_ACCEPTED,
    /** The body was smaller than the configured minimum size. */
    BELOW_MIN_SIZE;

    private final String tag = name().toLowerCase(Locale.ROOT);

    /** @return the lower-case name used as a metric tag value, such as {@code below_min_size} */
    public String tag() {
        return tag;
    }
}
