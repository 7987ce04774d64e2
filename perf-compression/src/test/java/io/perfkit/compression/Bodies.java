package io.perfkit.compression;

import com.aayushatharva.brotli4j.decoder.BrotliInputStream;
import com.github.luben.zstd.ZstdInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

/** Realistic JSON bodies, and the real decoders of each coding. */
final class Bodies {
    private static final String[] CITIES = {"Lisbon", "Oslo", "Kyoto", "Lima", "Nairobi", "Quebec", "Tallinn"};
    private static final String[] NAMES = {"Ana", "Bruno", "Chen", "Dana", "Emeka", "Fatima", "Goran", "Hana"};

    private Bodies() {}

    /** A JSON array of order-like objects, exactly {@code size} bytes (cut at the end if needed). */
    static byte[] json(int size) {
        StringBuilder sb = new StringBuilder(size + 256).append('[');
        java.util.Random random = new java.util.Random(42);
        int i = 0;
        while (sb.length() < size) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append("{\"id\":").append(100_000 + i)
                    .append(",\"customer\":\"").append(NAMES[random.nextInt(NAMES.length)]).append(' ')
                    .append((char) ('A' + random.nextInt(26))).append(".\"")
                    .append(",\"city\":\"").append(CITIES[random.nextInt(CITIES.length)]).append('"')
                    .append(",\"total\":").append(random.nextInt(100_000) / 100.0)
                    .append(",\"status\":\"").append(random.nextBoolean() ? "SHIPPED" : "PENDING").append('"')
                    .append(",\"ref\":\"").append(new java.util.UUID(random.nextLong(), random.nextLong()))
                    .append("\"}");
            i++;
        }
        sb.append(']');
        byte[] all = sb.toString().getBytes(StandardCharsets.UTF_8);
        return java.util.Arrays.copyOf(all, size);
    }

    static byte[] decode(String encoding, byte[] body) throws IOException {
        try (InputStream in = decoder(encoding, new ByteArrayInputStream(body))) {
            return in.readAllBytes();
        }
    }

    static InputStream decoder(String encoding, InputStream in) throws IOException {
        switch (encoding) {
            case "gzip":
                return new GZIPInputStream(in);
            case "deflate":
                return new InflaterInputStream(in);
            case "br": {
                BrotliInputStream br = new BrotliInputStream(in);
                br.enableEagerOutput(); // emit flushed data at once, as browsers' decoders do
                return new AvailableBytesOnly(br);
            }
            case "zstd":
                return new ZstdInputStream(in);
            default:
                throw new IllegalArgumentException(encoding);
        }
    }

    /**
     * brotli4j's BrotliInputStream.read(byte[], int, int) keeps reading until the array is full, so a flushed
     * prefix of a live stream would block; this reads what is already decoded, like read() does.
     */
    private static final class AvailableBytesOnly extends java.io.FilterInputStream {
        AvailableBytesOnly(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            int c = in.read();
            if (c < 0) {
                return -1;
            }
            b[off] = (byte) c;
            int n = 1;
            while (n < len && in.available() > 0) {
                c = in.read();
                if (c < 0) {
                    break;
                }
                b[off + n++] = (byte) c;
            }
            return n;
        }
    }
}
