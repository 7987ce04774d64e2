package io.perfkit.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.perfkit.core.FindingSink;
import io.perfkit.testkit.StubDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** perfkit's own timer accumulators, and the Micrometer timer users can ask for instead. */
class QueryTimerTest {

    @Test
    void recordsCountTotalAndLargestTime() {
        QueryTimer timer = new QueryTimer();
        timer.record(300);
        timer.record(1_000);
        timer.record(200);
        assertThat(timer.count()).isEqualTo(3);
        assertThat(timer.totalNanos()).isEqualTo(1_500);
        assertThat(timer.maxNanos()).isEqualTo(1_000);
    }

    @Test
    void maxWindow_turnsWhenRead_andForgetsAfterTwoWindows() {
        QueryTimer timer = new QueryTimer(0); // every read turns the window
        timer.record(700);
        assertThat(timer.maxNanos()).isEqualTo(700); // now the previous window's maximum
        timer.record(50);
        assertThat(timer.maxNanos()).isEqualTo(50);
        assertThat(timer.maxNanos()).isZero();
    }

    @Test
    void concurrentRecords_areAllCounted() throws InterruptedException {
        QueryTimer timer = new QueryTimer();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int offset = t;
            threads.add(new Thread(() -> {
                for (int i = 1; i <= 10_000; i++) {
                    timer.record(i + offset);
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(timer.count()).isEqualTo(40_000);
        assertThat(timer.totalNanos()).isEqualTo(4 * (10_000L * 10_001 / 2) + 10_000L * (0 + 1 + 2 + 3));
        assertThat(timer.maxNanos()).isEqualTo(10_003);
    }

    @Test
    void registry_seesFunctionTimerMaxGaugeAndRowCounter() throws SQLException {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (QueryMonitor monitor = QueryMonitor.builder().meterRegistry(registry)
                .findingSink(FindingSink.disabled()).build()) {
            DataSource ds = monitor.wrap(new StubDataSource(4, 1));
            try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
                for (int i = 0; i < 3; i++) {
                    st.executeQuery("SELECT a FROM t").close();
                }
            }
            String id = Fingerprint.of("SELECT a FROM t").id();
            var timer = registry.get("perfkit.query").tags("fingerprint", id, "kind", "select").functionTimer();
            assertThat(timer.count()).isEqualTo(3);
            double max = registry.get("perfkit.query.max").tags("fingerprint", id, "kind", "select").timeGauge()
                    .value(TimeUnit.NANOSECONDS);
            assertThat(max).isPositive().isLessThanOrEqualTo(timer.totalTime(TimeUnit.NANOSECONDS));
        }
    }

    @Test
    void timerPercentiles_registerAMicrometerTimerWithPercentiles() throws SQLException {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (QueryMonitor monitor = QueryMonitor.builder().meterRegistry(registry)
                .findingSink(FindingSink.disabled()).timerPercentiles(0.5, 0.99).build()) {
            DataSource ds = monitor.wrap(new StubDataSource(1, 1));
            try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
                st.executeQuery("SELECT a FROM t").close();
                st.executeQuery("SELECT a FROM t").close();
            }
            String id = Fingerprint.of("SELECT a FROM t").id();
            assertThat(registry.get("perfkit.query").tags("fingerprint", id, "kind", "select").timer().count())
                    .isEqualTo(2);
            assertThat(registry.get("perfkit.query.percentile").tags("fingerprint", id, "phi", "0.99").gauge())
                    .isNotNull();
            assertThat(registry.find("perfkit.query").functionTimers()).isEmpty();
        }
    }

    @Test
    void timerPercentileHistogram_registersAMicrometerTimer() throws SQLException {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (QueryMonitor monitor = QueryMonitor.builder().meterRegistry(registry)
                .findingSink(FindingSink.disabled()).timerPercentileHistogram(true).build()) {
            DataSource ds = monitor.wrap(new StubDataSource(1, 1));
            try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
                st.executeQuery("SELECT a FROM t").close();
            }
            assertThat(registry.get("perfkit.query").tag("kind", "select").timer().count()).isEqualTo(1);
        }
    }

    @Test
    void timerPercentiles_outOfRange_namesTheSetting() {
        assertThatThrownBy(() -> QueryMonitor.builder().timerPercentiles(0.5, 1.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timerPercentiles");
    }
}
