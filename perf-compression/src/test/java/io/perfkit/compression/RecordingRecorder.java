package io.perfkit.compression;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records what the filter reported, for assertions. */
final class RecordingRecorder implements CompressionRecorder {
    record Compressed(String encoding, long bytesIn, long bytesOut, long nanos) {}

    final List<Compressed> compressed = new CopyOnWriteArrayList<>();
    final List<SkipReason> skipped = new CopyOnWriteArrayList<>();

    @Override
    public void compressed(String encoding, long bytesIn, long bytesOut, long nanos) {
        compressed.add(new Compressed(encoding, bytesIn, bytesOut, nanos));
    }

    @Override
    public void skipped(SkipReason reason) {
        skipped.add(reason);
    }

    void clear() {
        compressed.clear();
        skipped.clear();
    }
}
