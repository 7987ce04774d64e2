package io.perfkit.benchmarks.compression;

import io.perfkit.compression.CompressionConfig;
import io.perfkit.compression.CompressionFilter;
import io.perfkit.compression.ContentEncoding;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.eclipse.jetty.compression.gzip.GzipCompression;
import org.eclipse.jetty.compression.gzip.GzipEncoderConfig;
import org.eclipse.jetty.compression.server.CompressionHandler;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
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
 * perfkit's {@link CompressionFilter} against Jetty 12's own {@link CompressionHandler} (module
 * {@code jetty-compression-gzip}), both in a real embedded Jetty 12.1 behind a real {@code java.net.http} client
 * over loopback HTTP/1.1, on the same JSON bodies, gzip level 6 and a 1 KiB minimum size on both sides.
 *
 * <p>Jetty's handler works on Jetty's core request/response, below the servlet layer, so it cannot be called
 * in-process like the filter's other benchmarks; here both go through the same server stack and the same
 * client, and {@code none} (the same servlet, no compression) shows what the HTTP round trip itself costs.
 * Each target is its own {@link Server} on its own port, built identically except for the compression.
 * The setup checks that both compressed endpoints really answer {@code Content-Encoding: gzip} with a body that
 * decompresses to the servlet's bytes, so the comparison cannot silently measure identity responses.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class JettyCompressionBenchmark {
    private static final int LEVEL = 6;
    private static final int MIN_SIZE = 1024;

    /** Body size in bytes. */
    @Param({"2048", "65536"})
    public int size;

    private Server none;
    private Server filter;
    private Server jetty;
    private HttpClient client;
    private HttpRequest noneRequest;
    private HttpRequest filterRequest;
    private HttpRequest jettyRequest;

    /**
     * Starts the three servers and checks the compressed endpoints.
     *
     * @throws Exception if a server does not start or an endpoint does not compress
     */
    @Setup(Level.Trial)
    public void setUp() throws Exception {
        byte[] body = JsonPayload.of(size);
        none = start(body, false, false);
        filter = start(body, true, false);
        jetty = start(body, false, true);
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        noneRequest = request(none);
        filterRequest = request(filter);
        jettyRequest = request(jetty);
        check(noneRequest, body, false);
        check(filterRequest, body, true);
        check(jettyRequest, body, true);
    }

    /**
     * Stops the servers.
     *
     * @throws Exception if a server does not stop
     */
    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        for (Server s : new Server[] {none, filter, jetty}) {
            if (s != null) {
                s.stop();
            }
        }
    }

    private static Server start(byte[] body, boolean withFilter, boolean withJettyHandler) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addServlet(new ServletHolder(new JsonServlet(body)), "/orders");
        if (withFilter) {
            CompressionFilter f = CompressionFilter.of(CompressionConfig.builder()
                    .encodings(ContentEncoding.gzip(LEVEL)).minSize(MIN_SIZE).build());
            context.addFilter(new FilterHolder(f), "/*", EnumSet.of(DispatcherType.REQUEST));
        }
        if (withJettyHandler) {
            GzipCompression gzip = new GzipCompression();
            GzipEncoderConfig encoder = new GzipEncoderConfig();
            encoder.setCompressionLevel(LEVEL);
            gzip.setDefaultEncoderConfig(encoder);
            gzip.setMinCompressSize(MIN_SIZE);
            CompressionHandler handler = new CompressionHandler(context);
            handler.putCompression(gzip);
            server.setHandler(handler);
        } else {
            server.setHandler(context);
        }
        server.start();
        return server;
    }

    private static HttpRequest request(Server server) {
        int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/orders"))
                .header("Accept-Encoding", "gzip").timeout(Duration.ofSeconds(30)).GET().build();
    }

    private void check(HttpRequest request, byte[] body, boolean compressed) throws Exception {
        HttpResponse<byte[]> r = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        String encoding = r.headers().firstValue("Content-Encoding").orElse("identity");
        byte[] received = r.body();
        if (compressed) {
            if (!encoding.equals("gzip")) {
                throw new IllegalStateException(request.uri() + " answered Content-Encoding " + encoding);
            }
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(received))) {
                received = in.readAllBytes();
            }
        }
        if (!Arrays.equals(received, body)) {
            throw new IllegalStateException(request.uri() + " did not return the servlet's body");
        }
    }

    private long send(HttpRequest request) throws IOException, InterruptedException {
        return client.send(request, HttpResponse.BodyHandlers.ofByteArray()).body().length;
    }

    /**
     * Baseline: the same servlet with no compression.
     *
     * @return bytes received
     * @throws Exception if the request fails
     */
    @Benchmark
    public long none() throws Exception {
        return send(noneRequest);
    }

    /**
     * perfkit's CompressionFilter, gzip 6.
     *
     * @return bytes received
     * @throws Exception if the request fails
     */
    @Benchmark
    public long perfkitFilter() throws Exception {
        return send(filterRequest);
    }

    /**
     * Jetty's CompressionHandler with GzipCompression, gzip 6.
     *
     * @return bytes received
     * @throws Exception if the request fails
     */
    @Benchmark
    public long jettyCompressionHandler() throws Exception {
        return send(jettyRequest);
    }

    /** Writes the JSON body as {@code application/json}. */
    private static final class JsonServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;
        private final transient byte[] body;

        JsonServlet(byte[] body) {
            this.body = body;
        }

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
            resp.setContentType("application/json");
            try {
                resp.getOutputStream().write(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
