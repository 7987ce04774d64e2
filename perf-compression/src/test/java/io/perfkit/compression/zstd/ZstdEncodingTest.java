package io.perfkit.compression.zstd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.luben.zstd.ZstdInputStream;
import io.perfkit.compression.CompressionConfig;
import io.perfkit.compression.Compressor;
import io.perfkit.compression.ContentEncoding;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ZstdEncodingTest {
    /** RFC 8878 §3.1.1.1: the window size a frame header announces. */
    static long windowSize(byte[] frame) {
        assertThat(frame[0] & 0xff).isEqualTo(0x28); // magic 0xFD2FB528, little-endian
        int descriptor = frame[4] & 0xff;
        boolean singleSegment = (descriptor & 0x20) != 0;
        assertThat(singleSegment).as("streamed frames carry a window descriptor").isFalse();
        int wd = frame[5] & 0xff;
        int exponent = wd >>> 3;
        int mantissa = wd & 7;
        long base = 1L << (10 + exponent);
        return base + (base / 8) * mantissa;
    }

    static byte[] compress(ZstdEncoding zstd, byte[] body) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Compressor c = zstd.newCompressor()) {
            c.write(body, 0, body.length, out);
            c.finish(out);
        }
        return out.toByteArray();
    }

    static byte[] body() {
        StringBuilder sb = new StringBuilder();
        Random r = new Random(1);
        while (sb.length() < 300_000) {
            sb.append("{\"id\":").append(r.nextInt()).append(",\"name\":\"item-").append(r.nextInt(1000))
                    .append("\"},");
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 19, 22})
    void windowNeverExceedsTheRfc9659Limit(int level) throws Exception {
        byte[] body = body();
        byte[] frame = compress(ZstdEncoding.level(level), body);

        assertThat(windowSize(frame)).isLessThanOrEqualTo(8L << 20);
        ZstdInputStream in = new ZstdInputStream(new ByteArrayInputStream(frame));
        in.setLongMax(23); // a decoder that enforces the HTTP limit accepts it
        assertThat(in.readAllBytes()).isEqualTo(body);
    }

    @Test
    void withoutTheCapLevel22WouldAnnounceALargerWindow() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (com.github.luben.zstd.ZstdOutputStream raw = new com.github.luben.zstd.ZstdOutputStream(out, 22)) {
            raw.write(body());
        }
        assertThat(windowSize(out.toByteArray())).isGreaterThan(8L << 20);
    }

    @Test
    void pooledContextsProduceIndependentFrames() throws Exception {
        ZstdEncoding zstd = ZstdEncoding.ofDefaults();
        byte[] a = "first response".getBytes(StandardCharsets.UTF_8);
        byte[] b = "second response".getBytes(StandardCharsets.UTF_8);
        try (Compressor c = zstd.newCompressor()) {
            c.write(a, 0, a.length, new ByteArrayOutputStream()); // abandoned before the end, then returned
        }
        byte[] frame = compress(zstd, b);
        assertThat(new ZstdInputStream(new ByteArrayInputStream(frame)).readAllBytes()).isEqualTo(b);
        zstd.close();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2048, 65_536, 65_537, 200_000})
    void bodiesAroundTheOneShotLimit_decodeBack(int size) throws Exception {
        byte[] body = java.util.Arrays.copyOf(body(), size);
        ZstdEncoding zstd = ZstdEncoding.ofDefaults();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Compressor c = zstd.newCompressor()) {
            for (int off = 0; off < size; off += 1000) {
                c.write(body, off, Math.min(1000, size - off), out);
            }
            c.finish(out);
        }
        assertThat(new ZstdInputStream(new ByteArrayInputStream(out.toByteArray())).readAllBytes()).isEqualTo(body);
        zstd.close();
    }

    @Test
    void flush_writesWhatWasGivenSoFar_thenTheFrameContinues() throws Exception {
        ZstdEncoding zstd = ZstdEncoding.ofDefaults();
        byte[] a = "data: first event\n\n".getBytes(StandardCharsets.UTF_8);
        byte[] b = "data: second event\n\n".getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Compressor c = zstd.newCompressor()) {
            c.write(a, 0, a.length, out);
            c.flush(out);
            byte[] flushed = out.toByteArray();
            ZstdInputStream partial = new ZstdInputStream(new ByteArrayInputStream(flushed));
            assertThat(partial.readNBytes(a.length)).isEqualTo(a);
            c.write(b, 0, b.length, out);
            c.finish(out);
        }
        assertThat(new ZstdInputStream(new ByteArrayInputStream(out.toByteArray())).readAllBytes())
                .isEqualTo((new String(a, StandardCharsets.UTF_8) + new String(b, StandardCharsets.UTF_8))
                        .getBytes(StandardCharsets.UTF_8));
        zstd.close();
    }

    @Test
    void abandonedMidStream_nextResponseGetsAFreshFrame() throws Exception {
        ZstdEncoding zstd = ZstdEncoding.ofDefaults();
        byte[] a = "first response".getBytes(StandardCharsets.UTF_8);
        byte[] b = "second response".getBytes(StandardCharsets.UTF_8);
        try (Compressor c = zstd.newCompressor()) {
            c.write(a, 0, a.length, new ByteArrayOutputStream());
            c.flush(new ByteArrayOutputStream()); // streaming has started; the response then fails
        }
        byte[] frame = compress(zstd, b);
        assertThat(new ZstdInputStream(new ByteArrayInputStream(frame)).readAllBytes()).isEqualTo(b);
        zstd.close();
    }

    @Test
    void settingsAreValidatedNamingTheSetting() {
        assertThatThrownBy(() -> ZstdEncoding.of(3, 24)).hasMessageContaining("zstd windowLog")
                .hasMessageContaining("RFC 9659");
        assertThatThrownBy(() -> ZstdEncoding.level(23)).hasMessageContaining("zstd level");
    }

    @Test
    void unavailableZstdFallsBackToGzip() {
        ZstdEncoding broken = new ZstdEncoding(3, 0,
                () -> new UnsatisfiedLinkError("no zstd-jni in java.library.path"));
        CompressionConfig config = CompressionConfig.builder().encodings(broken).build();

        assertThat(config.encodings()).extracting(ContentEncoding::token).containsExactly("gzip");
        assertThatThrownBy(broken::newCompressor).isInstanceOf(IllegalStateException.class);
    }
}
