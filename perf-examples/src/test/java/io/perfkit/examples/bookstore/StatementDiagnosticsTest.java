package io.perfkit.examples.bookstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perfkit.core.FindingPublisher;
import io.perfkit.core.FindingSink;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class StatementDiagnosticsTest {
    @Test
    void aShapeIsSlowOnlyWhenAtLeastHalfOfAWindowWasSlow() {
        StatementDiagnostics.Timing timing = new StatementDiagnostics.Timing();
        // One stall in a window of fast executions is noise.
        for (int i = 1; i < StatementDiagnostics.SLOW_MIN_EXECUTIONS; i++) {
            assertThat(timing.record(i == 3)).isFalse();
        }
        assertThat(timing.record(false)).isFalse();
        // A window where half the executions were slow is a finding, reported when the window completes.
        int reported = 0;
        for (int i = 0; i < StatementDiagnostics.SLOW_MIN_EXECUTIONS; i++) {
            if (timing.record(i % 2 == 0)) {
                reported++;
            }
        }
        assertThat(reported).isEqualTo(1);
        // Each window is judged on its own.
        for (int i = 0; i < StatementDiagnostics.SLOW_MIN_EXECUTIONS; i++) {
            assertThat(timing.record(false)).isFalse();
        }
    }

    @Test
    void settingsAreValidatedNamingTheSetting() {
        FindingPublisher publisher = FindingPublisher.of(FindingSink.disabled());
        assertThatThrownBy(() -> new StatementDiagnostics(publisher, Duration.ofMillis(10), 1))
                .hasMessageContaining("repeatThreshold");
        assertThatThrownBy(() -> new StatementDiagnostics(publisher, Duration.ZERO, 5))
                .hasMessageContaining("slowThreshold");
    }
}
