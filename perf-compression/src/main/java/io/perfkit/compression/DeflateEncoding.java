package io.perfkit.compression;

import io.perfkit.core.Require;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.Deflater;
import org.jspecify.annotations.Nullable;

/** gzip (RFC 1952) or HTTP deflate (zlib, RFC 1950) on pooled JDK Deflaters. */
final class DeflateEncoding implements ContentEncoding {
    private static final byte[] GZIP_HEADER = {
        (byte) 0x1f, (byte) 0x8b, Deflater.DEFLATED, 0, 0, 0, 0, 0, 0, (byte) 0xff
    };

    private final String token;
    private final boolean gzip;
    private final int level;
    private final DeflaterPool pool;

    DeflateEncoding(String token, boolean gzip, int level, int poolCapacity) {
        Require.argument(level >= 1 && level <= 9, "%s level must be between 1 and 9, but was %s", token, level);
        this.token = token;
        this.gzip = gzip;
        this.level = level;
        // gzip frames raw deflate itself (header, CRC, trailer); HTTP deflate is the zlib format
        this.pool = new DeflaterPool(level, gzip, poolCapacity);
    }

    @Override
    public String token() {
        return token;
    }

    @Override
    public Compressor newCompressor() {
        return new DeflateCompressor(pool, gzip);
    }

    DeflaterPool pool() {
        return pool;
    }

    @Override
    public void close() {
        pool.close();
    }

    @Override
    public String toString() {
        return token + "(level " + level + ")";
    }

    private static final class DeflateCompressor implements Compressor {
        private final DeflaterPool pool;
        private final boolean gzip;
        private DeflaterPool.@Nullable Entry entry;
        private boolean started;

        DeflateCompressor(DeflaterPool pool, boolean gzip) {
            this.pool = pool;
            this.gzip = gzip;
            this.entry = pool.acquire();
        }

        private DeflaterPool.Entry entry() throws IOException {
            DeflaterPool.Entry e = entry;
            if (e == null) {
                throw new IOException("compressor closed");
            }
            return e;
        }

        private void start(OutputStream out) throws IOException {
            if (!started) {
                started = true;
                if (gzip) {
                    out.write(GZIP_HEADER);
                }
            }
        }

        @Override
        public void write(byte[] b, int off, int len, OutputStream out) throws IOException {
            DeflaterPool.Entry e = entry();
            start(out);
            if (len == 0) {
                return;
            }
            if (gzip) {
                e.crc.update(b, off, len);
            }
            Deflater d = e.deflater;
            d.setInput(b, off, len);
            byte[] buf = e.buffer;
            while (!d.needsInput()) {
                int n = d.deflate(buf, 0, buf.length, Deflater.NO_FLUSH);
                if (n > 0) {
                    out.write(buf, 0, n);
                }
            }
        }

        @Override
        public void flush(OutputStream out) throws IOException {
            DeflaterPool.Entry e = entry();
            start(out);
            byte[] buf = e.buffer;
            int n;
            do {
                n = e.deflater.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH);
                if (n > 0) {
                    out.write(buf, 0, n);
                }
            } while (n == buf.length);
        }

        @Override
        public void finish(OutputStream out) throws IOException {
            DeflaterPool.Entry e = entry();
            start(out);
            Deflater d = e.deflater;
            d.finish();
            byte[] buf = e.buffer;
            while (!d.finished()) {
                int n = d.deflate(buf, 0, buf.length);
                if (n > 0) {
                    out.write(buf, 0, n);
                }
            }
            if (gzip) {
                long crc = e.crc.getValue();
                long size = d.getBytesRead();
                byte[] trailer = {
                    (byte) crc, (byte) (crc >> 8), (byte) (crc >> 16), (byte) (crc >> 24),
                    (byte) size, (byte) (size >> 8), (byte) (size >> 16), (byte) (size >> 24)
                };
                out.write(trailer);
            }
        }

        @Override
        public void close() {
            DeflaterPool.Entry e = entry;
            if (e != null) {
                entry = null;
                pool.release(e);
            }
        }
    }
}
