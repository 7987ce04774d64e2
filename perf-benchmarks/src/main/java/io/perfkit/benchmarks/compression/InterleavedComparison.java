package io.perfkit.benchmarks.compression;

import com.aayushatharva.brotli4j.Brotli4jLoader;
import com.aayushatharva.brotli4j.encoder.Encoder;
import com.github.luben.zstd.ZstdCompressCtx;
import io.perfkit.compression.CompressionConfig;
import io.perfkit.compression.CompressionFilter;
import io.perfkit.compression.ContentEncoding;
import io.perfkit.compression.brotli.BrotliEncoding;
import io.perfkit.compression.zstd.ZstdEncoding;
import jakarta.servlet.FilterChain;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * The filter against the raw codec, measured in alternating 200 ms slices on one thread, so that both sides see
 * the same machine load; prints the median throughput of each and the median of the per-round ratios, by wall
 * time and by the thread's CPU time (which other processes on a shared machine disturb much less). A
 * companion to the JMH benchmarks for shared, noisy machines, where two JMH runs minutes apart are not
 * comparable. Run: {@code java -cp perf-benchmarks/target/benchmarks.jar
 * io.perfkit.benchmarks.compression.InterleavedComparison [gzip] [br] [zstd]} (no argument: all three).
 */
public final class InterleavedComparison {
    private static final int ROUNDS = 41;
    private static final long SLICE_NANOS = 200_000_000L;

    private InterleavedComparison() {}

    private interface Op {
        long run() throws Exception;
    }

    /**
     * Prints the comparison table.
     *
     * @param args the codings to compare ({@code gzip}, {@code br}, {@code zstd}); none for all
     * @throws Exception never
     */
    public static void main(String[] args) throws Exception {
        Brotli4jLoader.ensureAvailability();
        System.out.println("| coding | body | filter MB/s | raw MB/s | filter / raw (median of rounds) "
                + "| filter / raw, CPU time |");
        System.out.println("|---|---:|---:|---:|---:|---:|");
        java.util.List<String> only = Arrays.asList(args);
        for (int size : new int[] {2048, 65536}) {
            byte[] body = JsonPayload.of(size);
            if (only.isEmpty() || only.contains("gzip")) {
                compare("gzip 6", size, filterOp(ContentEncoding.gzip(6), "gzip", body), rawDeflater(body));
            }
            if (only.isEmpty() || only.contains("br")) {
                compare("br 4", size, filterOp(BrotliEncoding.quality(4), "br", body), rawBrotli(body));
            }
            if (only.isEmpty() || only.contains("zstd")) {
                compare("zstd 3", size, filterOp(ZstdEncoding.level(3), "zstd", body), rawZstd(body));
            }
        }
    }

    private static Op filterOp(ContentEncoding coding, String token, byte[] body) {
        CompressionFilter filter = CompressionFilter.of(CompressionConfig.builder().encodings(coding).build());
        ServletStubs.Request request = new ServletStubs.Request(token);
        ServletStubs.Response response = new ServletStubs.Response();
        FilterChain chain = ServletStubs.writing(body, "application/json");
        return () -> ServletStubs.serve(filter, request, response, chain);
    }

    private static Op rawDeflater(byte[] body) {
        Deflater deflater = new Deflater(6, true);
        CRC32 crc = new CRC32();
        byte[] scratch = new byte[8192];
        return () -> {
            deflater.reset();
            crc.reset();
            crc.update(body, 0, body.length);
            deflater.setInput(body);
            deflater.finish();
            long n = 0;
            while (!deflater.finished()) {
                n += deflater.deflate(scratch);
            }
            return n + (crc.getValue() & 1);
        };
    }

    private static Op rawBrotli(byte[] body) {
        Encoder.Parameters parameters = new Encoder.Parameters().setQuality(4).setWindow(22);
        return () -> Encoder.compress(body, parameters).length;
    }

    private static Op rawZstd(byte[] body) {
        ZstdCompressCtx ctx = new ZstdCompressCtx().setLevel(3);
        byte[] out = new byte[body.length + 1024];
        return () -> ctx.compress(out, body);
    }

    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();
    /** CPU nanoseconds the last {@link #opsPerSecond} slice took per operation. */
    private static double lastCpuPerOp;

    private static double opsPerSecond(Op op) throws Exception {
        long cpuStart = THREADS.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        long ops = 0;
        long sink = 0;
        long now;
        do {
            sink += op.run();
            ops++;
            now = System.nanoTime();
        } while (now - start < SLICE_NANOS);
        if (sink == 42) {
            System.out.print("");
        }
        lastCpuPerOp = (double) (THREADS.getCurrentThreadCpuTime() - cpuStart) / ops;
        return ops * 1e9 / (now - start);
    }

    private static void compare(String name, int size, Op filter, Op raw) throws Exception {
        for (int i = 0; i < 10; i++) { // warm-up
            opsPerSecond(filter);
            opsPerSecond(raw);
        }
        double[] f = new double[ROUNDS];
        double[] r = new double[ROUNDS];
        double[] ratio = new double[ROUNDS];
        double[] cpuRatio = new double[ROUNDS];
        for (int i = 0; i < ROUNDS; i++) {
            boolean filterFirst = i % 2 == 0;
            double a = opsPerSecond(filterFirst ? filter : raw);
            double cpuA = lastCpuPerOp;
            double b = opsPerSecond(filterFirst ? raw : filter);
            double cpuB = lastCpuPerOp;
            f[i] = filterFirst ? a : b;
            r[i] = filterFirst ? b : a;
            ratio[i] = f[i] / r[i];
            cpuRatio[i] = filterFirst ? cpuB / cpuA : cpuA / cpuB; // raw CPU per op over the filter's
        }
        System.out.println(String.format(Locale.ROOT, "| %s | %d KiB | %.0f | %.0f | %.2f | %.2f |", name,
                size / 1024, median(f) * size / 1e6, median(r) * size / 1e6, median(ratio), median(cpuRatio)));
    }

    private static double median(double[] values) {
        double[] copy = values.clone();
        Arrays.sort(copy);
        return copy[copy.length / 2];
    }
}
