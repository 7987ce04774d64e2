package io.perfkit.compression;

/**
 * Receives what the {@link CompressionFilter} did, per response. The Micrometer implementation is
 * {@code io.perfkit.compression.micrometer.MicrometerCompressionRecorder}. A recorder that throws is logged
 * (rate-limited) and never fails the response.
 */
public interface CompressionRecorder {
    /**
     * Records one compressed response.
     *
     * @param encoding the coding token, such as {@code "gzip"}
     * @param bytesIn identity bytes written by the application
     * @param bytesOut encoded bytes sent
     * @param nanos time spent inside the encoder
     */
    void compressed(String encoding, long bytesIn, long bytesOut, long nanos);

    /**
     * Records one response sent uncompressed.
     *
     * @param reason why
     */
    void skipped(SkipReason reason);

    /** @return a recorder that records nothing */
    static CompressionRecorder disabled() {
        return DisabledCompressionRecorder.INSTANCE;
    }

}
