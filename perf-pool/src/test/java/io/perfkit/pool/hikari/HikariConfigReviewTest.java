package io.perfkit.pool.hikari;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import io.perfkit.core.Finding;
import io.perfkit.core.FindingKind;
import io.perfkit.core.Severity;
import io.perfkit.pool.ConnectionCutoffs;
import io.perfkit.pool.DatabaseLimits;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class HikariConfigReviewTest {

    private static HikariConfig plain() {
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl("jdbc:postgresql://db:5432/shop");
        c.setPoolName("legacy");
        return c;
    }

    private static List<String> settings(List<Finding> findings) {
        return findings.stream().map(f -> (String) f.evidence().get("setting")).toList();
    }

    @Test
    void review_hikariDefaults_flagsLongWaitAndMissingDriverProperties() {
        List<Finding> findings = HikariConfigReview.builder().build().review(plain());

        assertThat(findings).allSatisfy(f -> assertThat(f.kind()).isEqualTo(FindingKind.POOL_MISCONFIGURED));
        assertThat(settings(findings)).containsExactlyInAnyOrder("connectionTimeout", "tcpKeepAlive",
                "ApplicationName", "reWriteBatchedInserts", "socketTimeout");
    }

    @Test
    void review_tunedConfig_hasNothingToSay() {
        HikariConfig tuned = TunedHikari.builder("jdbc:postgresql://db/shop", "orders")
                .cutoffs(ConnectionCutoffs.network(Duration.ofSeconds(350))).config();

        assertThat(HikariConfigReview.builder().cutoffs(ConnectionCutoffs.network(Duration.ofSeconds(350))).build()
                .review(tuned)).isEmpty();
    }

    @Test
    void review_lifetimeAboveCutoffWithoutKeepalive_isAWarningNamingTheCutoff() {
        HikariConfig c = plain();
        c.setKeepaliveTime(0);

        List<Finding> findings = HikariConfigReview.builder()
                .cutoffs(ConnectionCutoffs.none().withServerIdleTimeout(Duration.ofMinutes(5))).build().review(c);

        assertThat(findings).filteredOn(f -> "maxLifetime".equals(f.evidence().get("setting"))).singleElement()
                .satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Severity.WARNING);
                    assertThat(f.message()).contains("idle_session_timeout");
                    assertThat(f.suggestion()).hasValueSatisfying(s -> assertThat(s).contains("270s"));
                });
        assertThat(settings(findings)).contains("keepaliveTime");
    }

    @Test
    void review_poolsExceedMaxConnections_isCritical() {
        HikariConfig c = plain();
        c.setMaximumPoolSize(30);

        List<Finding> findings = HikariConfigReview.builder().limits(DatabaseLimits.of(100, 3), 4).build().review(c);

        assertThat(findings.get(0).severity()).isEqualTo(Severity.CRITICAL);
        assertThat(findings.get(0).suggestion()).hasValueSatisfying(s -> assertThat(s).contains("at most 24"));
    }

    @Test
    void review_propertiesInTheUrl_count() {
        HikariConfig c = plain();
        c.setJdbcUrl("jdbc:postgresql://db/shop?tcpKeepAlive=true&ApplicationName=legacy&reWriteBatchedInserts=true"
                + "&socketTimeout=60");
        c.setConnectionTimeout(3000);
        c.setValidationTimeout(1000);

        assertThat(HikariConfigReview.builder().build().review(c)).isEmpty();
    }

    @Test
    void review_neverMutatesTheConfig() {
        HikariConfig c = plain();
        c.setMaxLifetime(0);
        c.setLeakDetectionThreshold(5000);
        Properties before = c.getDataSourceProperties();
        String beforeState = state(c);

        List<Finding> findings = HikariConfigReview.builder()
                .cutoffs(ConnectionCutoffs.network(Duration.ofMinutes(4))).build().review(c);

        assertThat(settings(findings)).contains("maxLifetime", "leakDetectionThreshold");
        assertThat(state(c)).isEqualTo(beforeState);
        assertThat(c.getDataSourceProperties()).isEqualTo(before);
    }

    private static String state(HikariConfig c) {
        return c.getMaxLifetime() + "/" + c.getKeepaliveTime() + "/" + c.getConnectionTimeout() + "/"
                + c.getLeakDetectionThreshold() + "/" + c.getMaximumPoolSize() + "/" + c.getMinimumIdle() + "/"
                + c.getDataSourceProperties();
    }
}
