package io.perfkit.compression;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class EncodingNegotiatorTest {
    static final ContentEncoding BR = named("br");
    static final ContentEncoding ZSTD = named("zstd");
    static final ContentEncoding GZIP = named("gzip");
    static final ContentEncoding DEFLATE = named("deflate");
    static final EncodingNegotiator NEGOTIATOR = EncodingNegotiator.of(List.of(BR, ZSTD, GZIP, DEFLATE));

    static ContentEncoding named(String token) {
        return new ContentEncoding() {
            @Override
            public String token() {
                return token;
            }

            @Override
            public Compressor newCompressor() {
                throw new UnsupportedOperationException();
            }
        };
    }

    static String choose(String header) {
        return NEGOTIATOR.negotiate(header).map(ContentEncoding::token).orElse("identity");
    }

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        "NULL                                 | identity",
        "''                                   | identity",
        "gzip                                 | gzip",
        "gzip, deflate, br, zstd              | br",
        "deflate, gzip                        | gzip",
        "gzip;q=0.9, deflate;q=1.0            | deflate",
        "gzip;q=0                             | identity",
        "gzip; q=0.000                        | identity",
        "gzip;q=0.001                         | gzip",
        "br;q=0.5, gzip;q=0.5, zstd;q=0.4     | br",
        "*                                    | br",
        "*;q=0                                | identity",
        "br;q=0, *                            | zstd",
        "*;q=0.5, gzip                        | gzip",
        "identity;q=1, gzip;q=0.5             | identity",
        "identity;q=0.5, gzip;q=0.5           | gzip",
        "gzip;q=abc, deflate                  | deflate",
        "gzip;q=1.5, deflate;q=0.1            | deflate",
        "gzip;q=1.0001                        | identity",
        "gzip;level=1;q=0.7, deflate;q=0.6    | gzip",
        "  GZip ;Q=0.7 ,  x-gzip;q=0.2        | gzip",
        "x-gzip                               | gzip",
        "compress, sdch                       | identity",
        ",,gzip,,                             | gzip",
    })
    void choosesByQValueThenServerOrder(String header, String expected) {
        assertThat(choose(header)).isEqualTo(expected);
    }

    @Test
    void identityForbiddenIsReported() {
        assertThat(NEGOTIATOR.choose("gzip, identity;q=0").identityForbidden()).isTrue();
        assertThat(NEGOTIATOR.choose("gzip, *;q=0").identityForbidden()).isTrue();
        assertThat(NEGOTIATOR.choose("gzip, *;q=0, identity").identityForbidden()).isFalse();
        assertThat(NEGOTIATOR.choose("gzip").identityForbidden()).isFalse();
    }

    @Test
    void serverOrderIsConfigurable() {
        EncodingNegotiator gzipFirst = EncodingNegotiator.of(List.of(GZIP, BR));
        assertThat(gzipFirst.negotiate("br, gzip")).containsSame(GZIP);
    }
}
