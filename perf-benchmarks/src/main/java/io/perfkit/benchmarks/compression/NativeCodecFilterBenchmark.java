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
import jakarta.servlet.ServletException;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
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
 * One brotli (quality 4) or zstd (level 3) response through the {@link CompressionFilter}, against the raw
 * library's best one-shot call on the same bytes: brotli4j {@code Encoder.compress}, zstd-jni with a reused
 * {@code ZstdCompressCtx}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class NativeCodecFilterBenchmark {
    /** Body size in bytes. */
    @Param({"2048", "65536"})
    public int size;

    /** The coding. */
    @Param({"br", "zstd"})
    public String encoding;

    private byte[] body;
    private CompressionFilter filter;
    private FilterChain chain;
    private ServletStubs.Request request;
    private final ServletStubs.Response response = new ServletStubs.Response();
    private final Encoder.Parameters brotliParameters = new Encoder.Parameters().setQuality(4).setWindow(22);
    private ZstdCompressCtx zstd;
    private byte[] zstdOut;

    /** Builds the body, the filter and the raw encoders. */
    @Setup(Level.Trial)
    public void setUp() {
        Brotli4jLoader.ensureAvailability();
        body = JsonPayload.of(size);
        ContentEncoding coding = encoding.equals("br") ? BrotliEncoding.quality(4) : ZstdEncoding.level(3);
        filter = CompressionFilter.of(CompressionConfig.builder().encodings(coding).build());
        chain = ServletStubs.writing(body, "application/json");
        request = new ServletStubs.Request(encoding);
        zstd = new ZstdCompressCtx().setLevel(3);
        zstdOut = new byte[size + 1024];
    }

    /** Frees native state. */
    @TearDown(Level.Trial)
    public void tearDown() {
        filter.destroy();
        zstd.close();
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
     * Raw baseline: the library's one-shot compression of the same body.
     *
     * @return bytes produced
     * @throws IOException never
     */
    @Benchmark
    public long raw() throws IOException {
        if (encoding.equals("br")) {
            return Encoder.compress(body, brotliParameters).length;
        }
        return zstd.compress(zstdOut, body);
    }
}
