package io.perfkit.compression;

/** The recorder that records nothing. */
enum DisabledCompressionRecorder implements CompressionRecorder {
    INSTANCE;

    @Override
    public void compressed(String encoding, long bytesIn, long bytesOut, long nanos) {}

    @Override
    public void skipped(SkipReason reason) {}
}
