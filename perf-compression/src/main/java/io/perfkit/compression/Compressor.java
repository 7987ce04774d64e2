package io.perfkit.compression;

import java.io.IOException;
import java.io.OutputStream;

/**
 * One response's encoder state: takes identity bytes and writes encoded bytes to the output it is given on
 * each call. Obtained from {@link ContentEncoding#newCompressor()} for one response and
 * {@linkplain #close() closed} exactly once afterwards, whether the response completed or failed, so that
 * native memory is released or pooled state returned.
 *
 * <p>Not thread-safe: a response is written by one thread at a time.
 */
public interface Compressor extends AutoCloseable {
    /**
     * Encodes bytes, writing whatever encoded output is ready to {@code out} (possibly nothing).
     *
     * @param b the identity bytes
     * @param off the start offset in {@code b}
     * @param len the number of bytes
     * @param out where encoded bytes go
     * @throws IOException if {@code out} fails or the codec fails
     */
    void write(byte[] b, int off, int len, OutputStream out) throws IOException;

    /**
     * Writes everything encoded so far to {@code out} such that a decoder can decode all bytes given so far
     * (deflate {@code SYNC_FLUSH}, brotli {@code FLUSH}, zstd {@code ZSTD_e_flush}). Costs some ratio.
     *
     * @param out where encoded bytes go
     * @throws IOException if {@code out} fails or the codec fails
     */
    void flush(OutputStream out) throws IOException;

    /**
     * Ends the encoded stream, writing the remaining bytes and any trailer to {@code out}.
     *
     * @param out where encoded bytes go
     * @throws IOException if {@code out} fails or the codec fails
     */
    void finish(OutputStream out) throws IOException;

    /** Releases the native encoder or returns it to its pool; idempotent, never throws. */
    @Override
    void close();
}
