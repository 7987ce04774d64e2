package io.perfkit.compression;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A content coding the {@link CompressionFilter} can apply, named by its {@code Accept-Encoding} token.
 *
 * <p>The JDK codings are here: {@link #gzip()} and {@link #deflate()}, both with pooled
 * {@link java.util.zip.Deflater}s that are {@code end()}ed when evicted from the pool or when the encoding is
 * closed. Brotli is {@code io.perfkit.compression.brotli.BrotliEncoding} and zstd is
 * {@code io.perfkit.compression.zstd.ZstdEncoding}; they need optional native libraries and report through
 * {@link #unavailabilityCause()} when those cannot load, in which case the filter falls back to gzip.
 *
 * <pre>{@code
 * CompressionConfig config = CompressionConfig.builder()
 *         .encodings(BrotliEncoding.quality(4), ContentEncoding.gzip(6))
 *         .build();
 * }</pre>
 *
 * <p>Implementations must be thread-safe: one instance serves all requests.
 */
public interface ContentEncoding extends AutoCloseable {
    /** The default gzip and deflate level, as zlib's own default. */
    int DEFAULT_DEFLATE_LEVEL = 6;

    /**
     * Returns the token used in {@code Accept-Encoding} and {@code Content-Encoding}.
     *
     * @return a lower-case token such as {@code "gzip"}
     */
    String token();

    /**
     * Starts encoding one response.
     *
     * @return a compressor that the caller closes when the response ends
     */
    Compressor newCompressor();

    /**
     * Tells why this coding cannot be used, typically because its native library did not load.
     *
     * @return the cause, or null when the coding is usable
     */
    default @Nullable Throwable unavailabilityCause() {
        return null;
    }

    /** Releases pooled native resources; called by {@link CompressionFilter#destroy()}. Never throws. */
    @Override
    default void close() {}

    /**
     * Returns gzip (RFC 1952) at level {@value #DEFAULT_DEFLATE_LEVEL}.
     *
     * @return a new gzip coding with its own Deflater pool
     */
    static ContentEncoding gzip() {
        return gzip(DEFAULT_DEFLATE_LEVEL);
    }

    /**
     * Returns gzip (RFC 1952) at the given level.
     *
     * @param level 1 (fastest) to 9 (smallest)
     * @return a new gzip coding with its own Deflater pool
     * @throws IllegalArgumentException if the level is out of range
     */
    static ContentEncoding gzip(int level) {
        return new DeflateEncoding("gzip", true, level, DeflaterPool.defaultCapacity());
    }

    /**
     * Returns HTTP {@code deflate}, which is the zlib format (RFC 1950), at level
     * {@value #DEFAULT_DEFLATE_LEVEL}.
     *
     * @return a new deflate coding with its own Deflater pool
     */
    static ContentEncoding deflate() {
        return deflate(DEFAULT_DEFLATE_LEVEL);
    }

    /**
     * Returns HTTP {@code deflate} (zlib format, RFC 1950) at the given level.
     *
     * @param level 1 (fastest) to 9 (smallest)
     * @return a new deflate coding with its own Deflater pool
     * @throws IllegalArgumentException if the level is out of range
     */
    static ContentEncoding deflate(int level) {
        return new DeflateEncoding("deflate", false, level, DeflaterPool.defaultCapacity());
    }

    /**
     * Normalises a coding token for comparison.
     *
     * @param token a token as written in a header
     * @return the token trimmed and lower-cased
     */
    static String normalize(String token) {
        return token.trim().toLowerCase(Locale.ROOT);
    }
}
