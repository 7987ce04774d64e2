package io.perfkit.core.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.perfkit.core.Breach;
import io.perfkit.core.BudgetReport;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LatencyBudgetTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    /** 90 fast observations of 10 ms and 10 slow ones of 400 ms: p95 and p99 are slow, p50 is fast. */
    private void record(Timer timer) {
        for (int i = 0; i < 90; i++) {
            timer.record(Duration.ofMillis(10));
        }
        for (int i = 0; i < 10; i++) {
            timer.record(Duration.ofMillis(400));
        }
    }

    @Test
    void aTimerWithPublishedPercentilesIsCheckedAgainstThem() {
        record(Timer.builder("http.server.requests").tag("uri", "/books").publishPercentiles(0.5, 0.95, 0.99)
                .register(registry));
        BudgetReport result = LatencyBudget.builder("http.server.requests").tag("uri", "/books")
                .p95(Duration.ofMillis(200)).percentile(0.5, Duration.ofMillis(50)).build().check(registry);
        assertThat(result.breaches()).extracting(Breach::limit).containsExactly("p95");
        assertThat(result.breaches().get(0).subject()).isEqualTo("http.server.requests{uri=/books}");
        assertThat(result.breaches().get(0).allowed()).isEqualTo("200 ms");
    }

    @Test
    void aTimerWithOnlyAHistogramIsCheckedAgainstTheBucketUpperBound() {
        // Histogram buckets at service-level objectives; p99 (400 ms) falls in the 500 ms bucket.
        record(Timer.builder("perfkit.query")
                .serviceLevelObjectives(Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(500))
                .register(registry));
        assertThat(LatencyBudget.builder("perfkit.query").p99(Duration.ofMillis(450)).build().check(registry)
                .breaches()).extracting(Breach::actual).containsExactly("500 ms");
        assertThat(LatencyBudget.builder("perfkit.query").p99(Duration.ofMillis(300)).build().check(registry)
                .passed()).isFalse();
        assertThat(LatencyBudget.builder("perfkit.query").percentile(0.5, Duration.ofMillis(50)).build()
                .check(registry).passed()).isTrue();
    }

    @Test
    void maxIsChecked() {
        record(Timer.builder("job").register(registry));
        BudgetReport result = LatencyBudget.builder("job").max(Duration.ofMillis(100)).build().check(registry);
        assertThat(result.breaches()).extracting(Breach::actual).containsExactly("400 ms");
    }

    @Test
    void aMissingTimerIsABreachSoAGateNeverPassesOnNoData() {
        BudgetReport result = LatencyBudget.builder("never.recorded").p95(Duration.ofMillis(1)).build()
                .check(registry);
        assertThat(result.passed()).isFalse();
        assertThat(result.breaches().get(0).actual()).isEqualTo("absent");
    }

    @Test
    void everyMatchingTimerIsChecked() {
        record(Timer.builder("http").tag("uri", "/a").publishPercentiles(0.99).register(registry));
        record(Timer.builder("http").tag("uri", "/b").publishPercentiles(0.99).register(registry));
        assertThat(LatencyBudget.builder("http").p99(Duration.ofMillis(100)).build().check(registry).breaches())
                .extracting(Breach::subject).containsExactlyInAnyOrder("http{uri=/a}", "http{uri=/b}");
    }

    @Test
    void aTimerWithoutPercentilesOrHistogramIsAConfigurationError() {
        record(Timer.builder("plain").register(registry));
        LatencyBudget budget = LatencyBudget.builder("plain").p95(Duration.ofMillis(100)).build();
        assertThatThrownBy(() -> budget.check(registry))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("publishPercentiles(0.95)");
    }

    @Test
    void badLimitsAreRejectedNamingTheSetting() {
        assertThatThrownBy(() -> LatencyBudget.builder("t").build()).hasMessageContaining("at least one limit");
        assertThatThrownBy(() -> LatencyBudget.builder("t").percentile(1.0, Duration.ofMillis(1)))
                .hasMessageContaining("percentile must be between 0 and 1");
        assertThatThrownBy(() -> LatencyBudget.builder("t").p99(Duration.ofMillis(1)).p99(Duration.ofMillis(2)))
                .hasMessageContaining("p99 limit was already set");
        assertThatThrownBy(() -> LatencyBudget.builder("t").p95(Duration.ZERO)).hasMessageContaining("p95");
    }
}
