package io.perfkit.core.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.perfkit.core.Finding;
import io.perfkit.core.FindingKind;
import io.perfkit.core.Severity;
import org.junit.jupiter.api.Test;

class MicrometerFindingSinkTest {

    @Test
    void countsFindingsByKindAndSeverity() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        MicrometerFindingSink sink = MicrometerFindingSink.counting(registry);
        sink.accept(Finding.builder(FindingKind.N_PLUS_ONE, "loop").build());
        sink.accept(Finding.builder(FindingKind.N_PLUS_ONE, "loop").build());
        sink.accept(Finding.builder(FindingKind.SLOW_QUERY, "slow").severity(Severity.CRITICAL).build());

        assertThat(registry.get("perfkit.findings").tags("kind", "n_plus_one", "severity", "warning")
                .counter().count()).isEqualTo(2.0);
        assertThat(registry.get("perfkit.findings").tags("kind", "slow_query", "severity", "critical")
                .counter().count()).isEqualTo(1.0);
    }

    @Test
    void everyKindIsRegisteredUpFrontSoDashboardsShowZero() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        MicrometerFindingSink.counting(registry);
        assertThat(registry.get("perfkit.findings").tags("kind", "pool_saturated").counters()).hasSize(3);
        assertThat(registry.find("perfkit.findings").counters())
                .hasSize(FindingKind.values().length * Severity.values().length);
    }
}
