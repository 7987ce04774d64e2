package io.perfkit.compression;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * A bounded pool of {@link Deflater}s of one level and format. A Deflater holds about 256 KiB of native zlib
 * memory that only {@link Deflater#end()} frees, so: borrowed per response, {@code reset()} on return, and
 * {@code end()}ed when the pool is full (eviction) or closed. Never thread-local (Jetty #2579: one Deflater
 * per worker thread times hundreds of threads).
 */
final class DeflaterPool implements AutoCloseable {
    /** What a response borrows: the Deflater with its output scratch buffer and the gzip CRC. */
    static final class Entry {
        final Deflater deflater;
        final byte[] buffer = new byte[8192];
        final CRC32 crc = new CRC32();

        Entry(Deflater deflater) {
            this.deflater = deflater;
        }
    }

    private final int level;
    private final boolean nowrap;
    private final ArrayBlockingQueue<Entry> idle;
    private final AtomicLong created = new AtomicLong();
    private final AtomicLong ended = new AtomicLong();
    private volatile boolean closed;

    DeflaterPool(int level, boolean nowrap, int capacity) {
        this.level = level;
        this.nowrap = nowrap;
        this.idle = new ArrayBlockingQueue<>(capacity);
    }

    /** @return four per core, between 4 and 64 */
    static int defaultCapacity() {
        return Math.max(4, Math.min(64, 4 * Runtime.getRuntime().availableProcessors()));
    }

    Entry acquire() {
        Entry e = idle.poll();
        if (e != null) {
            return e;
        }
        created.incrementAndGet();
        return new Entry(new Deflater(level, nowrap));
    }

    void release(Entry e) {
        e.deflater.reset();
        e.crc.reset();
        if (closed || !idle.offer(e)) {
            end(e);
            return;
        }
        if (closed) { // closed while we offered: make sure nothing stays in the pool un-ended
            drain();
        }
    }

    private void end(Entry e) {
        e.deflater.end();
        ended.incrementAndGet();
    }

    private void drain() {
        Entry e;
        while ((e = idle.poll()) != null) {
            end(e);
        }
    }

    /** @return Deflaters created so far */
    long created() {
        return created.get();
    }

    /** @return Deflaters ended so far */
    long ended() {
        return ended.get();
    }

    /** @return Deflaters idle in the pool */
    int idle() {
        return idle.size();
    }

    @Override
    public void close() {
        closed = true;
        drain();
    }
}
