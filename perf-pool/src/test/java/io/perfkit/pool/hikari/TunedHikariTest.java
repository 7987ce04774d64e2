package io.perfkit.pool.hikari;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.perfkit.pool.ConnectionCutoffs;
import io.perfkit.pool.PoolSizing;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TunedHikariTest {
    private static final String URL = "jdbc:postgresql://db:5432/shop";

    @Test
    void config_defaults_areTheDocumentedOnes() {
        HikariConfig c = TunedHikari.builder(URL, "orders").config();

        assertThat(c.getPoolName()).isEqualTo("orders");
        assertThat(c.getMaximumPoolSize()).isEqualTo(10);
        assertThat(c.getMinimumIdle()).isEqualTo(10);
        assertThat(c.getConnectionTimeout()).isEqualTo(5_000);
        assertThat(c.getValidationTimeout()).isEqualTo(2_000);
        assertThat(c.getMaxLifetime()).isEqualTo(Duration.ofMinutes(30).toMillis());
        assertThat(c.getKeepaliveTime()).isEqualTo(Duration.ofMinutes(2).toMillis());
        assertThat(c.getLeakDetectionThreshold()).isZero();
        assertThat(c.getDataSourceProperties())
                .containsEntry("ApplicationName", "orders")
                .containsEntry("reWriteBatchedInserts", "true")
                .containsEntry("tcpKeepAlive", "true")
                .containsEntry("socketTimeout", "300")
                .containsEntry("connectTimeout", "10");
        assertThat(c.getMetricsTrackerFactory()).isInstanceOf(TimingMetricsTrackerFactory.class);
    }

    @Test
    void config_networkCutoff_putsLifetimeAndKeepaliveBelowIt() {
        HikariConfig c = TunedHikari.builder(URL, "orders")
                .cutoffs(ConnectionCutoffs.network(Duration.ofSeconds(350)))
                .config();

        assertThat(c.getMaxLifetime()).isEqualTo(Duration.ofSeconds(315).toMillis()); // 350 - 35
        assertThat(c.getKeepaliveTime()).isEqualTo(Duration.ofSeconds(120).toMillis());
    }

    @Test
    void config_shortServerIdleTimeout_keepaliveAtHalfOfIt() {
        HikariConfig c = TunedHikari.builder(URL, "orders")
                .cutoffs(ConnectionCutoffs.none().withServerIdleTimeout(Duration.ofSeconds(90)))
                .config();

        assertThat(c.getMaxLifetime()).isEqualTo(Duration.ofSeconds(60).toMillis());
        assertThat(c.getKeepaliveTime()).isEqualTo(Duration.ofSeconds(45).toMillis());
    }

    @Test
    void config_sizingAndOverrides_applied() {
        HikariConfig c = TunedHikari.builder(URL, "orders")
                .size(PoolSizing.builder().databaseCores(3).build().recommend())
                .dataSourceProperty("socketTimeout", "60")
                .reWriteBatchedInserts(false)
                .metrics(new SimpleMeterRegistry())
                .config();

        assertThat(c.getMaximumPoolSize()).isEqualTo(6);
        assertThat(c.getDataSourceProperties()).containsEntry("socketTimeout", "60")
                .containsEntry("reWriteBatchedInserts", "false");
    }

    @Test
    void builder_rejectsBadValues_namingTheSetting() {
        assertThatThrownBy(() -> TunedHikari.builder("postgresql://x", "p")).hasMessageContaining("jdbcUrl");
        assertThatThrownBy(() -> TunedHikari.builder(URL, " ")).hasMessageContaining("poolName");
        assertThatThrownBy(() -> TunedHikari.builder(URL, "p").connectionTimeout(Duration.ofMillis(100)))
                .hasMessageContaining("connectionTimeout");
        assertThatThrownBy(() -> TunedHikari.builder(URL, "p").keepaliveTime(Duration.ofSeconds(5)))
                .hasMessageContaining("keepaliveTime");
        assertThatThrownBy(() -> TunedHikari.builder(URL, "p").hikariLeakDetection(Duration.ofSeconds(1)))
                .hasMessageContaining("hikariLeakDetection");
        assertThatThrownBy(() -> TunedHikari.builder(URL, "p").maximumPoolSize(4).minimumIdle(5).config())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("minimumIdle");
        assertThatThrownBy(() -> TunedHikari.builder(URL, "p").maxLifetime(Duration.ofMinutes(10))
                .cutoffs(ConnectionCutoffs.network(Duration.ofMinutes(5))).config())
                .hasMessageContaining("maxLifetime").hasMessageContaining("network idle cut-off");
        assertThatThrownBy(() -> TunedHikari.builder(URL, "p")
                .cutoffs(ConnectionCutoffs.network(Duration.ofSeconds(40))).config())
                .hasMessageContaining("too short");
    }
}
