package io.perfkit.compression.zstd;

import com.github.luben.zstd.EndDirective;
import io.perfkit.compression.Compressor;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/**
 * One response's zstd frame through a pooled context. Until the body outgrows the entry's heap buffer (64 KiB) or
 * the application flushes, the body is only collected; a body that ends there — most responses — is compressed by
 * one {@code ZSTD_compress2} call from that heap array into another, which is the raw library's own fastest path
 * (no direct-buffer copies, no streaming stages, the size known up front so zstd sizes its tables and window to
 * the body and writes the size into the frame header). A larger or flushed body switches to streaming through
 * the entry's direct buffers.
 */
final class ZstdCompressor implements Compressor {
    private final ZstdContextPool pool;
    private ZstdContextPool.@Nullable Entry entry;
    /** Bytes collected in the entry's heap buffer while not streaming. */
    private int collected;
    /** Whether the frame is being streamed; until then the whole body fits the heap buffer. */
    private boolean streaming;
    private boolean ended;

    ZstdCompressor(ZstdContextPool pool) {
        this.pool = pool;
        this.entry = pool.acquire();
    }

    private ZstdContextPool.Entry entry() throws IOException {
        ZstdContextPool.Entry e = entry;
        if (e == null) {
            throw new IOException("compressor closed");
        }
        return e;
    }

    @Override
    public void write(byte[] b, int off, int len, OutputStream out) throws IOException {
        ZstdContextPool.Entry e = entry();
        if (!streaming) {
            if (len <= e.in.length - collected) {
                System.arraycopy(b, off, e.in, collected, len);
                collected += len;
                return;
            }
            startStreaming(e);
        }
        ByteBuffer src = e.src();
        while (len > 0) {
            if (!src.hasRemaining()) { // compress a full buffer only when more input comes
                run(e, EndDirective.CONTINUE, out);
            }
            int n = Math.min(len, src.remaining());
            src.put(b, off, n);
            off += n;
            len -= n;
        }
    }

    /** Moves the collected bytes into the streaming input buffer (both are 64 KiB, so they fit). */
    private void startStreaming(ZstdContextPool.Entry e) {
        streaming = true;
        e.src().put(e.in, 0, collected);
        collected = 0;
    }

    @Override
    public void flush(OutputStream out) throws IOException {
        ZstdContextPool.Entry e = entry();
        if (!streaming) {
            startStreaming(e);
        }
        run(e, EndDirective.FLUSH, out);
    }

    @Override
    public void finish(OutputStream out) throws IOException {
        ZstdContextPool.Entry e = entry();
        if (!streaming) {
            int n = e.ctx.compressByteArray(e.out, 0, e.out.length, e.in, 0, collected);
            ended = true;
            out.write(e.out, 0, n);
            return;
        }
        run(e, EndDirective.END, out);
        ended = true;
    }

    private void run(ZstdContextPool.Entry e, EndDirective op, OutputStream out) throws IOException {
        ByteBuffer src = e.src();
        ByteBuffer dst = e.dst();
        src.flip();
        boolean done;
        do {
            done = e.ctx.compressDirectByteBufferStream(dst, src, op);
            dst.flip();
            while (dst.hasRemaining()) {
                int n = Math.min(dst.remaining(), e.out.length);
                dst.get(e.out, 0, n);
                out.write(e.out, 0, n);
            }
            dst.clear();
        } while (op == EndDirective.CONTINUE ? src.hasRemaining() : !done);
        src.clear();
    }

    @Override
    public void close() {
        ZstdContextPool.Entry e = entry;
        if (e != null) {
            entry = null;
            pool.release(e, ended || !streaming);
        }
    }
}
