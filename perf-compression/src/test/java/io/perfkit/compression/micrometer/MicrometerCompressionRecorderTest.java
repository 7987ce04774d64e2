package io.perfkit.compression.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.perfkit.compression.CompressionRecorder;
import io.perfkit.compression.SkipReason;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MicrometerCompressionRecorderTest {
    @Test
    void recordsBytesRatioTimeAndSkipsWithBoundedTags() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        CompressionRecorder recorder = MicrometerCompressionRecorder.of(registry);

        recorder.compressed("gzip", 10_000, 2_500, 40_000);
        recorder.compressed("gzip", 30_000, 6_000, 60_000);
        recorder.compressed("br", 10_000, 2_000, 80_000);
        recorder.skipped(SkipReason.BELOW_MIN_SIZE);
        recorder.skipped(SkipReason.BELOW_MIN_SIZE);
        recorder.skipped(SkipReason.CONTENT_TYPE);

        assertThat(registry.get("perfkit.compression.bytes").tags("direction", "in", "encoding", "gzip").counter()
                .count()).isEqualTo(40_000);
        assertThat(registry.get("perfkit.compression.bytes").tags("direction", "out", "encoding", "gzip").counter()
                .count()).isEqualTo(8_500);
        assertThat(registry.get("perfkit.compression.ratio").tags("encoding", "gzip").summary().mean())
                .isEqualTo((0.25 + 0.2) / 2);
        assertThat(registry.get("perfkit.compression.time").tags("encoding", "br").timer()
                .totalTime(TimeUnit.NANOSECONDS)).isEqualTo(80_000);
        assertThat(registry.get("perfkit.compression.skipped").tags("reason", "below_min_size").counter().count())
                .isEqualTo(2);
        assertThat(registry.get("perfkit.compression.skipped").tags("reason", "content_type").counter().count())
                .isEqualTo(1);
    }
}
