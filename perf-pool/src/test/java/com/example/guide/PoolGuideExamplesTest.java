package com.example.guide;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.perfkit.core.CollectingFindingSink;
import io.perfkit.core.Finding;
import io.perfkit.core.FindingSink;
import io.perfkit.pool.AdaptiveSizing;
import io.perfkit.pool.ConnectionCutoffs;
import io.perfkit.pool.DatabaseLimits;
import io.perfkit.pool.LeakTracker;
import io.perfkit.pool.PoolAdvisor;
import io.perfkit.pool.PoolSizing;
import io.perfkit.pool.SizingRecommendation;
import io.perfkit.pool.hikari.HikariConfigReview;
import io.perfkit.pool.hikari.HikariPools;
import io.perfkit.pool.hikari.TunedHikari;
import io.perfkit.pool.micrometer.PoolMetrics;
import io.perfkit.pool.postgres.ActivityMonitor;
import io.perfkit.testkit.StubDataSource;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The examples of docs/pool.md. Each region between {@code tag::name[]} and {@code end::name[]} is copied into
 * the guide, and perf-core's DocSnippetsTest keeps the copies equal to these compiled, passing examples.
 */
class PoolGuideExamplesTest {
    private final MeterRegistry meterRegistry = new SimpleMeterRegistry();
    private final CollectingFindingSink findings = FindingSink.collecting();

    @Test
    void sizing() {
        // tag::sizing[]
        SizingRecommendation r = PoolSizing.builder()
                .databaseCores(8)                          // the database server's physical cores
                .effectiveSpindles(0)                      // SSD, or the working set is cached
                .instances(3)                              // application instances sharing the server
                .databaseLimits(DatabaseLimits.of(200, 3)) // or PostgresServerSettings.read(connection).limits()
                .observedLoad(400, Duration.ofMillis(12))  // 400 borrows/s per instance, each held 12 ms
                .nestedConnections(16, 2)                  // 16 worker threads, each may hold 2 connections
                .build()
                .recommend();
        System.out.println(r.explain());
        // end::sizing[]
        assertThat(r.maximumPoolSize()).isEqualTo(17);
        assertThat(r.reasoning()).hasSize(7);
    }

    @Test
    void tuned() {
        String jdbcUrl = "jdbc:postgresql://db.internal:5432/shop";
        String password = "secret";
        SizingRecommendation sizing = PoolSizing.builder().databaseCores(8).instances(3).build().recommend();
        // tag::tuned[]
        HikariConfig config = TunedHikari.builder(jdbcUrl, "orders")          // poolName and ApplicationName
                .credentials("shop", password)
                .size(sizing)                                                   // from PoolSizing
                .cutoffs(ConnectionCutoffs.network(Duration.ofSeconds(350)))    // e.g. an AWS NLB's idle timeout
                .metrics(meterRegistry)                                         // HikariCP's own hikaricp.* meters
                .config();                                                      // or .build() for a HikariDataSource
        // end::tuned[]
        assertThat(config.getMaxLifetime()).isEqualTo(315_000);
        assertThat(config.getKeepaliveTime()).isEqualTo(120_000);
    }

    @Test
    void review() {
        HikariConfig existing = new HikariConfig();
        existing.setJdbcUrl("jdbc:postgresql://db.internal:5432/shop");
        existing.setPoolName("legacy");
        existing.setKeepaliveTime(0);
        // tag::review[]
        List<Finding> problems = HikariConfigReview.builder()
                .cutoffs(new ConnectionCutoffs(Duration.ofMinutes(5), Duration.ofSeconds(350)))
                .limits(DatabaseLimits.of(100, 3), 4)          // max_connections, reserved; 4 instances
                .build()
                .review(existing);                             // reads only; the configuration is not changed
        problems.forEach(p -> System.out.println(p.describe()));
        // end::review[]
        assertThat(problems).isNotEmpty();
    }

    @Test
    void advisor() {
        try (HikariDataSource dataSource = stubPool()) {
            // tag::advisor[]
            PoolAdvisor advisor = PoolAdvisor.builder("orders", HikariPools.sampler(dataSource))
                    .findings(FindingSink.logging())
                    .upperBound(24)                                    // never recommend more, e.g. from PoolSizing
                    .adaptive(HikariPools.controls(dataSource),        // leave out to only advise (the default)
                            AdaptiveSizing.within(4, 24).step(2).cooldown(Duration.ofMinutes(2)))
                    .build()
                    .start();                                          // samples every 5 s, judges every minute
            PoolMetrics.bind(advisor, meterRegistry);                  // perfkit.pool.recommended.size, adjustments
            // end::advisor[]
            advisor.close();
            assertThat(advisor.lastAdvice()).isEmpty();
        }
    }

    @Test
    void leaks() throws Exception {
        try (HikariDataSource dataSource = stubPool()) {
            // tag::leaks[]
            LeakTracker leaks = LeakTracker.builder("orders")
                    .threshold(Duration.ofSeconds(30))
                    .findings(FindingSink.logging())                   // CONNECTION_HELD_TOO_LONG with call site
                    .build()
                    .start();                                          // sweeps every second
            DataSource tracked = leaks.wrap(dataSource);               // hand this to the application
            PoolMetrics.bind(leaks, meterRegistry);                    // perfkit.pool.leaks, ...held.too.long
            // end::leaks[]
            try (Connection c = tracked.getConnection()) {
                assertThat(c.isClosed()).isFalse();
            }
            leaks.close();
        }
    }

    @Test
    void activity() {
        DataSource direct = new StubDataSource();
        // tag::activity[]
        ActivityMonitor monitor = ActivityMonitor.builder(direct)      // a plain DataSource, not the app's pool
                .sampleInterval(Duration.ofSeconds(30))
                .idleInTransactionThreshold(Duration.ofSeconds(10))
                .longRunningThreshold(Duration.ofSeconds(30))
                .findings(FindingSink.logging())
                .build();
        PoolMetrics.bind(monitor, meterRegistry);                      // perfkit.pool.pg.sessions{application,state}
        monitor.start();
        // end::activity[]
        monitor.close();
        assertThat(findings.findings()).isEmpty();
    }

    private static HikariDataSource stubPool() {
        HikariConfig c = new HikariConfig();
        c.setDataSource(new StubDataSource());
        c.setPoolName("orders");
        c.setMaximumPoolSize(4);
        return new HikariDataSource(c);
    }
}
