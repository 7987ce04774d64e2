package io.perfkit.compression.zstd;

import com.github.luben.zstd.EndDirective;
import io.perfkit.compression.Compressor;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/** One response's zstd frame, streamed through a pooled context. */
final class ZstdCompressor implements Compressor {
    private final ZstdContextPool pool;
    private ZstdContextPool.@Nullable Entry entry;
    /** Whether the frame has started; until then the whole body may still fit the input buffer. */
    private boolean started;
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
        ByteBuffer src = e.src;
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

    @Override
    public void flush(OutputStream out) throws IOException {
        run(entry(), EndDirective.FLUSH, out);
    }

    @Override
    public void finish(OutputStream out) throws IOException {
        ZstdContextPool.Entry e = entry();
        if (!started) {
            // the whole body is in the buffer: declaring its size lets zstd pick the parameters for that size
            // (small tables, a window no larger than the body) and write it in the frame header
            e.ctx.setPledgedSrcSize(e.src.position());
        }
        run(e, EndDirective.END, out);
        ended = true;
    }

    private void run(ZstdContextPool.Entry e, EndDirective op, OutputStream out) throws IOException {
        started = true;
        ByteBuffer src = e.src;
        ByteBuffer dst = e.dst;
        src.flip();
        boolean done;
        do {
            done = e.ctx.compressDirectByteBufferStream(dst, src, op);
            dst.flip();
            while (dst.hasRemaining()) {
                int n = Math.min(dst.remaining(), e.scratch.length);
                dst.get(e.scratch, 0, n);
                out.write(e.scratch, 0, n);
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
            pool.release(e, ended);
        }
    }
}
