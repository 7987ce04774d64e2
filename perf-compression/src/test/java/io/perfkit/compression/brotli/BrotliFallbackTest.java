package io.perfkit.compression.brotli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perfkit.compression.CompressionConfig;
import io.perfkit.compression.ContentEncoding;
import io.perfkit.compression.EncodingNegotiator;
import org.junit.jupiter.api.Test;

/** What happens when brotli's native library cannot load (musl without libstdc++, an unsupported platform). */
class BrotliFallbackTest {
    /** As the real probe reports it when System.load fails. */
    static BrotliEncoding withoutNatives() {
        return new BrotliEncoding(4, 22, () -> new UnsatisfiedLinkError("no brotli in java.library.path"));
    }

    @Test
    void theRealNativeLibraryLoadsHere() {
        assertThat(BrotliEncoding.ofDefaults().unavailabilityCause()).isNull();
    }

    @Test
    void unavailableBrotliIsReplacedByGzip() {
        CompressionConfig config = CompressionConfig.builder().encodings(withoutNatives()).build();

        assertThat(config.encodings()).extracting(ContentEncoding::token).containsExactly("gzip");
        assertThat(EncodingNegotiator.of(config.encodings()).negotiate("br, gzip"))
                .hasValueSatisfying(e -> assertThat(e.token()).isEqualTo("gzip"));
        assertThat(EncodingNegotiator.of(config.encodings()).negotiate("br")).isEmpty();
    }

    @Test
    void gzipIsNotAddedTwiceWhenAlreadyOffered() {
        CompressionConfig config = CompressionConfig.builder()
                .encodings(withoutNatives(), ContentEncoding.deflate(), ContentEncoding.gzip(1)).build();

        assertThat(config.encodings()).extracting(ContentEncoding::token).containsExactly("deflate", "gzip");
    }

    @Test
    void unavailableBrotliSaysWhyAndRefusesToEncode() {
        BrotliEncoding br = withoutNatives();

        assertThat(br.unavailabilityCause()).isInstanceOf(UnsatisfiedLinkError.class);
        assertThatThrownBy(br::newCompressor).isInstanceOf(IllegalStateException.class)
                .hasCauseInstanceOf(UnsatisfiedLinkError.class);
    }

    @Test
    void qualityIsValidatedNamingTheSetting() {
        assertThatThrownBy(() -> BrotliEncoding.quality(12)).hasMessageContaining("brotli quality");
        assertThatThrownBy(() -> BrotliEncoding.of(4, 25)).hasMessageContaining("brotli windowBits");
    }
}
