package io.perfkit.compression.brotli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The real loader failing: a JVM told to load brotli's native library from a path where there is none (as on a
 * platform without a bundled native), so brotli4j's own loader reports it unavailable.
 */
class BrotliNativeFailureTest {
    @Test
    void aJvmWhereTheNativeCannotLoadServesGzipAndSaysSoOncePerConfiguration() throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process process = new ProcessBuilder(List.of(java,
                "-Dbrotli4j.library.path=/nonexistent/libbrotli.so",
                "-cp", System.getProperty("java.class.path"),
                NativeFailureMain.class.getName()))
                .redirectErrorStream(true)
                .start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(output).contains("cause=UnsatisfiedLinkError");
        assertThat(output).contains("encodings=[gzip]");
        assertThat(output).contains("negotiated=gzip");
        assertThat(output.split("Content coding 'br' is unavailable", -1)).as(output).hasSize(3); // once per build
        assertThat(process.exitValue()).isZero();
    }
}
