package io.perfkit.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class RateLimitedLoggerTest {
    private final ManualTicker ticker = new ManualTicker();
    private final RateLimitedLogger log =
            RateLimitedLogger.of(LoggerFactory.getLogger(RateLimitedLoggerTest.class), Duration.ofMinutes(1), ticker);

    @Test
    void logsTheFirstOccurrenceThenAtMostOncePerIntervalAndCountsAll() {
        RuntimeException cause = new RuntimeException("boom");
        assertThat(log.warn("capture", "capture failed", cause)).isTrue();
        for (int i = 0; i < 100; i++) {
            assertThat(log.warn("capture", "capture failed", cause)).isFalse();
        }
        ticker.advance(Duration.ofSeconds(61));
        assertThat(log.warn("capture", "capture failed", cause)).isTrue();
        assertThat(log.count("capture")).isEqualTo(102);
    }

    @Test
    void problemsAreThrottledIndependently() {
        assertThat(log.warn("a", "a failed", null)).isTrue();
        assertThat(log.warn("b", "b failed", null)).isTrue();
        assertThat(log.warn("a", "a failed", null)).isFalse();
        assertThat(log.count("c")).isZero();
    }
}
