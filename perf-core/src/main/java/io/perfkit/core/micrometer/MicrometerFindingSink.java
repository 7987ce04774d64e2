package io.perfkit.core.micrometer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.perfkit.core.Finding;
import io.perfkit.core.FindingKind;
import io.perfkit.core.FindingSink;
import io.perfkit.core.Require;
import io.perfkit.core.Severity;
import java.util.EnumMap;
import java.util.Map;

/**
 * A {@link FindingSink} that counts findings in the counter {@code perfkit.findings}, tagged by {@code kind}
 * and {@code severity} (both bounded enums: no SQL, key or URL is ever a tag). Counters are registered up
 * front, so a dashboard shows zero for a kind that never happened.
 *
 * <pre>{@code
 * FindingSink sink = FindingSink.all(FindingSink.logging(), MicrometerFindingSink.counting(meterRegistry));
 * }</pre>
 */
public final class MicrometerFindingSink implements FindingSink {
    /** The name of the counter. */
    public static final String METER_NAME = "perfkit.findings";

    private final Map<FindingKind, Map<Severity, Counter>> counters = new EnumMap<>(FindingKind.class);

    private MicrometerFindingSink(MeterRegistry registry) {
        for (FindingKind kind : FindingKind.values()) {
            Map<Severity, Counter> bySeverity = new EnumMap<>(Severity.class);
            for (Severity severity : Severity.values()) {
                bySeverity.put(severity, Counter.builder(METER_NAME)
                        .description("Performance problems found by perfkit")
                        .tag("kind", kind.name().toLowerCase(java.util.Locale.ROOT))
                        .tag("severity", severity.name().toLowerCase(java.util.Locale.ROOT))
                        .register(registry));
            }
            counters.put(kind, bySeverity);
        }
    }

    /**
     * Returns a sink counting findings in the given registry.
     *
     * @param registry the user's registry
     * @return a new counting sink
     */
    public static MicrometerFindingSink counting(MeterRegistry registry) {
        return new MicrometerFindingSink(Require.nonNull(registry, "registry"));
    }

    @Override
    public void accept(Finding finding) {
        counters.get(finding.kind()).get(finding.severity()).increment();
    }

    @Override
    public String toString() {
        return "MicrometerFindingSink[" + METER_NAME + "]";
    }
}
