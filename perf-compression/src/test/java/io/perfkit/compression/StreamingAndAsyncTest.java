package io.perfkit.compression;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfkit.compression.brotli.BrotliEncoding;
import io.perfkit.compression.zstd.ZstdEncoding;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** flush() for server-sent events, servlet async I/O (WriteListener) and async completion through the filter. */
class StreamingAndAsyncTest {
    static final int ASYNC_BODY = 1 << 20;
    static final RecordingRecorder recorder = new RecordingRecorder();
    static final AtomicReference<CountDownLatch> clientReadFirstEvent = new AtomicReference<>();
    static final AtomicBoolean servletSawClientRead = new AtomicBoolean();
    static final AtomicInteger timesNotReady = new AtomicInteger();
    static final AtomicReference<Throwable> servletError = new AtomicReference<>();
    static JettyApp app;

    @BeforeAll
    static void start() throws Exception {
        start(0);
    }

    /** @param recycledWrappers the filter's {@code recycledWrappers}: 0 as configured by default, else recycling */
    static void start(int recycledWrappers) throws Exception {
        CompressionConfig config = CompressionConfig.builder()
                .encodings(BrotliEncoding.ofDefaults(), ZstdEncoding.ofDefaults(), ContentEncoding.gzip(),
                        ContentEncoding.deflate())
                .recorder(recorder)
                .recycledWrappers(recycledWrappers)
                .build();
        app = JettyApp.builder()
                .filter(CompressionFilter.of(config))
                .servlet("/events", new EventsServlet())
                .servlet("/async-nio", new NonBlockingServlet())
                .servlet("/async-thread", new AsyncThreadServlet())
                .start();
    }

    @AfterAll
    static void stop() throws Exception {
        app.close();
    }

    @BeforeEach
    void reset() {
        recorder.clear();
        servletSawClientRead.set(false);
        timesNotReady.set(0);
        servletError.set(null);
    }

    /** Two events; the second is written only after the client decoded the first, which needs flush to work. */
    static final class EventsServlet extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.setContentType("text/event-stream");
            resp.setCharacterEncoding("UTF-8");
            ServletOutputStream out = resp.getOutputStream();
            out.write("data: one\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            try {
                servletSawClientRead.set(clientReadFirstEvent.get().await(10, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            out.write("data: two\n\n".getBytes(StandardCharsets.UTF_8));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gzip", "br", "zstd", "deflate"})
    void serverSentEventsArriveCompressedAsTheyAreFlushed(String encoding) throws Exception {
        clientReadFirstEvent.set(new CountDownLatch(1));
        HttpRequest request = HttpRequest.newBuilder(app.uri("/events")).header("Accept-Encoding", encoding).build();
        HttpResponse<InputStream> r = app.client.send(request, HttpResponse.BodyHandlers.ofInputStream());

        assertThat(r.headers().firstValue("Content-Encoding")).hasValue(encoding);
        try (InputStream decoded = Bodies.decoder(encoding, r.body())) {
            String first = readExactly(decoded, "data: one\n\n".length());
            assertThat(first).isEqualTo("data: one\n\n");
            clientReadFirstEvent.get().countDown();
            assertThat(new String(decoded.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("data: two\n\n");
        }
        assertThat(servletSawClientRead).as("the first event reached the client before the response ended").isTrue();
    }

    private static String readExactly(InputStream in, int n) throws IOException {
        byte[] buf = new byte[n];
        int got = 0;
        while (got < n) {
            int k = in.read(buf, got, n - got);
            if (k < 0) {
                break;
            }
            got += k;
        }
        return new String(buf, 0, got, StandardCharsets.UTF_8);
    }

    /** Writes 1 MiB with the non-blocking API: only while isReady(), completing from the listener. */
    static final class NonBlockingServlet extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.setContentType("application/json");
            byte[] body = Bodies.json(ASYNC_BODY);
            AsyncContext async = req.startAsync();
            ServletOutputStream out = resp.getOutputStream();
            out.setWriteListener(new WriteListener() {
                int written;

                @Override
                public void onWritePossible() throws IOException {
                    while (out.isReady()) {
                        if (written == body.length) {
                            async.complete();
                            return;
                        }
                        int n = Math.min(4096, body.length - written);
                        out.write(body, written, n);
                        written += n;
                    }
                    timesNotReady.incrementAndGet();
                }

                @Override
                public void onError(Throwable t) {
                    servletError.set(t);
                    async.complete();
                }
            });
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gzip", "br", "zstd", "identity"})
    void nonBlockingWritesWorkThroughTheWrappedStream(String encoding) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(app.uri("/async-nio")).header("Accept-Encoding", encoding).build();
        HttpResponse<InputStream> r = app.client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        byte[] received;
        try (InputStream in = r.body()) {
            // read slowly at first so that the server's stream reports not ready at least once
            ByteArrayOutputStream slow = new ByteArrayOutputStream();
            byte[] small = new byte[512];
            for (int i = 0; i < 4; i++) {
                Thread.sleep(50);
                int n = in.read(small);
                if (n < 0) {
                    break;
                }
                slow.write(small, 0, n);
            }
            slow.write(in.readAllBytes());
            received = slow.toByteArray();
        }
        assertThat(servletError.get()).isNull();
        if (encoding.equals("identity")) {
            assertThat(r.headers().firstValue("Content-Encoding")).isEmpty();
            assertThat(received).isEqualTo(Bodies.json(ASYNC_BODY));
        } else {
            assertThat(r.headers().firstValue("Content-Encoding")).hasValue(encoding);
            assertThat(Bodies.decode(encoding, received)).isEqualTo(Bodies.json(ASYNC_BODY));
        }
    }

    /** Starts async, writes from another thread with blocking writes, then completes. */
    static final class AsyncThreadServlet extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
            resp.setContentType("application/json");
            AsyncContext async = req.startAsync();
            async.start(() -> {
                try {
                    ServletOutputStream out = async.getResponse().getOutputStream();
                    byte[] body = Bodies.json(100_000);
                    for (int off = 0; off < body.length; off += 10_000) {
                        out.write(body, off, 10_000);
                    }
                } catch (IOException e) {
                    servletError.set(e);
                } finally {
                    async.complete();
                }
            });
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gzip", "br", "zstd"})
    void asyncCompleteFinishesTheEncodedBody(String encoding) throws Exception {
        HttpResponse<byte[]> r = app.get("/async-thread", "Accept-Encoding", encoding);

        assertThat(servletError.get()).isNull();
        assertThat(r.headers().firstValue("Content-Encoding")).hasValue(encoding);
        assertThat(r.headers().allValues("Vary")).containsExactly("Accept-Encoding");
        assertThat(Bodies.decode(encoding, r.body())).isEqualTo(Bodies.json(100_000));
        assertThat(recorder.compressed).singleElement().satisfies(c -> assertThat(c.bytesIn()).isEqualTo(100_000));
    }
}
