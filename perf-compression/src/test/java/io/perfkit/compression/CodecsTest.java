package io.perfkit.compression;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfkit.compression.brotli.BrotliEncoding;
import io.perfkit.compression.zstd.ZstdEncoding;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each coding directly: round trip, and flush() making everything so far decodable. */
class CodecsTest {
    static final Map<String, ContentEncoding> ENCODINGS = Map.of(
            "gzip", ContentEncoding.gzip(), "deflate", ContentEncoding.deflate(),
            "br", BrotliEncoding.ofDefaults(), "zstd", ZstdEncoding.ofDefaults());

    @ParameterizedTest
    @ValueSource(strings = {"gzip", "deflate", "br", "zstd"})
    void flushMakesTheBytesSoFarDecodable(String token) throws Exception {
        ContentEncoding encoding = ENCODINGS.get(token);
        byte[] first = "data: one\n\n".getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Compressor c = encoding.newCompressor()) {
            c.write(first, 0, first.length, out);
            c.flush(out);
            byte[] prefix = out.toByteArray();
            try (InputStream in = Bodies.decoder(token, new ByteArrayInputStream(prefix))) {
                byte[] got = new byte[first.length];
                int n = 0;
                while (n < got.length) {
                    int k = in.read(got, n, got.length - n);
                    if (k < 0) {
                        break;
                    }
                    n += k;
                }
                assertThat(new String(got, 0, n, StandardCharsets.UTF_8)).isEqualTo("data: one\n\n");
            }
            c.finish(out);
        }
        assertThat(Bodies.decode(token, out.toByteArray())).isEqualTo(first);
    }

    @ParameterizedTest
    @ValueSource(strings = {"gzip", "deflate", "br", "zstd"})
    void largeBodiesWrittenInOddPiecesRoundTrip(String token) throws Exception {
        byte[] body = Bodies.json(300_000);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Compressor c = ENCODINGS.get(token).newCompressor()) {
            int off = 0;
            int step = 1;
            while (off < body.length) {
                int n = Math.min(step, body.length - off);
                c.write(body, off, n, out);
                off += n;
                step = step * 3 + 1;
                if (step > 70_000) {
                    step = 7;
                }
            }
            c.finish(out);
        }
        assertThat(Bodies.decode(token, out.toByteArray())).isEqualTo(body);
    }
}
