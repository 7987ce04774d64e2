package io.perfkit.compression.micrometer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.perfkit.compression.CompressionRecorder;
import io.perfkit.compression.SkipReason;
import io.perfkit.core.Require;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Records the {@link io.perfkit.compression.CompressionFilter}'s work in Micrometer:
 *
 * <ul>
 *   <li>{@code perfkit.compression.bytes{direction=in|out, encoding}}: identity bytes the application wrote and
 *       encoded bytes sent, for compressed responses (counter, base unit bytes);
 *   <li>{@code perfkit.compression.ratio{encoding}}: encoded size over identity size per response, so 0.25
 *       means 75 % smaller (distribution summary);
 *   <li>{@code perfkit.compression.time{encoding}}: time spent inside the encoder per response (timer);
 *   <li>{@code perfkit.compression.skipped{reason}}: responses sent uncompressed, by {@link SkipReason#tag()}.
 * </ul>
 *
 * <pre>{@code
 * CompressionConfig.builder().recorder(MicrometerCompressionRecorder.of(registry)).build();
 * }</pre>
 *
 * <p>Tags come from bounded sets: the configured coding tokens and the skip reasons; never paths or URLs.
 */
public final class MicrometerCompressionRecorder implements CompressionRecorder {
    private static final int MAX_ENCODINGS = 16;

    private final MeterRegistry registry;
    private final Map<String, EncodingMeters> encodings = new ConcurrentHashMap<>();
    private final Map<SkipReason, Counter> skipped = new EnumMap<>(SkipReason.class);

    private MicrometerCompressionRecorder(MeterRegistry registry) {
        this.registry = Require.nonNull(registry, "registry");
        for (SkipReason reason : SkipReason.values()) {
            skipped.put(reason, Counter.builder("perfkit.compression.skipped")
                    .description("Responses sent uncompressed, by reason")
                    .tag("reason", reason.tag())
                    .register(registry));
        }
    }

    /**
     * Creates a recorder on the given registry.
     *
     * @param registry the application's registry (never the global one implicitly)
     * @return the recorder
     */
    public static MicrometerCompressionRecorder of(MeterRegistry registry) {
        return new MicrometerCompressionRecorder(registry);
    }

    @Override
    public void compressed(String encoding, long bytesIn, long bytesOut, long nanos) {
        EncodingMeters m = encodings.get(encoding);
        if (m == null) {
            String tag = encodings.size() < MAX_ENCODINGS ? encoding : "other";
            m = encodings.computeIfAbsent(tag, t -> new EncodingMeters(registry, t));
        }
        m.in.increment(bytesIn);
        m.out.increment(bytesOut);
        if (bytesIn > 0) {
            m.ratio.record((double) bytesOut / bytesIn);
        }
        m.time.record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void skipped(SkipReason reason) {
        Counter c = skipped.get(reason);
        if (c != null) {
            c.increment();
        }
    }

    private static final class EncodingMeters {
        final Counter in;
        final Counter out;
        final DistributionSummary ratio;
        final Timer time;

        EncodingMeters(MeterRegistry registry, String encoding) {
            this.in = Counter.builder("perfkit.compression.bytes").baseUnit("bytes")
                    .description("Identity bytes in and encoded bytes out of compressed responses")
                    .tag("direction", "in").tag("encoding", encoding).register(registry);
            this.out = Counter.builder("perfkit.compression.bytes").baseUnit("bytes")
                    .description("Identity bytes in and encoded bytes out of compressed responses")
                    .tag("direction", "out").tag("encoding", encoding).register(registry);
            this.ratio = DistributionSummary.builder("perfkit.compression.ratio")
                    .description("Encoded size over identity size, per compressed response")
                    .tag("encoding", encoding).register(registry);
            this.time = Timer.builder("perfkit.compression.time")
                    .description("Time spent in the encoder, per compressed response")
                    .tag("encoding", encoding).register(registry);
        }
    }
}
