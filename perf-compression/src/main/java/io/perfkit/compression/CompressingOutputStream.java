package io.perfkit.compression;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.IOException;
import java.io.OutputStream;
import org.jspecify.annotations.Nullable;

/**
 * The stream the application writes to. Buffers up to {@code minSize} bytes until the response's fate is
 * decided, then streams through the compressor (or straight through). In non-blocking mode (after
 * {@link #setWriteListener}) every application write turns into at most one write to the container's stream,
 * so the container's readiness protocol holds: the application writes only when {@link #isReady()}, which
 * requires the container stream to be ready and nothing of ours to be pending.
 */
final class CompressingOutputStream extends ServletOutputStream {
    /**
     * The largest holding buffer a recycled stream keeps: with the default {@code minSize} of 1 KiB it is always
     * kept; a pool of streams each holding up to {@link CompressionConfig#MAX_MIN_SIZE} would not be small.
     */
    static final int RETAINED_BUFFER_MAX = 64 * 1024;

    private final CompressingResponse response;
    private final int minSize;
    /** Whether the time spent compressing is measured: only when a recorder is there to receive it. */
    private final boolean timed;
    /** With recycling on: keep the holding buffer for the next request (up to {@link #RETAINED_BUFFER_MAX}). */
    private final boolean retainBuffer;
    private @Nullable Target target;
    private @Nullable ByteSink pending;
    private byte @Nullable [] one;

    private byte @Nullable [] buffer;
    private int count;
    /** The first write came while undecided: the early decision was tried, and the body is being held. */
    private boolean holding;
    private @Nullable ServletOutputStream raw;
    private @Nullable Compressor compressor;
    private @Nullable String token;
    private boolean nonBlocking;
    private boolean finished;
    private boolean finishing;
    private boolean closed;
    private @Nullable Runnable afterDrain;
    private long bytesIn;
    private long bytesOut;
    private long nanos;

    CompressingOutputStream(CompressingResponse response, int minSize, boolean recycled) {
        this.response = response;
        this.minSize = minSize;
        this.timed = response.timesCompression();
        this.retainBuffer = recycled;
    }

    /** Resets every per-request field for reuse; the compressor, if any, goes back to its pool first. */
    void recycle() {
        release();
        pending = null;
        byte[] buf = buffer;
        if (buf != null && buf.length > RETAINED_BUFFER_MAX) {
            buffer = null;
        }
        count = 0;
        holding = false;
        raw = null;
        token = null;
        nonBlocking = false;
        finished = false;
        finishing = false;
        closed = false;
        afterDrain = null;
        bytesIn = 0;
        bytesOut = 0;
        nanos = 0;
    }

    private ServletOutputStream raw() throws IOException {
        ServletOutputStream r = raw;
        if (r == null) {
            r = response.rawOutputStream();
            raw = r;
        }
        return r;
    }

    @Override
    public void write(int b) throws IOException {
        byte[] single = one;
        if (single == null) {
            single = new byte[1];
            one = single;
        }
        single[0] = (byte) b;
        write(single, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (finished) {
            throw new IOException("response output already closed");
        }
        if (!response.isDecided()) {
            if (count + len < minSize) {
                if (!holding) {
                    Compressor early = response.decide(len, CompressingResponse.Phase.EARLY);
                    if (response.isDecided()) { // skipped whatever the size: no buffering
                        start(early);
                        emit(b, off, len);
                        drain();
                        return;
                    }
                    holding = true;
                }
                byte[] buf = buffer;
                if (buf == null) {
                    // sized to what came, not to minSize: most bodies below minSize come in one write
                    buf = new byte[Math.max(count + len, Math.min(minSize, 256))];
                    buffer = buf;
                } else if (count + len > buf.length) {
                    buf = java.util.Arrays.copyOf(buf, Math.min(minSize, Math.max(count + len, buf.length * 2)));
                    buffer = buf;
                }
                System.arraycopy(b, off, buf, count, len);
                count += len;
                return;
            }
            start(response.decide(count + len, CompressingResponse.Phase.WRITE));
        }
        emit(b, off, len);
        drain();
    }

    /** Sets the compressor chosen for the response (or none) and writes what was buffered while deciding. */
    private void start(@Nullable Compressor c) throws IOException {
        compressor = c;
        token = c == null ? null : response.encodingToken();
        byte[] buf = buffer;
        if (buf != null && count > 0) {
            int n = count;
            count = 0;
            emit(buf, 0, n);
        }
        if (!retainBuffer) {
            buffer = null;
        }
    }

    /** Where the compressor writes; identity bytes skip it, so a skipped response does not create it. */
    private Target target() {
        Target t = target;
        if (t == null) {
            t = new Target();
            target = t;
        }
        return t;
    }

    private void emit(byte[] b, int off, int len) throws IOException {
        bytesIn += len;
        Compressor c = compressor;
        if (c != null) {
            long t0 = timed ? System.nanoTime() : 0;
            c.write(b, off, len, target());
            if (timed) {
                nanos += System.nanoTime() - t0;
            }
        } else if (len > 0) {
            ByteSink p = pending;
            if (p != null) {
                p.write(b, off, len);
            } else {
                raw().write(b, off, len);
            }
        }
    }

    private void drain() throws IOException {
        ByteSink p = pending;
        if (p != null && p.size() > 0) {
            raw().write(p.array(), 0, p.size());
            p.reset();
        }
    }

    private boolean hasPending() {
        ByteSink p = pending;
        return p != null && p.size() > 0;
    }

    /** Marks that the response is ending, so the writer's flush on the way out does not count as a flush. */
    void finishing() {
        finishing = true;
    }

    @Override
    public void flush() throws IOException {
        if (finished || finishing) {
            return;
        }
        if (!response.isDecided()) {
            start(response.decide(count, CompressingResponse.Phase.FLUSH));
        }
        Compressor c = compressor;
        if (c != null) {
            long t0 = timed ? System.nanoTime() : 0;
            c.flush(target());
            if (timed) {
                nanos += System.nanoTime() - t0;
            }
        }
        drain();
        ServletOutputStream r = raw();
        if (!nonBlocking || r.isReady()) {
            r.flush();
        }
    }

    /** Discards what was buffered before the decision (response reset). */
    void resetBuffer() {
        count = 0;
    }

    /**
     * Ends the body: decides if still undecided, finishes the encoded stream and writes it (in non-blocking mode,
     * as soon as the container stream is ready), then runs {@code then}.
     */
    void finish(@Nullable Runnable then) throws IOException {
        if (!finished) {
            finished = true;
            try {
                if (!response.isDecided()) {
                    start(response.decide(count, CompressingResponse.Phase.FINISH));
                }
                Compressor c = compressor;
                if (c != null) {
                    long t0 = timed ? System.nanoTime() : 0;
                    c.finish(target());
                    if (timed) {
                        nanos += System.nanoTime() - t0;
                        response.recordCompressed(token, bytesIn, bytesOut, nanos);
                    }
                }
            } finally {
                release();
            }
        }
        if (hasPending() && !raw().isReady()) {
            Runnable previous = afterDrain;
            afterDrain = then == null ? previous : previous == null ? then : () -> {
                previous.run();
                then.run();
            };
            return;
        }
        drain();
        if (then != null) {
            then.run();
        }
    }

    /** Returns the compressor to its pool; safe to call more than once and from error paths. */
    void release() {
        Compressor c = compressor;
        if (c != null) {
            compressor = null;
            c.close();
        }
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        finish(() -> {
            try {
                raw().close();
            } catch (IOException e) {
                response.onAsyncFailure(e);
            }
        });
    }

    @Override
    public boolean isReady() {
        try {
            return !hasPending() && raw().isReady();
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void setWriteListener(WriteListener writeListener) {
        java.util.Objects.requireNonNull(writeListener, "writeListener");
        ServletOutputStream r;
        try {
            r = raw();
        } catch (IOException e) {
            throw new IllegalStateException("cannot get the container's output stream", e);
        }
        response.pin(); // the container calls the listener after doFilter returns
        ByteSink sink = new ByteSink();
        pending = sink;
        nonBlocking = true;
        r.setWriteListener(new WriteListener() {
            @Override
            public void onWritePossible() throws IOException {
                if (sink.size() > 0) {
                    r.write(sink.array(), 0, sink.size());
                    sink.reset();
                    if (!r.isReady()) {
                        return;
                    }
                }
                Runnable a = afterDrain;
                if (a != null) {
                    afterDrain = null;
                    a.run();
                    return;
                }
                if (!finished) {
                    writeListener.onWritePossible();
                }
            }

            @Override
            public void onError(Throwable t) {
                release();
                writeListener.onError(t);
            }
        });
    }

    /** Where encoded (or identity) bytes go: the pending buffer in non-blocking mode, else the container stream. */
    private final class Target extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1); // codecs write arrays; this is never on a hot path
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            bytesOut += len;
            ByteSink p = pending;
            if (p != null) {
                p.write(b, off, len);
            } else {
                raw().write(b, off, len);
            }
        }
    }
}
