package io.perfkit.compression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CompressionConfigTest {
    @Test
    void defaultsOfferEveryCodingThatLoadsInServerOrder() {
        CompressionConfig config = CompressionConfig.ofDefaults();

        assertThat(config.encodings()).extracting(ContentEncoding::token)
                .containsExactly("br", "zstd", "gzip", "deflate");
        assertThat(config.minSize()).isEqualTo(1024);
        assertThat(config.honourNoTransform()).isTrue();
        assertThat(config.recycledWrappers()).isZero();
        assertThat(config.isCompressible("application/json")).isTrue();
        assertThat(config.isCompressible("application/vnd.api+json")).isTrue();
        assertThat(config.isCompressible("image/svg+xml")).isTrue();
        assertThat(config.isCompressible("text/event-stream")).isTrue();
        assertThat(config.isCompressible("image/png")).isFalse();
        assertThat(config.isCompressible("application/pdf")).isFalse();
    }

    @Test
    void excludesWinOverIncludes() {
        CompressionConfig config = CompressionConfig.builder()
                .includedMimeTypes("text/*", "application/json").excludedMimeTypes("text/event-stream").build();

        assertThat(config.isCompressible("text/html")).isTrue();
        assertThat(config.isCompressible("text/event-stream")).isFalse();
        assertThat(config.isCompressible("application/xml")).isFalse();
    }

    @Test
    void badSettingsAreRejectedNamingTheSetting() {
        assertThatThrownBy(() -> CompressionConfig.builder().minSize(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("minSize");
        assertThatThrownBy(() -> CompressionConfig.builder().minSize(CompressionConfig.MAX_MIN_SIZE + 1))
                .hasMessageContaining("minSize");
        assertThatThrownBy(() -> CompressionConfig.builder().excludedPaths("/ok", "admin/*"))
                .hasMessageContaining("excludedPaths[1]").hasMessageContaining("admin/*");
        assertThatThrownBy(() -> CompressionConfig.builder().excludedPaths("/a/*/b"))
                .hasMessageContaining("excludedPaths[0]");
        assertThatThrownBy(() -> CompressionConfig.builder().includedMimeTypes("json"))
                .hasMessageContaining("includedMimeTypes[0]");
        assertThatThrownBy(() -> CompressionConfig.builder().excludedMimeTypes("text/html;charset=utf-8"))
                .hasMessageContaining("excludedMimeTypes[0]");
        assertThatThrownBy(() -> CompressionConfig.builder().encodings(ContentEncoding.gzip(), ContentEncoding.gzip(1)))
                .hasMessageContaining("encodings lists 'gzip' twice");
        assertThatThrownBy(() -> CompressionConfig.builder().encodings())
                .hasMessageContaining("encodings must not be empty");
        assertThatThrownBy(() -> CompressionConfig.builder().recorder(null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("recorder");
        assertThatThrownBy(() -> CompressionConfig.builder().recycledWrappers(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("recycledWrappers");
        int tooMany = CompressionConfig.MAX_RECYCLED_WRAPPERS + 1;
        assertThatThrownBy(() -> CompressionConfig.builder().recycledWrappers(tooMany))
                .hasMessageContaining("recycledWrappers");
        assertThatThrownBy(() -> ETagFilter.builder().maxBodySize(0)).hasMessageContaining("maxBodySize");
        assertThatThrownBy(() -> ETagFilter.builder().algorithm("NOPE-256")).hasMessageContaining("algorithm");
    }
}
