package io.perfkit.compression.zstd;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.util.Native;
import java.nio.ByteBuffer;
import java.util.concurrent.ArrayBlockingQueue;
import org.jspecify.annotations.Nullable;

/** A bounded pool of zstd compression contexts with their direct buffers; closed on eviction. */
final class ZstdContextPool implements AutoCloseable {
    static final int INPUT_BUFFER = 64 * 1024;
    static final int OUTPUT_BUFFER = 32 * 1024 + 512;

    /**
     * What one response borrows: the context, the heap buffers of the one-shot path (a whole body of up to
     * {@link #INPUT_BUFFER} bytes and its worst-case compressed size) and, created on the first response that
     * streams, the direct buffers of the streaming path.
     */
    static final class Entry {
        final ZstdCompressCtx ctx;
        final byte[] in = new byte[INPUT_BUFFER];
        final byte[] out = new byte[(int) Zstd.compressBound(INPUT_BUFFER)];
        private @Nullable ByteBuffer src;
        private @Nullable ByteBuffer dst;

        Entry(ZstdCompressCtx ctx) {
            this.ctx = ctx;
        }

        ByteBuffer src() {
            ByteBuffer b = src;
            if (b == null) {
                b = ByteBuffer.allocateDirect(INPUT_BUFFER);
                src = b;
            }
            return b;
        }

        ByteBuffer dst() {
            ByteBuffer b = dst;
            if (b == null) {
                b = ByteBuffer.allocateDirect(OUTPUT_BUFFER);
                dst = b;
            }
            return b;
        }

        void clear() {
            if (src != null) {
                src.clear();
            }
            if (dst != null) {
                dst.clear();
            }
        }
    }

    private final int level;
    private final int windowLog;
    private final ArrayBlockingQueue<Entry> idle;
    private volatile boolean closed;

    ZstdContextPool(int level, int windowLog) {
        this.level = level;
        this.windowLog = windowLog;
        this.idle = new ArrayBlockingQueue<>(Math.max(4, Math.min(64, 4 * Runtime.getRuntime().availableProcessors())));
    }

    static @Nullable Throwable nativeUnavailability() {
        try {
            Native.load();
            return null;
        } catch (LinkageError | RuntimeException e) {
            return e;
        }
    }

    Entry acquire() {
        Entry e = idle.poll();
        if (e != null) {
            return e;
        }
        ZstdCompressCtx ctx = new ZstdCompressCtx();
        configure(ctx);
        return new Entry(ctx);
    }

    private void configure(ZstdCompressCtx ctx) {
        ctx.setLevel(level);
        if (windowLog != 0) {
            ctx.setWindowLog(windowLog);
        }
        ctx.setChecksum(false);
    }

    void release(Entry e, boolean frameEnded) {
        if (!frameEnded) {
            // a response that failed mid-stream leaves the session open: reset it (and the parameters with it)
            e.ctx.reset();
            configure(e.ctx);
        }
        e.clear();
        if (closed || !idle.offer(e)) {
            e.ctx.close();
            return;
        }
        if (closed) {
            drain();
        }
    }

    private void drain() {
        Entry e;
        while ((e = idle.poll()) != null) {
            e.ctx.close();
        }
    }

    @Override
    public void close() {
        closed = true;
        drain();
    }
}
