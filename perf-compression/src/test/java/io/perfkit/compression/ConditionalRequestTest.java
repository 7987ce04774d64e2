package io.perfkit.compression;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** ETagFilter behind the CompressionFilter, and CacheControlFilter rules, in a real Jetty. */
class ConditionalRequestTest {
    static final RecordingRecorder recorder = new RecordingRecorder();
    static JettyApp app;

    @BeforeAll
    static void start() throws Exception {
        start(0);
    }

    /** @param recycledWrappers the filter's {@code recycledWrappers}: 0 as configured by default, else recycling */
    static void start(int recycledWrappers) throws Exception {
        app = JettyApp.builder()
                .filter(CacheControlFilter.builder()
                        .rule("/assets/*", CacheControl.builder().publicCache().maxAge(Duration.ofDays(365))
                                .immutable().build())
                        .rule("/body/*", CacheControl.builder().privateCache().noCache().build())
                        .build())
                .filter(CompressionFilter.of(CompressionConfig.builder().encodings(ContentEncoding.gzip())
                        .recorder(recorder).recycledWrappers(recycledWrappers).build()))
                .filter(ETagFilter.builder().maxBodySize(64 * 1024).build())
                .servlet("/body/*", new BodyServlet())
                .servlet("/assets/*", new BodyServlet())
                .start();
    }

    @AfterAll
    static void stop() throws Exception {
        app.close();
    }

    @BeforeEach
    void clear() {
        recorder.clear();
    }

    // tag::round-trip[]
    @Test
    void compressedResponseRevalidatesWith304() throws Exception {
        HttpResponse<byte[]> first = app.get("/body/orders?size=20000", "Accept-Encoding", "gzip");
        String etag = first.headers().firstValue("ETag").orElseThrow();

        assertThat(first.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(etag).startsWith("W/\""); // weakened: the gzip bytes are not the identity bytes

        HttpResponse<byte[]> again = app.get("/body/orders?size=20000", "Accept-Encoding", "gzip",
                "If-None-Match", etag);

        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(again.headers().firstValue("ETag")).hasValue(etag);
        assertThat(again.headers().allValues("Vary")).containsExactly("Accept-Encoding");
        assertThat(again.headers().firstValue("Cache-Control")).hasValue("private, no-cache");
    }
    // end::round-trip[]

    @Test
    void revalidationAnswered304NeverRunsTheCompressor() throws Exception {
        String etag = app.get("/body/x?size=20000", "Accept-Encoding", "gzip").headers().firstValue("ETag")
                .orElseThrow();
        recorder.clear();

        app.get("/body/x?size=20000", "Accept-Encoding", "gzip", "If-None-Match", etag);

        assertThat(recorder.compressed).isEmpty();
        assertThat(recorder.skipped).containsExactly(SkipReason.NO_BODY_STATUS);
    }

    @Test
    void identityResponseKeepsTheStrongTagAndRevalidates() throws Exception {
        HttpResponse<byte[]> first = app.get("/body/x?size=20000");
        String etag = first.headers().firstValue("ETag").orElseThrow();

        assertThat(etag).startsWith("\"");
        assertThat(first.headers().firstValue("Content-Length")).hasValue("20000");
        HttpResponse<byte[]> again = app.get("/body/x?size=20000", "If-None-Match", etag);
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.headers().firstValue("ETag")).hasValue(etag);
    }

    @Test
    void theSameBodyGetsTheSameTagAndADifferentBodyAnotherOne() throws Exception {
        String a1 = app.get("/body/x?size=5000").headers().firstValue("ETag").orElseThrow();
        String a2 = app.get("/body/x?size=5000").headers().firstValue("ETag").orElseThrow();
        String b = app.get("/body/x?size=5001").headers().firstValue("ETag").orElseThrow();

        assertThat(a1).isEqualTo(a2).isNotEqualTo(b);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"nope\", %s", "*", "W/\"other\",%s,\"x\""})
    void ifNoneMatchListsAndStarMatch(String pattern) throws Exception {
        String etag = app.get("/body/x?size=5000").headers().firstValue("ETag").orElseThrow();

        HttpResponse<byte[]> r = app.get("/body/x?size=5000", "If-None-Match", pattern.replace("%s", etag));

        assertThat(r.statusCode()).isEqualTo(304);
        assertThat(r.body()).isEmpty();
    }

    @Test
    void writerOutputGetsATagToo() throws Exception {
        HttpResponse<byte[]> r = app.get("/body/x?size=3000&writer=1&type=text/plain");

        assertThat(r.headers().firstValue("ETag")).hasValueSatisfying(e -> assertThat(e).startsWith("\""));
        assertThat(r.body()).isEqualTo(Bodies.json(3000));
    }

    @Test
    void aNonMatchingTagGetsTheFullBody() throws Exception {
        HttpResponse<byte[]> r = app.get("/body/x?size=5000", "If-None-Match", "\"stale\"");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(Bodies.json(5000));
    }

    @Test
    void applicationETagIsKeptAndUsedForTheComparison() throws Exception {
        HttpResponse<byte[]> first = app.get("/body/x?size=20000&etag=%22v7%22", "Accept-Encoding", "gzip");
        assertThat(first.headers().firstValue("ETag")).hasValue("W/\"v7\"");

        HttpResponse<byte[]> again = app.get("/body/x?size=20000&etag=%22v7%22", "Accept-Encoding", "gzip",
                "If-None-Match", "W/\"v7\"");
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.headers().firstValue("ETag")).hasValue("W/\"v7\"");
    }

    @Test
    void bodiesOverTheBoundStreamWithoutATag() throws Exception {
        HttpResponse<byte[]> r = app.get("/body/x?size=100000", "Accept-Encoding", "gzip");

        assertThat(r.headers().firstValue("ETag")).isEmpty();
        assertThat(Bodies.decode("gzip", r.body())).isEqualTo(Bodies.json(100000));
    }

    @Test
    void errorResponsesGetNoTagAndNoCacheRule() throws Exception {
        HttpResponse<byte[]> r = app.get("/assets/missing.js?size=3000&status=404");

        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.headers().firstValue("ETag")).isEmpty();
        assertThat(r.headers().firstValue("Cache-Control")).isEmpty();
        assertThat(r.body()).isEqualTo(Bodies.json(3000));
    }

    @Test
    void cacheControlRulesApplyByPathAndTheApplicationWins() throws Exception {
        HttpResponse<byte[]> asset = app.get("/assets/app.js?size=3000&type=application/javascript");
        HttpResponse<byte[]> own = app.get("/body/x?size=3000&cc=no-store");

        assertThat(asset.headers().firstValue("Cache-Control")).hasValue("public, max-age=31536000, immutable");
        assertThat(own.headers().allValues("Cache-Control")).containsExactly("no-store");
    }
}
