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
    })
    void matches(String pattern, String essence, boolean expected) {
        assertThat(MediaTypes.matches(pattern, essence)).isEqualTo(expected);
    }
}
