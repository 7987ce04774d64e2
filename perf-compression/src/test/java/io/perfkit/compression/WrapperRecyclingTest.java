package io.perfkit.compression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perfkit.compression.brotli.BrotliEncoding;
import io.perfkit.compression.zstd.ZstdEncoding;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link CompressionConfig.Builder#recycledWrappers(int) Recycled wrappers} in a real Jetty 12: a small pool
 * serving many different responses in turn must never carry one response's headers, status, coding or bytes into
 * the next, must never hand out a wrapper an async request still uses, and with recycling off nothing is reused.
 */
class WrapperRecyclingTest {
    /** The response objects the application saw, by identity (a filter behind the CompressionFilter records them). */
    private final Set<Object> seen = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
    private final AtomicReference<ServletResponse> lastResponse = new AtomicReference<>();
    private final AtomicReference<ServletRequest> lastRequest = new AtomicReference<>();
    private final AtomicReference<AsyncContext> held = new AtomicReference<>();
    private final CountDownLatch asyncStarted = new CountDownLatch(1);
    private CompressionFilter filter;
    private JettyApp app;

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
    }

    private void start(int recycledWrappers) throws Exception {
        filter = CompressionFilter.of(CompressionConfig.builder()
                .encodings(BrotliEncoding.ofDefaults(), ZstdEncoding.ofDefaults(), ContentEncoding.gzip(),
                        ContentEncoding.deflate())
                .recycledWrappers(recycledWrappers)
                .build());
        Filter recording = (request, response, chain) -> {
            if (request.getDispatcherType() == DispatcherType.REQUEST) {
                seen.add(response);
                lastResponse.set(response);
                lastRequest.set(request);
            }
            chain.doFilter(request, response);
        };
        app = JettyApp.builder()
                .dispatches(EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.FORWARD,
                        DispatcherType.INCLUDE))
                .filter(filter)
                .filter(recording)
                .servlet("/body/*", new BodyServlet())
                .servlet("/error/*", new HttpServlet() {
                    @Override
                    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                        resp.setContentType("application/json");
                        resp.sendError(404);
                    }
                })
                .servlet("/boom/*", new HttpServlet() {
                    @Override
                    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                        resp.setContentType("application/json");
                        resp.getOutputStream().write(Bodies.json(100));
                        throw new IllegalStateException("the application failed");
                    }
                })
                .servlet("/hold/*", new HttpServlet() {
                    @Override
                    protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
                        resp.setContentType("application/json");
                        held.set(req.startAsync());
                        asyncStarted.countDown();
                    }
                })
                .servlet("/forward/*", new HttpServlet() {
                    @Override
                    protected void doGet(HttpServletRequest req, HttpServletResponse resp)
                            throws IOException, ServletException {
                        req.getRequestDispatcher("/body/x?size=25000&chunks=5").forward(req, resp);
                    }
                })
                .servlet("/include/*", new HttpServlet() {
                    @Override
                    protected void doGet(HttpServletRequest req, HttpServletResponse resp)
                            throws IOException, ServletException {
                        resp.setContentType("application/json");
                        resp.getOutputStream().write(Bodies.json(2000));
                        req.getRequestDispatcher("/body/x?size=25000").include(req, resp);
                    }
                })
                .servlet("/dispatch/*", new HttpServlet() {
                    @Override
                    protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
                        req.startAsync().dispatch("/body/x?size=30000&chunks=3");
                    }
                })
                .start();
    }

    /** One kind of request and everything its response must show. */
    private interface Case {
        void check() throws Exception;
    }

    private List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        cases.add(() -> { // compressed, several writes, strong ETag weakened
            HttpResponse<byte[]> r = app.get("/body/x?size=50000&chunks=7&etag=%22e1%22", "Accept-Encoding", "gzip");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Encoding")).hasValue("gzip");
            assertThat(r.headers().allValues("Vary")).containsExactly("Accept-Encoding");
            assertThat(r.headers().firstValue("ETag")).hasValue("W/\"e1\"");
            assertThat(Bodies.decode("gzip", r.body())).isEqualTo(Bodies.json(50000));
        });
        cases.add(() -> { // below minSize, declared length: identity with its Content-Length
            HttpResponse<byte[]> r = app.get("/body/x?size=700&cl=1&etag=%22e2%22", "Accept-Encoding", "br");
            assertThat(r.headers().firstValue("Content-Encoding")).isEmpty();
            assertThat(r.headers().firstValue("Content-Length")).hasValue("700");
            assertThat(r.headers().allValues("Vary")).containsExactly("Accept-Encoding");
            assertThat(r.headers().firstValue("ETag")).hasValue("\"e2\"");
            assertThat(r.body()).isEqualTo(Bodies.json(700));
        });
        cases.add(() -> { // HEAD: no body, no coding, still varies
            HttpResponse<byte[]> r = app.send("HEAD", "/body/x?size=8000", "Accept-Encoding", "gzip");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Encoding")).isEmpty();
            assertThat(r.headers().allValues("Vary")).containsExactly("Accept-Encoding");
            assertThat(r.body()).isEmpty();
        });
        cases.add(() -> { // 304 for the compressed variant: weak ETag, Vary, no body
            HttpResponse<byte[]> r = app.get("/body/x?status=304&etag=%22v1%22", "Accept-Encoding", "gzip",
                    "If-None-Match", "W/\"v1\"");
            assertThat(r.statusCode()).isEqualTo(304);
            assertThat(r.headers().firstValue("Content-Encoding")).isEmpty();
            assertThat(r.headers().allValues("Vary")).containsExactly("Accept-Encoding");
            assertThat(r.headers().firstValue("ETag")).hasValue("W/\"v1\"");
            assertThat(r.body()).isEmpty();
        });
        cases.add(() -> { // the servlet's own Vary, merged; another coding, through the writer
            HttpResponse<byte[]> r = app.get("/body/x?size=20000&vary=Origin&writer=1", "Accept-Encoding", "zstd");
            assertThat(r.headers().firstValue("Content-Encoding")).hasValue("zstd");
            assertThat(String.join(",", r.headers().allValues("Vary"))).isEqualTo("Origin, Accept-Encoding");
            assertThat(Bodies.decode("zstd", r.body())).isEqualTo(Bodies.json(20000));
        });
        cases.add(() -> { // incompressible type: untouched, no Vary
            HttpResponse<byte[]> r = app.get("/body/x?size=6000&type=image/png", "Accept-Encoding", "gzip");
            assertThat(r.headers().firstValue("Content-Encoding")).isEmpty();
            assertThat(r.headers().allValues("Vary")).isEmpty();
            assertThat(r.body()).isEqualTo(Bodies.json(6000));
        });
        cases.add(() -> { // no Accept-Encoding: identity, varies
            HttpResponse<byte[]> r = app.get("/body/x?size=9000");
            assertThat(r.headers().firstValue("Content-Encoding")).isEmpty();
            assertThat(r.headers().allValues("Vary")).containsExactly("Accept-Encoding");
            assertThat(r.body()).isEqualTo(Bodies.json(9000));
        });
        cases.add(() -> { // the first body byte-by-byte up to the buffer, then more: deflate
            HttpResponse<byte[]> r = app.get("/body/x?size=3000&chunks=3000", "Accept-Encoding", "deflate");
            assertThat(r.headers().firstValue("Content-Encoding")).hasValue("deflate");
            assertThat(Bodies.decode("deflate", r.body())).isEqualTo(Bodies.json(3000));
        });
        cases.add(() -> { // small body in small pieces: held, then sent as is
            HttpResponse<byte[]> r = app.get("/body/x?size=900&chunks=9", "Accept-Encoding", "br");
            assertThat(r.headers().firstValue("Content-Encoding")).isEmpty();
            assertThat(r.body()).isEqualTo(Bodies.json(900));
        });
        cases.add(() -> { // marked sensitive
            HttpResponse<byte[]> r = app.get("/body/x?size=8000&sensitive=1", "Accept-Encoding", "br");
            assertThat(r.headers().firstValue("Content-Encoding")).isEmpty();
            assertThat(r.body()).isEqualTo(Bodies.json(8000));
        });
        cases.add(() -> { // sendError: the container's error page, uncompressed
            HttpResponse<byte[]> r = app.get("/error/x", "Accept-Encoding", "gzip");
            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(r.headers().firstValue("Content-Encoding")).isEmpty();
        });
        cases.add(() -> { // an exception escapes the servlet: that wrapper is dropped, not recycled
            HttpResponse<byte[]> r = app.get("/boom/x", "Accept-Encoding", "gzip");
            assertThat(r.statusCode()).isEqualTo(500);
            assertThat(r.headers().firstValue("Content-Encoding")).isEmpty();
        });
        cases.add(() -> { // a forward, which the filter sees again: compressed once
            HttpResponse<byte[]> r = app.get("/forward/x", "Accept-Encoding", "gzip");
            assertThat(r.headers().firstValue("Content-Encoding")).hasValue("gzip");
            assertThat(r.headers().allValues("Vary")).containsExactly("Accept-Encoding");
            assertThat(Bodies.decode("gzip", r.body())).isEqualTo(Bodies.json(25000));
        });
        cases.add(() -> { // an include after the servlet's own bytes: one body, compressed once
            HttpResponse<byte[]> r = app.get("/include/x", "Accept-Encoding", "zstd");
            assertThat(r.headers().firstValue("Content-Encoding")).hasValue("zstd");
            byte[] expected = new byte[27000];
            System.arraycopy(Bodies.json(2000), 0, expected, 0, 2000);
            System.arraycopy(Bodies.json(25000), 0, expected, 2000, 25000);
            assertThat(Bodies.decode("zstd", r.body())).isEqualTo(expected);
        });
        cases.add(() -> { // startAsync and an ASYNC dispatch: finished by the dispatch, compressed once
            HttpResponse<byte[]> r = app.get("/dispatch/x", "Accept-Encoding", "br");
            assertThat(r.headers().firstValue("Content-Encoding")).hasValue("br");
            assertThat(r.headers().allValues("Vary")).containsExactly("Accept-Encoding");
            assertThat(Bodies.decode("br", r.body())).isEqualTo(Bodies.json(30000));
        });
        return cases;
    }

    @Test
    void aSmallPoolServingEveryKindOfResponseInTurnNeverCarriesStateFromOneToTheNext() throws Exception {
        start(2);
        List<Case> cases = cases();
        int requests = 0;
        for (int round = 0; round < 12; round++) {
            for (int i = 0; i < cases.size(); i++) {
                // a different order each round, so each kind follows each other kind
                cases.get((i * (round % 5 + 1) + round) % cases.size()).check();
                requests++;
            }
        }
        assertThat(seen.size()).as("wrappers were reused across %s requests", requests).isLessThan(requests / 4);
        assertThat(idleWrappersOnceSettled()).isBetween(1, 2);
    }

    @Test
    void concurrentRequestsThroughASmallPoolEachGetTheirOwnResponse() throws Exception {
        start(2);
        List<Case> cases = cases();
        ExecutorService clients = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> results = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                int offset = t;
                results.add(clients.submit(() -> {
                    for (int i = 0; i < 4 * cases.size(); i++) {
                        cases.get((i + offset) % cases.size()).check();
                    }
                    return null;
                }));
            }
            for (Future<?> f : results) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            clients.shutdownNow();
        }
        assertThat(idleWrappersOnceSettled()).isBetween(1, 2);
    }

    @Test
    void aWrapperInAsyncUseIsNeverHandedToAnotherRequestNorRecycledAfterwards() throws Exception {
        start(2);
        HttpRequest holdRequest = HttpRequest.newBuilder(app.uri("/hold/x")).header("Accept-Encoding", "gzip").build();
        CompletableFuture<HttpResponse<byte[]>> holding = app.client.sendAsync(holdRequest,
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(asyncStarted.await(20, TimeUnit.SECONDS)).isTrue();
        ServletResponse heldResponse = lastResponse.get();
        seen.clear();

        List<Case> cases = cases();
        for (Case c : cases) {
            c.check();
        }
        assertThat(seen).as("the async request's wrapper served nobody else").doesNotContain(heldResponse);

        AsyncContext async = held.get();
        ServletOutputStream out = async.getResponse().getOutputStream();
        out.write(Bodies.json(40000));
        async.complete();
        HttpResponse<byte[]> r = holding.get(20, TimeUnit.SECONDS);
        assertThat(r.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(Bodies.decode("gzip", r.body())).isEqualTo(Bodies.json(40000));

        for (Case c : cases) {
            c.check();
        }
        assertThat(seen).as("an async request's wrapper is never recycled").doesNotContain(heldResponse);
    }

    @Test
    void aResponseKeptAfterItsRequestEndedRefusesUseWhileItsWrapperIsIdle() throws Exception {
        start(1); // one idle wrapper at a time: the next request is sure to get the one kept here
        HttpResponse<byte[]> r = app.get("/body/x?size=100", "Accept-Encoding", "gzip");
        assertThat(r.body()).isEqualTo(Bodies.json(100));
        ServletResponse kept = lastResponse.get();
        ServletRequest keptRequest = lastRequest.get();

        assertThatThrownBy(kept::getOutputStream).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("recycledWrappers");
        assertThatThrownBy(() -> ((HttpServletResponse) kept).setHeader("X-Late", "1"))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> keptRequest.getAttribute("x")).isInstanceOf(IllegalStateException.class);

        // the stale calls above left nothing behind: the next request through that wrapper is clean
        seen.clear();
        for (Case c : cases()) {
            c.check();
        }
        assertThat(seen).contains(kept);
    }

    @Test
    void withRecyclingOffEveryRequestHasItsOwnWrapperAndTheSameResponses() throws Exception {
        start(0);
        List<Case> cases = cases();
        int requests = 0;
        for (int round = 0; round < 3; round++) {
            for (Case c : cases) {
                c.check();
                requests++;
            }
        }
        assertThat(seen).hasSize(requests);
        assertThat(filter.idleWrappers()).isZero();
    }

    /**
     * The idle wrappers once the server has finished: a client has its whole response as soon as the body is
     * complete, which can be just before the filter's doFilter returns and hands the wrapper back.
     */
    private int idleWrappersOnceSettled() throws InterruptedException {
        for (int i = 0; i < 500 && filter.idleWrappers() == 0; i++) {
            Thread.sleep(10);
        }
        return filter.idleWrappers();
    }
}
