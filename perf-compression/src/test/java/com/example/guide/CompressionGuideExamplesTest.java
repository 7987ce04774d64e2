package com.example.guide;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.perfkit.compression.CacheControl;
import io.perfkit.compression.CacheControlFilter;
import io.perfkit.compression.CompressionConfig;
import io.perfkit.compression.CompressionFilter;
import io.perfkit.compression.ContentEncoding;
import io.perfkit.compression.ETagFilter;
import io.perfkit.compression.brotli.BrotliEncoding;
import io.perfkit.compression.micrometer.MicrometerCompressionRecorder;
import io.perfkit.compression.zstd.ZstdEncoding;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import java.util.zip.GZIPInputStream;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;

/**
 * The examples of docs/compression.md. Each region between {@code tag::name[]} and {@code end::name[]} is copied
 * into the page; perf-core's DocSnippetsTest fails the build when they drift apart.
 */
class CompressionGuideExamplesTest {
    /** An application servlet: an account page that shows a CSRF token next to the user's own search text. */
    static final class AccountServlet extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            // tag::sensitive[]
            // This page echoes the query next to a per-session secret: never compress it (BREACH).
            CompressionFilter.markSensitive(request);
            // end::sensitive[]
            response.setContentType("text/html;charset=utf-8");
            response.getWriter().write("<p>" + "x".repeat(4000) + "</p>");
        }
    }

    static final class OrdersServlet extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setContentType("application/json");
            response.getWriter().write("[" + "{\"id\":1,\"status\":\"SHIPPED\"},".repeat(200) + "{}]");
        }
    }

    @Test
    void wiringInJetty() throws Exception {
        MeterRegistry meterRegistry = new SimpleMeterRegistry();
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);

        // tag::setup[]
        CompressionConfig config = CompressionConfig.builder()
                .encodings(BrotliEncoding.quality(4), ZstdEncoding.level(3), ContentEncoding.gzip(6))
                .minSize(1024)
                .excludedPaths("/downloads/*")
                .recorder(MicrometerCompressionRecorder.of(meterRegistry))
                .build();

        ServletContextHandler context = new ServletContextHandler();
        EnumSet<DispatcherType> dispatches = EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC);
        // outermost: Cache-Control by path
        context.addFilter(new FilterHolder(CacheControlFilter.builder()
                .rule("/assets/*",
                        CacheControl.builder().publicCache().maxAge(Duration.ofDays(365)).immutable().build())
                .rule("/api/*", CacheControl.builder().privateCache().noCache().build())
                .build()), "/*", dispatches);
        // then compression
        context.addFilter(new FilterHolder(CompressionFilter.of(config)), "/*", dispatches);
        // innermost: ETags over the identity bytes, 304 before anything is compressed
        context.addFilter(new FilterHolder(ETagFilter.builder().maxBodySize(256 * 1024).build()), "/api/*",
                EnumSet.of(DispatcherType.REQUEST));
        // end::setup[]
        context.addServlet(new ServletHolder(new OrdersServlet()), "/api/orders");
        context.addServlet(new ServletHolder(new AccountServlet()), "/account");
        server.setHandler(context);
        server.start();
        try {
            HttpClient client = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + connector.getLocalPort();
            HttpResponse<byte[]> orders = client.send(HttpRequest.newBuilder(URI.create(base + "/api/orders"))
                    .header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(orders.headers().firstValue("Content-Encoding")).hasValue("gzip");
            assertThat(orders.headers().firstValue("ETag")).hasValueSatisfying(e -> assertThat(e).startsWith("W/"));
            assertThat(orders.headers().firstValue("Cache-Control")).hasValue("private, no-cache");
            assertThat(new String(new GZIPInputStream(new java.io.ByteArrayInputStream(orders.body())).readAllBytes()))
                    .startsWith("[{\"id\":1");

            HttpResponse<byte[]> account = client.send(HttpRequest.newBuilder(URI.create(base + "/account"))
                    .header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(account.headers().firstValue("Content-Encoding")).isEmpty();

            assertThat(meterRegistry.get("perfkit.compression.bytes").tags("direction", "in", "encoding", "gzip")
                    .counter().count()).isGreaterThan(4000);
            assertThat(meterRegistry.get("perfkit.compression.skipped").tags("reason", "sensitive").counter().count())
                    .isEqualTo(1);
        } finally {
            server.stop();
        }
    }

    @Test
    void recyclingWrappers() {
        // tag::recycling[]
        CompressionConfig config = CompressionConfig.builder()
                .recycledWrappers(64) // idle wrapper sets kept; 0 (the default) turns recycling off
                .build();
        // end::recycling[]
        assertThat(config.recycledWrappers()).isEqualTo(64);
    }
}
