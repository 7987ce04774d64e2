package io.perfkit.compression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.perfkit.compression.brotli.BrotliEncoding;
import io.perfkit.compression.zstd.ZstdEncoding;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** curl (libcurl's zlib, brotli and zstd decoders) reads what the filter sends. Skipped where curl is absent. */
class CurlInteropTest {
    static JettyApp app;

    @BeforeAll
    static void start() throws Exception {
        app = JettyApp.builder()
                .filter(CompressionFilter.of(CompressionConfig.builder()
                        .encodings(BrotliEncoding.ofDefaults(), ZstdEncoding.ofDefaults(), ContentEncoding.gzip(),
                                ContentEncoding.deflate())
                        .build()))
                .servlet("/body/*", new BodyServlet())
                .start();
    }

    @AfterAll
    static void stop() throws Exception {
        app.close();
    }

    static boolean curlSupports(String feature) {
        try {
            Process p = new ProcessBuilder("curl", "--version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return p.waitFor(10, TimeUnit.SECONDS) && out.contains(feature);
        } catch (Exception e) {
            return false;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gzip", "deflate", "br", "zstd"})
    void curlDecodesEachCoding(String encoding, @TempDir Path dir) throws Exception {
        String feature = encoding.equals("br") ? "brotli/" : encoding.equals("zstd") ? "zstd/" : "zlib/";
        assumeTrue(curlSupports(feature), "curl with " + feature);
        Path body = dir.resolve("body");
        Path headers = dir.resolve("headers");
        Process p = new ProcessBuilder(List.of("curl", "-s", "--compressed", "-H", "Accept-Encoding: " + encoding,
                "-D", headers.toString(), "-o", body.toString(),
                app.uri("/body/x?size=40000&chunks=3").toString())).redirectErrorStream(true).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(p.exitValue()).isZero();
        assertThat(Files.readString(headers).toLowerCase()).contains("content-encoding: " + encoding);
        assertThat(Files.readAllBytes(body)).isEqualTo(Bodies.json(40000));
    }
}
