package io.perfkit.compression.brotli;

import io.perfkit.compression.CompressionConfig;
import io.perfkit.compression.ContentEncoding;
import io.perfkit.compression.EncodingNegotiator;

/** Run in a JVM whose brotli native library cannot load; prints what the configuration made of it. */
public final class NativeFailureMain {
    private NativeFailureMain() {}

    public static void main(String[] args) {
        BrotliEncoding br = BrotliEncoding.ofDefaults();
        CompressionConfig config = CompressionConfig.builder().encodings(br).build();
        CompressionConfig again = CompressionConfig.builder().encodings(br, ContentEncoding.gzip()).build();
        System.out.println("cause=" + (br.unavailabilityCause() == null ? "none"
                : br.unavailabilityCause().getClass().getSimpleName()));
        System.out.println("encodings=" + config.encodings().stream().map(ContentEncoding::token).toList());
        System.out.println("negotiated=" + EncodingNegotiator.of(again.encodings()).negotiate("br, gzip")
                .map(ContentEncoding::token).orElse("identity"));
    }
}
