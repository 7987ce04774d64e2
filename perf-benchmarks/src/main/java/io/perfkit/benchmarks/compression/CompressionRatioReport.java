package io.perfkit.benchmarks.compression;

import com.aayushatharva.brotli4j.Brotli4jLoader;
import com.aayushatharva.brotli4j.encoder.Encoder;
import com.github.luben.zstd.Zstd;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

/**
 * Prints the size reduction of each coding and level on the benchmarks' JSON bodies (2 KiB, 64 KiB, 1 MiB), as
 * a Markdown table for docs/benchmarks.md. Run: {@code java -cp perf-benchmarks/target/benchmarks.jar
 * io.perfkit.benchmarks.compression.CompressionRatioReport}.
 */
public final class CompressionRatioReport {
    private CompressionRatioReport() {}

    /**
     * Prints the table.
     *
     * @param args none
     * @throws IOException never
     */
    public static void main(String[] args) throws IOException {
        Brotli4jLoader.ensureAvailability();
        int[] sizes = {2048, 65536, 1 << 20};
        System.out.println("| coding and level | 2 KiB | 64 KiB | 1 MiB |");
        System.out.println("|---|---:|---:|---:|");
        for (int level : new int[] {1, 6, 9}) {
            row("gzip " + level, sizes, body -> gzip(body, level));
        }
        for (int quality : new int[] {1, 4, 6, 11}) {
            row("br " + quality, sizes, body -> Encoder.compress(body, new Encoder.Parameters().setQuality(quality)));
        }
        for (int level : new int[] {1, 3, 9, 19}) {
            row("zstd " + level, sizes, body -> Zstd.compress(body, level));
        }
    }

    private interface Codec {
        byte[] compress(byte[] body) throws IOException;
    }

    private static void row(String name, int[] sizes, Codec codec) throws IOException {
        StringBuilder sb = new StringBuilder("| ").append(name).append(" |");
        for (int size : sizes) {
            byte[] body = JsonPayload.of(size);
            int out = codec.compress(body).length;
            sb.append(String.format(Locale.ROOT, " %.1f %% (%d B) |", 100.0 * (1 - (double) out / size), out));
        }
        System.out.println(sb);
    }

    private static byte[] gzip(byte[] body, int level) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out) {
            {
                def.setLevel(level);
            }
        }) {
            gzip.write(body);
        }
        return out.toByteArray();
    }
}
