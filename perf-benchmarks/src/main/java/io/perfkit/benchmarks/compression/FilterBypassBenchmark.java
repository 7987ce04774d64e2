package io.perfkit.benchmarks.compression;

import io.perfkit.compression.CompressionConfig;
import io.perfkit.compression.CompressionFilter;
import io.perfkit.compression.ContentEncoding;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Enumeration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.jspecify.annotations.Nullable;

/**
 * What a response the filter leaves uncompressed costs, against the same response with no filter at all:
 * a 512-byte JSON body (below the 1 KiB minimum), an 8 KiB body to a client that sent no Accept-Encoding, an
 * 8 KiB PNG, and an excluded path. The {@code *Recycled} rows run the same responses through a filter with
 * {@code recycledWrappers} on, so the wrappers come from its pool instead of being allocated.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FilterBypassBenchmark {
    private CompressionFilter filter;
    private CompressionFilter excluding;
    private CompressionFilter recycling;
    private FilterChain small;
    private FilterChain largeWithVary;
    private FilterChain smallWithHeaders;
    private FilterChain large;
    private FilterChain png;
    private final ServletStubs.Request accepting = new ServletStubs.Request("gzip, deflate, br, zstd");
    private final ServletStubs.Request plain = new ServletStubs.Request(null);
    private final ServletStubs.Request plainNoAsync = new ServletStubs.Request(null, "GET", false);
    private final ServletStubs.Request head = new ServletStubs.Request("gzip, deflate, br, zstd", "HEAD", true);
    private final ServletStubs.Response response = new ServletStubs.Response();

    /** Builds the filters and bodies. */
    @Setup(Level.Trial)
    public void setUp() {
        filter = CompressionFilter.of(CompressionConfig.builder().encodings(ContentEncoding.gzip()).build());
        excluding = CompressionFilter.of(CompressionConfig.builder().encodings(ContentEncoding.gzip())
                .excludedPaths("/api/*").build());
        small = ServletStubs.writing(JsonPayload.of(512), "application/json");
        large = ServletStubs.writing(JsonPayload.of(8192), "application/json");
        recycling = CompressionFilter.of(CompressionConfig.builder().encodings(ContentEncoding.gzip())
                .recycledWrappers(4).build());
        byte[] largeBody = JsonPayload.of(8192);
        largeWithVary = (req, resp) -> {
            resp.setContentType("application/json");
            ((HttpServletResponse) resp).setHeader("Vary", "Accept-Encoding");
            resp.getOutputStream().write(largeBody);
        };
        byte[] smallBody = JsonPayload.of(512);
        smallWithHeaders = (req, resp) -> {
            resp.setContentType("application/json");
            Enumeration<String> accepted = ((HttpServletRequest) req).getHeaders("Accept-Encoding");
            while (accepted.hasMoreElements()) {
                accepted.nextElement();
            }
            ((HttpServletResponse) resp).setHeader("Vary", "Accept-Encoding");
            resp.getOutputStream().write(smallBody);
        };
        png = ServletStubs.writing(JsonPayload.of(8192), "image/png");
    }

    private long run(ServletStubs.Request request, FilterChain chain, @Nullable CompressionFilter f)
            throws IOException, ServletException {
        request.reset();
        response.reset(null);
        if (f == null) {
            chain.doFilter(request, response);
        } else {
            f.doFilter(request, response, chain);
        }
        return response.bytes();
    }

    /**
     * Baseline: 512 bytes, no filter.
     *
     * @return bytes
     * @throws Exception never
     */
    @Benchmark
    public long noFilterSmall() throws Exception {
        return run(accepting, small, null);
    }

    /**
     * 512 bytes through the filter: buffered, then sent as is (below minSize).
     *
     * @return bytes
     * @throws Exception never
     */
    @Benchmark
    public long filterBelowMinSize() throws Exception {
        return run(accepting, small, filter);
    }

    /**
     * Baseline: 8 KiB, no filter.
     *
     * @return bytes
     * @throws Exception never
     */
    @Benchmark
    public long noFilterLarge() throws Exception {
        return run(plain, large, null);
    }

    /**
     * 8 KiB to a client without Accept-Encoding.
     *
     * @return bytes
     * @throws Exception never
     */
    @Benchmark
    public long filterNotAccepted() throws Exception {
        return run(plain, large, filter);
    }

    /**
     * 8 KiB to a client without Accept-Encoding, served by a servlet without async support (no request wrapper).
     *
     * @return bytes
     * @throws Exception never
     */
    @Benchmark
    public long filterNotAcceptedNoAsync() throws Exception {
        return run(plainNoAsync, large, filter);
    }

    /**
     * A HEAD request for 8 KiB of JSON (the servlet writes the body; a container would discard it).
     *
     * @return bytes
     * @throws Exception never
     */
    @Benchmark
    public long filterHead() throws Exception {
        return run(head, large, filter);
    }

    /**
     * 8 KiB of image/png to a client that accepts gzip.
     *
     * @return bytes
     * @throws Exception never
     */
    @Benchmark
    public long filterIncompressibleType() throws Exception {
        return run(accepting, png, filter);
    }

    /**
     * 8 KiB on an excluded path.
     *
     * @return bytes
     * @throws Exception never
     */
    @Benchmark
    public long filterExcludedPath() throws Exception {
        return run(accepting, large, excluding);
    }

    /**
     * Baseline: 8 KiB, no filter, the servlet itself setting {@code Vary: Accept-Encoding} (what storing that
     * header costs the container).
     *
     * @return bytes
     * @throws Exception never
     */
    @Benchmark
    public long noFilterLargeWithVary() throws Exception {
        return run(plain, largeWithVary, null);
    }

    /**
     * Baseline: 512 bytes, no filter, the servlet itself reading every {@code Accept-Encoding} value and setting
     * {@code Vary: Accept-Encoding} (the container's cost of the two header operations a below-minSize skip needs).
     *
     * @return bytes
     * @throws Exception never
     */
    @Benchmark
    public long noFilterSmallWithHeaders() throws Exception {
        return run(accepting, smallWithHeaders, null);
    }

    /**
     * {@link #filterBelowMinSize()} with recycled wrappers.
     *
     * @return bytes
     * @throws Exception never
     */
    @Benchmark
    public long filterBelowMinSizeRecycled() throws Exception {
        return run(accepting, small, recycling);
    }

    /**
     * {@link #filterNotAccepted()} with recycled wrappers.
     *
     * @return bytes
     * @throws Exception never
     */
    @Benchmark
    public long filterNotAcceptedRecycled() throws Exception {
        return run(plain, large, recycling);
    }

    /**
     * {@link #filterHead()} with recycled wrappers.
     *
     * @return bytes
     * @throws Exception never
     */
    @Benchmark
    public long filterHeadRecycled() throws Exception {
        return run(head, large, recycling);
    }

    /**
     * {@link #filterIncompressibleType()} with recycled wrappers.
     *
     * @return bytes
     * @throws Exception never
     */
    @Benchmark
    public long filterIncompressibleTypeRecycled() throws Exception {
        return run(accepting, png, recycling);
    }
}
