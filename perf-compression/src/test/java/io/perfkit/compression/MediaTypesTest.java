package io.perfkit.compression;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MediaTypesTest {
    @ParameterizedTest(name = "{0} ~ {1} = {2}")
    @CsvSource({
        "text/*, text/html, true",
        "text/*, text/event-stream, true",
        "text/*, textual/html, false",
        "text/*, application/text, false",
        "application/json, application/json, true",
        "application/json, application/jsonx, false",
        "application/json, application/jso, false",
        "*/*+json, application/problem+json, true",
        "*/*+json, application/json, false",
        "*/*+json, application/+json, false",
        "application/*+xml, application/atom+xml, true",
        "application/*+xml, image/svg+xml, false",
        "image/svg+xml, image/svg+xml, true",
        "*/*, image/png, true",
        "text/*, Text/Plain, true",
        "application/json, APPLICATION/JSON, true",
        "*/*+json, APPLICATION/PROBLEM+JSON, true",
        "image/svg+xml, image/svg, false",
        "font/ttf, fonts/ttf, false",
    })
    void matches(String pattern, String essence, boolean expected) {
        assertThat(MediaTypes.matches(pattern, essence)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "''{0}'' compressible = {1}")
    @CsvSource(delimiter = '|', value = {
        "application/json | true",
        "text/html;charset=UTF-8 | true",
        "Text/HTML; charset=UTF-8 | true",
        "' application/vnd.api+json ; ext=x' | true",
        "image/png | false",
        "image/png;charset=utf-8 | false",
        "text/event-stream | false",
        "TEXT/EVENT-STREAM;x=1 | false",
        "';charset=utf-8' | false",
        "application | false",
        "'' | false",
    })
    void contentTypesAreMatchedWithTheirParametersInPlace(String contentType, boolean expected) {
        CompressionConfig config = CompressionConfig.builder().excludedMimeTypes("text/event-stream").build();

        assertThat(config.isCompressible(contentType)).isEqualTo(expected);
    }
}
