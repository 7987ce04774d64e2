package io.perfkit.pool.hikari;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.perfkit.pool.PoolSnapshot;
import io.perfkit.testkit.StubDataSource;
import java.sql.Connection;
import org.junit.jupiter.api.Test;

class HikariPoolsTest {

    private static HikariDataSource pool(boolean timings, SimpleMeterRegistry registry) {
        HikariConfig c = new HikariConfig();
        c.setDataSource(new StubDataSource());
        c.setPoolName("stub");
        c.setMaximumPoolSize(4);
        if (timings) {
            c.setMetricsTrackerFactory(TimingMetricsTrackerFactory.wrapping(
                    new com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory(registry)));
        }
        return new HikariDataSource(c);
    }

    @Test
    void sampler_readsGaugesAndTimings_andHikariMetersStayHikaris() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (HikariDataSource ds = pool(true, registry)) {
            try (Connection a = ds.getConnection(); Connection b = ds.getConnection()) {
                PoolSnapshot s = HikariPools.sampler(ds).sample();
                assertThat(s.active()).isEqualTo(2);
                assertThat(s.maximumPoolSize()).isEqualTo(4);
                assertThat(s.hasTimings()).isTrue();
                assertThat(s.acquisitions()).isEqualTo(2);
            }
            assertThat(HikariPools.sampler(ds).sample().usages()).isEqualTo(2);
            assertThat(registry.get("hikaricp.connections.acquire").timer().count()).isEqualTo(2);
            assertThat(registry.getMeters()).allSatisfy(m -> assertThat(m.getId().getName()).startsWith("hikaricp."));
        }
    }

    @Test
    void sampler_withoutTimingTracker_gaugesOnly() throws Exception {
        try (HikariDataSource ds = pool(false, new SimpleMeterRegistry())) {
            assertThat(HikariPools.sampler(ds).sample().hasTimings()).isFalse();
        }
    }

    @Test
    void controls_resizeThroughTheMxBean() {
        try (HikariDataSource ds = pool(false, new SimpleMeterRegistry())) {
            HikariPools.controls(ds).resize(8, 2);
            assertThat(ds.getHikariConfigMXBean().getMaximumPoolSize()).isEqualTo(8);
            assertThat(ds.getHikariConfigMXBean().getMinimumIdle()).isEqualTo(2);
            HikariPools.controls(ds).resize(3, 3);
            assertThat(ds.getHikariConfigMXBean().getMaximumPoolSize()).isEqualTo(3);
            assertThat(ds.getHikariConfigMXBean().getMinimumIdle()).isEqualTo(3);
        }
    }
}
