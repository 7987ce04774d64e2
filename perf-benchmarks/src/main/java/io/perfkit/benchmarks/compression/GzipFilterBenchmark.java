package io.perfkit.benchmarks.compression;

import io.perfkit.compression.CompressionConfig;
import io.perfkit.compression.CompressionFilter;
import io.perfkit.compression.ContentEncoding;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One gzip response (level 6) of realistic JSON: through the {@link CompressionFilter} (negotiation, headers,
 * bounded buffering, pooled Deflater, gzip framing) against the raw JDK on the same bytes: a new
 * {@link GZIPOutputStream} per response (what Tomcat does) and a reused {@link Deflater} with CRC (the floor).
 * Throughput in MB/s is {@code size / time}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class GzipFilterBenchmark {
    /** Body size in bytes: a small API response and a large one. */
    @Param({"2048", "65536"})
    public int size;

    private byte[] body;
    private CompressionFilter filter;
    private CompressionFilter recycling;
    private FilterChain chain;
    private final ServletStubs.Request request = new ServletStubs.Request("gzip, deflate, br, zstd");
    private final ServletStubs.Response response = new ServletStubs.Response();
    private final ServletStubs.Discard sink = new ServletStubs.Discard();
    private final Deflater deflater = new Deflater(6, true);
    private final CRC32 crc = new CRC32();
    private final byte[] scratch = new byte[8192];

    /** Builds the body and the filter. */
    @Setup(Level.Trial)
    public void setUp() {
        body = JsonPayload.of(size);
        filter = CompressionFilter.of(CompressionConfig.builder().encodings(ContentEncoding.gzip(6)).build());
        recycling = CompressionFilter.of(CompressionConfig.builder().encodings(ContentEncoding.gzip(6))
                .recycledWrappers(4).build());
        chain = ServletStubs.writing(body, "application/json");
    }

    /** Frees the pooled Deflaters. */
    @TearDown(Level.Trial)
    public void tearDown() {
        filter.destroy();
        recycling.destroy();
        deflater.end();
    }

    /**
     * The filter: a whole response.
     *
     * @return bytes sent
     * @throws IOException never
     * @throws ServletException never
     */
    @Benchmark
    public long filter() throws IOException, ServletException {
        return ServletStubs.serve(filter, request, response, chain);
    }

    /**
     * The filter with {@code recycledWrappers} on: the same response, wrappers from the filter's pool.
     *
     * @return bytes sent
     * @throws IOException never
     * @throws ServletException never
     */
    @Benchmark
    public long filterRecycled() throws IOException, ServletException {
        return ServletStubs.serve(recycling, request, response, chain);
    }

    /**
     * Raw baseline: {@code new GZIPOutputStream} per response, level 6 (the JDK default).
     *
     * @return bytes sent
     * @throws IOException never
     */
    @Benchmark
    public long rawGzipOutputStream() throws IOException {
        long before = sink.count;
        GZIPOutputStream gzip = new GZIPOutputStream(sink, 8192);
        gzip.write(body);
        gzip.finish();
        gzip.close();
        return sink.count - before;
    }

    /**
     * Raw floor: a reused {@link Deflater} (level 6, raw deflate) plus CRC32, no framing, no headers.
     *
     * @return bytes produced
     */
    @Benchmark
    public long rawDeflater() {
        deflater.reset();
        crc.reset();
        crc.update(body, 0, body.length);
        deflater.setInput(body);
        deflater.finish();
        long n = 0;
        while (!deflater.finished()) {
            n += deflater.deflate(scratch);
        }
        return n + crc.getValue() % 2;
    }
}
