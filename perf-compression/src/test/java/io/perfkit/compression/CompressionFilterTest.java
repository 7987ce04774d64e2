package io.perfkit.compression;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfkit.compression.brotli.BrotliEncoding;
import io.perfkit.compression.zstd.ZstdEncoding;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The CompressionFilter inside a real Jetty 12, driven by a real HTTP client and checked with real decoders. */
class CompressionFilterTest {
    static final RecordingRecorder recorder = new RecordingRecorder();
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
                .excludedPaths("/downloads/*", "*.bin")
                .recorder(recorder)
                .recycledWrappers(recycledWrappers)
                .build();
        app = JettyApp.builder()
                .filter(CompressionFilter.of(config))
                .servlet("/body/*", new BodyServlet())
                .servlet("/downloads/*", new BodyServlet())
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

    @ParameterizedTest
    @ValueSource(strings = {"br", "zstd", "gzip", "deflate"})
    void eachEncodingDecodesBackToTheOriginalBytes(String encoding) throws Exception {
        HttpResponse<byte[]> r = app.get("/body/x?size=50000&chunks=7", "Accept-Encoding", encoding);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Encoding")).hasValue(encoding);
        assertContentLengthIsOfTheEncodedBody(r);
        assertThat(r.headers().allValues("Vary")).containsExactly("Accept-Encoding");
        assertThat(Bodies.decode(encoding, r.body())).isEqualTo(Bodies.json(50000));
        assertThat(r.body().length).isLessThan(50000 / 2);
        assertThat(recorder.compressed).singleElement().satisfies(c -> {
            assertThat(c.encoding()).isEqualTo(encoding);
            assertThat(c.bytesIn()).isEqualTo(50000);
            assertThat(c.bytesOut()).isEqualTo(r.body().length);
        });
    }

    @Test
    void writerOutputIsCompressedToo() throws Exception {
        HttpResponse<byte[]> r = app.get("/body/x?size=20000&writer=1&type=text/html", "Accept-Encoding", "gzip");

        assertThat(r.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(Bodies.decode("gzip", r.body())).isEqualTo(Bodies.json(20000));
    }

    @Test
    void smallWriterOutputStaysIdentity() throws Exception {
        HttpResponse<byte[]> r = app.get("/body/x?size=500&writer=1&type=text/plain", "Accept-Encoding", "gzip");

        assertThat(r.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(r.body()).isEqualTo(Bodies.json(500));
        assertThat(recorder.skipped).containsExactly(SkipReason.BELOW_MIN_SIZE);
    }

    @Test
    void declaredContentLengthIsRemovedWhenCompressing() throws Exception {
        HttpResponse<byte[]> r = app.get("/body/x?size=20000&cl=1", "Accept-Encoding", "gzip");

        assertThat(r.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertContentLengthIsOfTheEncodedBody(r);
        assertThat(Bodies.decode("gzip", r.body())).hasSize(20000);
    }

    /**
     * The application's (identity) length is gone; Jetty itself may set the length of the encoded bytes when the
     * whole response fits its buffer at completion, which is correct.
     */
    static void assertContentLengthIsOfTheEncodedBody(HttpResponse<byte[]> r) {
        r.headers().firstValue("Content-Length")
                .ifPresent(length -> assertThat(length).isEqualTo(Integer.toString(r.body().length)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "gzip, deflate, br, zstd         | br",
        "gzip;q=1, br;q=0.5              | gzip",
        "gzip;q=0, deflate               | deflate",
        "*                               | br",
        "*;q=0.1, gzip;q=0.5             | gzip",
        "br;q=0, zstd;q=0, *             | gzip",
        "zstd, gzip                      | zstd",
        "x-gzip                          | gzip",
        "GZIP;Q=0.8                      | gzip",
    })
    void negotiatesByQValueThenServerPreference(String acceptEncoding, String expected) throws Exception {
        HttpResponse<byte[]> r = app.get("/body/x?size=8000", "Accept-Encoding", acceptEncoding);

        assertThat(r.headers().firstValue("Content-Encoding")).hasValue(expected);
        assertThat(Bodies.decode(expected, r.body())).isEqualTo(Bodies.json(8000));
    }

    @ParameterizedTest
    @ValueSource(strings = {"identity", "gzip;q=0, br;q=0, zstd;q=0, deflate;q=0", "*;q=0, identity", "compress",
        "gzip;q=0.5, identity;q=1"})
    void sendsIdentityWhenNoOfferedCodingIsAcceptable(String acceptEncoding) throws Exception {
        HttpResponse<byte[]> r = app.get("/body/x?size=8000", "Accept-Encoding", acceptEncoding);

        assertThat(r.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(r.body()).isEqualTo(Bodies.json(8000));
        assertThat(r.headers().allValues("Vary")).containsExactly("Accept-Encoding");
        assertThat(recorder.skipped).containsExactly(SkipReason.NOT_ACCEPTED);
    }

    @Test
    void noAcceptEncodingMeansIdentityButStillVaries() throws Exception {
        HttpResponse<byte[]> r = app.get("/body/x?size=8000");

        assertThat(r.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(r.headers().allValues("Vary")).containsExactly("Accept-Encoding");
        assertThat(r.body()).isEqualTo(Bodies.json(8000));
    }

    @Test
    void smallBodyGoesOutAsIsWithItsContentLengthAndVary() throws Exception {
        HttpResponse<byte[]> r = app.get("/body/x?size=1023&cl=1", "Accept-Encoding", "gzip");

        assertThat(r.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(r.headers().firstValue("Content-Length")).hasValue("1023");
        assertThat(r.headers().allValues("Vary")).containsExactly("Accept-Encoding");
        assertThat(r.body()).isEqualTo(Bodies.json(1023));
        assertThat(recorder.skipped).containsExactly(SkipReason.BELOW_MIN_SIZE);
    }

    @Test
    void bodyOfExactlyMinSizeIsCompressedEvenWhenWrittenByteByByteChunks() throws Exception {
        HttpResponse<byte[]> r = app.get("/body/x?size=1024&chunks=1024", "Accept-Encoding", "gzip");

        assertThat(r.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(Bodies.decode("gzip", r.body())).isEqualTo(Bodies.json(1024));
    }

    @Test
    void identityForbiddenCompressesEvenSmallBodies() throws Exception {
        HttpResponse<byte[]> r = app.get("/body/x?size=200", "Accept-Encoding", "gzip, identity;q=0");

        assertThat(r.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(Bodies.decode("gzip", r.body())).isEqualTo(Bodies.json(200));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "image/png                | CONTENT_TYPE",
        "application/zip          | CONTENT_TYPE",
        "application/octet-stream | CONTENT_TYPE",
    })
    void incompressibleTypesAreNotCompressedAndDoNotVary(String type, SkipReason reason) throws Exception {
        HttpResponse<byte[]> r = app.get("/body/x?size=8000&type=" + type, "Accept-Encoding", "gzip");

        assertThat(r.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(r.headers().allValues("Vary")).isEmpty();
        assertThat(r.body()).isEqualTo(Bodies.json(8000));
        assertThat(recorder.skipped).containsExactly(reason);
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/html;charset=utf-8", "application/problem+json", "image/svg+xml",
        "application/javascript", "text/css", "application/atom+xml"})
    void compressibleTypesAreCompressed(String type) throws Exception {
        HttpResponse<byte[]> r = app.get("/body/x?size=8000&type=" + type.replace(";", "%3B").replace("+", "%2B"),
                "Accept-Encoding", "gzip");

        assertThat(r.headers().firstValue("Content-Encoding")).hasValue("gzip");
    }

    @Test
    void alreadyEncodedBodiesAreLeftAlone() throws Exception {
        HttpResponse<byte[]> r = app.get("/body/x?size=8000&ce=br", "Accept-Encoding", "gzip, br");

        assertThat(r.headers().allValues("Content-Encoding")).containsExactly("br");
        assertThat(r.body()).isEqualTo(Bodies.json(8000)); // the servlet's bytes, untouched
        assertThat(recorder.skipped).containsExactly(SkipReason.ALREADY_ENCODED);
    }

    @Test
    void noTransformIsHonoured() throws Exception {
        HttpResponse<byte[]> r = app.get("/body/x?size=8000&cc=public,%20no-transform", "Accept-Encoding", "gzip");

        assertThat(r.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(r.body()).isEqualTo(Bodies.json(8000));
        assertThat(recorder.skipped).containsExactly(SkipReason.NO_TRANSFORM);
    }

    @Test
    void responsesMarkedSensitiveAreNotCompressed() throws Exception {
        HttpResponse<byte[]> r = app.get("/body/x?size=8000&sensitive=1", "Accept-Encoding", "gzip");

        assertThat(r.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(recorder.skipped).containsExactly(SkipReason.SENSITIVE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/downloads/report", "/body/archive.bin"})
    void excludedPathsAreNotCompressed(String path) throws Exception {
        HttpResponse<byte[]> r = app.get(path + "?size=8000", "Accept-Encoding", "gzip");

        assertThat(r.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(r.headers().allValues("Vary")).isEmpty();
        assertThat(r.body()).isEqualTo(Bodies.json(8000));
        assertThat(recorder.skipped).containsExactly(SkipReason.EXCLUDED_PATH);
    }

    @Test
    void partialContentIsNotCompressed() throws Exception {
        HttpResponse<byte[]> r = app.get("/body/x?size=8000&range=1", "Accept-Encoding", "gzip",
                "Range", "bytes=0-7999");

        assertThat(r.statusCode()).isEqualTo(206);
        assertThat(r.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(r.body()).isEqualTo(Bodies.json(8000));
        assertThat(recorder.skipped).containsExactly(SkipReason.RANGE);
    }

    @Test
    void headIsNotCompressedButVaries() throws Exception {
        HttpResponse<byte[]> r = app.send("HEAD", "/body/x?size=8000", "Accept-Encoding", "gzip");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(r.headers().allValues("Vary")).containsExactly("Accept-Encoding");
        assertThat(r.body()).isEmpty();
        assertThat(recorder.skipped).containsExactly(SkipReason.HEAD);
    }

    @Test
    void noContentIsNotCompressed() throws Exception {
        HttpResponse<byte[]> r = app.get("/body/x?status=204", "Accept-Encoding", "gzip");

        assertThat(r.statusCode()).isEqualTo(204);
        assertThat(r.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(recorder.skipped).containsExactly(SkipReason.NO_BODY_STATUS);
    }

    @Test
    void notModifiedCarriesVaryAndNoBody() throws Exception {
        HttpResponse<byte[]> r = app.get("/body/x?status=304&etag=%22v1%22", "Accept-Encoding", "gzip",
                "If-None-Match", "\"v1\"");

        assertThat(r.statusCode()).isEqualTo(304);
        assertThat(r.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(r.headers().allValues("Vary")).containsExactly("Accept-Encoding");
        assertThat(r.headers().firstValue("ETag")).hasValue("\"v1\""); // the client held the identity variant
        assertThat(r.body()).isEmpty();
    }

    @Test
    void errorStatusesAreNotCompressed() throws Exception {
        HttpResponse<byte[]> r = app.get("/body/x?size=8000&status=500", "Accept-Encoding", "gzip");

        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(r.body()).isEqualTo(Bodies.json(8000));
        assertThat(recorder.skipped).containsExactly(SkipReason.STATUS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "identity", "compress"})
    void identityForTheRequest_typeAndVarySetAfterGettingTheStream_stillVaryMerged(String acceptEncoding)
            throws Exception {
        String[] header = acceptEncoding.isEmpty() ? new String[0] : new String[] {"Accept-Encoding", acceptEncoding};
        HttpResponse<byte[]> json = app.get("/body/x?size=8000&late=1", header);
        HttpResponse<byte[]> merged = app.get("/body/x?size=8000&late=1&vary=Origin", header);
        HttpResponse<byte[]> png = app.get("/body/x?size=8000&late=1&type=image/png", header);

        assertThat(json.headers().allValues("Vary")).containsExactly("Accept-Encoding");
        assertThat(json.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(json.body()).isEqualTo(Bodies.json(8000));
        assertThat(String.join(",", merged.headers().allValues("Vary"))).isEqualTo("Origin, Accept-Encoding");
        assertThat(png.headers().allValues("Vary")).isEmpty();
    }

    @Test
    void existingVaryIsMergedNotDuplicated() throws Exception {
        HttpResponse<byte[]> merged = app.get("/body/x?size=8000&vary=Origin", "Accept-Encoding", "gzip");
        HttpResponse<byte[]> already = app.get("/body/x?size=8000&vary=accept-encoding", "Accept-Encoding", "gzip");

        assertThat(String.join(",", merged.headers().allValues("Vary"))).isEqualTo("Origin, Accept-Encoding");
        assertThat(already.headers().allValues("Vary")).containsExactly("accept-encoding");
    }

    @Test
    void strongETagIsWeakenedWhenCompressedAndKeptWhenNot() throws Exception {
        HttpResponse<byte[]> compressed = app.get("/body/x?size=8000&etag=%22abc%22", "Accept-Encoding", "gzip");
        HttpResponse<byte[]> identity = app.get("/body/x?size=8000&etag=%22abc%22");
        HttpResponse<byte[]> weakAlready = app.get("/body/x?size=8000&etag=W/%22abc%22", "Accept-Encoding", "gzip");

        assertThat(compressed.headers().firstValue("ETag")).hasValue("W/\"abc\"");
        assertThat(identity.headers().firstValue("ETag")).hasValue("\"abc\"");
        assertThat(weakAlready.headers().firstValue("ETag")).hasValue("W/\"abc\"");
    }

    @Test
    void multipleAcceptEncodingLinesAreCombined() throws Exception {
        HttpResponse<byte[]> r = app.get("/body/x?size=8000", "Accept-Encoding", "br;q=0", "Accept-Encoding", "zstd");

        assertThat(r.headers().firstValue("Content-Encoding")).hasValue("zstd");
    }

    @Test
    void metricsSeeEveryCodingOfARealRun() throws Exception {
        for (String e : List.of("br", "zstd", "gzip", "deflate")) {
            app.get("/body/x?size=30000", "Accept-Encoding", e);
        }
        assertThat(recorder.compressed).extracting(RecordingRecorder.Compressed::encoding)
                .containsExactly("br", "zstd", "gzip", "deflate");
        assertThat(recorder.compressed).allSatisfy(c -> {
            assertThat(c.bytesIn()).isEqualTo(30000);
            assertThat(c.bytesOut()).isBetween(1L, 30000L / 2);
            assertThat(c.nanos()).isPositive();
        });
    }
}
