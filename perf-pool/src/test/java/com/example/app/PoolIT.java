package com.example.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.perfkit.core.CollectingFindingSink;
import io.perfkit.core.Finding;
import io.perfkit.core.FindingKind;
import io.perfkit.core.FindingSink;
import io.perfkit.pool.AdaptiveSizing;
import io.perfkit.pool.HeldConnection;
import io.perfkit.pool.LeakTracker;
import io.perfkit.pool.PoolAdvice;
import io.perfkit.pool.PoolAdvisor;
import io.perfkit.pool.PoolSizing;
import io.perfkit.pool.SizingRecommendation;
import io.perfkit.pool.hikari.HikariConfigReview;
import io.perfkit.pool.hikari.HikariPools;
import io.perfkit.pool.hikari.TunedHikari;
import io.perfkit.pool.postgres.ActivityMonitor;
import io.perfkit.pool.postgres.ActivitySnapshot;
import io.perfkit.pool.postgres.PostgresServerSettings;
import io.perfkit.testkit.RealServers;
import io.perfkit.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** perf-pool against a real PostgreSQL; "application" package so call sites resolve to this class. */
@RealServers
class PoolIT {
    private final AtomicLong now = new AtomicLong();
    private final CollectingFindingSink sink = FindingSink.collecting();
    private final ExecutorService borrowers = Executors.newCachedThreadPool();
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stop() throws Exception {
        release.countDown();
        borrowers.shutdown();
        assertThat(borrowers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }

    /**
     * Waiting borrowers must not time out while a loaded CI machine is slow to reach the expected state:
     * a timed-out borrower would lower the demand the advisor sees.
     */
    private static HikariDataSource pool(TestDatabase db, String name, int size) {
        return TunedHikari.builder(db.jdbcUrl(), name).credentials(db.user(), db.password())
                .maximumPoolSize(size).minimumIdle(1).connectionTimeout(Duration.ofMinutes(2)).build();
    }

    /** Starts threads that each take a connection, run a statement and hold it until released. */
    private void holdConnections(DataSource ds, int threads) {
        for (int i = 0; i < threads; i++) {
            borrowers.submit(() -> {
                try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                    s.execute("SELECT 1");
                    release.await();
                }
                return null;
            });
        }
    }

    /** Starts threads that borrow a connection for a short statement, again and again, until released. */
    private void loopBorrowers(DataSource ds, int threads) {
        for (int i = 0; i < threads; i++) {
            borrowers.submit(() -> {
                while (release.getCount() > 0) {
                    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                        s.execute("SELECT pg_sleep(0.05)");
                    }
                }
                return null;
            });
        }
    }

    /** Evaluates windows of live samples until adaptive sizing reaches the size (a sample may miss the waiting). */
    private void growUntil(PoolAdvisor advisor, HikariDataSource ds, int size) {
        for (int i = 0; i < 20 && ds.getHikariConfigMXBean().getMaximumPoolSize() < size; i++) {
            window(advisor, 2);
        }
        assertThat(ds.getHikariConfigMXBean().getMaximumPoolSize()).isEqualTo(size);
    }

    private static void awaitState(BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 400 && !condition.getAsBoolean(); i++) {
            Thread.sleep(25);
        }
        assertThat(condition.getAsBoolean()).as("pool reached the expected state").isTrue();
    }

    private static void awaitState(HikariDataSource ds, BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 400 && !condition.getAsBoolean(); i++) {
            Thread.sleep(25);
        }
        assertThat(condition.getAsBoolean()).as("pool reached the expected state, now %s", state(ds)).isTrue();
    }

    private static String state(HikariDataSource ds) {
        return "active=" + ds.getHikariPoolMXBean().getActiveConnections() + " idle="
                + ds.getHikariPoolMXBean().getIdleConnections() + " waiting="
                + ds.getHikariPoolMXBean().getThreadsAwaitingConnection() + " max="
                + ds.getHikariConfigMXBean().getMaximumPoolSize();
    }

    private Optional<PoolAdvice> window(PoolAdvisor advisor, int samples) {
        Optional<PoolAdvice> advice = Optional.empty();
        for (int i = 0; i < samples; i++) {
            now.addAndGet(Duration.ofSeconds(5).toNanos());
            advice = advisor.sample();
        }
        return advice;
    }

    @Test
    void advisor_moreBorrowersThanConnections_reportsSaturationWithARecommendedSize(TestDatabase db) throws Exception {
        try (HikariDataSource ds = pool(db, "saturated-it", 2)) {
            PoolAdvisor advisor = PoolAdvisor.builder("saturated-it", HikariPools.sampler(ds))
                    .findings(sink).ticker(now::get).windowSamples(3).build();
            holdConnections(ds, 6);
            awaitState(ds, () -> ds.getHikariPoolMXBean().getActiveConnections() == 2
                    && ds.getHikariPoolMXBean().getThreadsAwaitingConnection() == 4);

            PoolAdvice advice = window(advisor, 3).orElseThrow();

            release.countDown(); // let the borrowers go before any assertion can fail, so the pool closes promptly
            assertThat(advice.verdict()).isEqualTo(PoolAdvice.Verdict.SATURATED);
            assertThat(advice.recommendedMaximumPoolSize()).isEqualTo(8); // 6 wanted at 80 % utilization
            Finding f = sink.findings(FindingKind.POOL_SATURATED).get(0);
            assertThat(f.subject()).isEqualTo("saturated-it");
            assertThat(f.suggestion()).hasValue("Set maximumPoolSize=8.");
            assertThat(f.evidence()).containsEntry("peakPending", 4);
            borrowers.shutdown();
            assertThat(borrowers.awaitTermination(30, TimeUnit.SECONDS)).isTrue(); // before the pool closes
        }
    }

    @Test
    void advisor_adaptive_growsUnderSustainedWaitingAndShrinksWhenIdle(TestDatabase db) throws Exception {
        try (HikariDataSource ds = pool(db, "adaptive-it", 2)) {
            PoolAdvisor advisor = PoolAdvisor.builder("adaptive-it", HikariPools.sampler(ds))
                    .findings(sink).ticker(now::get).windowSamples(2)
                    .adaptive(HikariPools.controls(ds), AdaptiveSizing.within(2, 6).step(2)
                            .cooldown(Duration.ofSeconds(1)))
                    .build();
            loopBorrowers(ds, 6);
            awaitState(() -> ds.getHikariPoolMXBean().getThreadsAwaitingConnection() >= 3);

            growUntil(advisor, ds, 4);
            awaitState(ds, () -> ds.getHikariPoolMXBean().getTotalConnections() == 4); // new borrows fill it
            growUntil(advisor, ds, 6);
            awaitState(ds, () -> ds.getHikariPoolMXBean().getTotalConnections() == 6);

            release.countDown();
            awaitState(ds, () -> ds.getHikariPoolMXBean().getActiveConnections() == 0);
            window(advisor, 2);
            window(advisor, 2);
            assertThat(ds.getHikariConfigMXBean().getMaximumPoolSize()).isEqualTo(2);
            assertThat(advisor.growCount()).isEqualTo(2);
            assertThat(advisor.shrinkCount()).isEqualTo(2);
            try (Connection c = ds.getConnection()) {
                assertThat(c.isValid(1)).isTrue();
            }
        }
    }

    @Test
    void leakTracker_leakedConnection_reportedWithThisTestsLine(TestDatabase db) throws Exception {
        try (HikariDataSource pool = pool(db, "leak-it", 2)) {
            LeakTracker leaks = LeakTracker.builder("leak-it").threshold(Duration.ofSeconds(30))
                    .findings(sink).ticker(now::get).build();
            DataSource ds = leaks.wrap(pool);

            Connection leaked = ds.getConnection(); int line = new Throwable().getStackTrace()[0].getLineNumber();
            leaks.sweep();
            now.addAndGet(Duration.ofSeconds(31).toNanos());
            List<HeldConnection> held = leaks.sweep();

            assertThat(held).hasSize(1);
            Finding f = sink.findings(FindingKind.CONNECTION_HELD_TOO_LONG).get(0);
            assertThat(f.callSite()).hasValueSatisfying(site -> {
                assertThat(site.getClassName()).isEqualTo(PoolIT.class.getName());
                assertThat(site.getLineNumber()).isEqualTo(line);
            });
            leaked.close();
        }
    }

    @Test
    void activityMonitor_seesIdleInTransactionLongRunningAndHeadroom(TestDatabase db) throws Exception {
        try (HikariDataSource pool = pool(db, "orders-it", 3);
             ActivityMonitor monitor = ActivityMonitor.builder(db.dataSource()).findings(sink)
                     .idleInTransactionThreshold(Duration.ofMillis(1))
                     .longRunningThreshold(Duration.ofMillis(1))
                     .headroomThreshold(0.001).build();
             Connection tx = pool.getConnection();
             Connection busy = pool.getConnection()) {
            tx.setAutoCommit(false);
            try (Statement s = tx.createStatement()) {
                s.execute("SELECT 1");
            }
            Statement sleeping = busy.createStatement();
            borrowers.submit(() -> sleeping.execute("SELECT pg_sleep(30)"));
            awaitState(() -> monitor.sample().map(a -> a.count("orders-it", "active") == 1).orElse(false));

            ActivitySnapshot s = monitor.sample().orElseThrow();

            assertThat(s.count("orders-it", "idle in transaction")).isEqualTo(1);
            assertThat(s.idleInTransaction()).singleElement()
                    .satisfies(a -> assertThat(a.applicationName()).isEqualTo("orders-it"));
            assertThat(s.longRunning()).singleElement()
                    .satisfies(a -> assertThat(a.queryText()).isEmpty()); // no statement text unless allowed
            assertThat(s.headroom()).isLessThan(s.maxConnections());
            assertThat(sink.findings(FindingKind.IDLE_IN_TRANSACTION)).singleElement()
                    .satisfies(f -> assertThat(f.subject()).startsWith("orders-it#"));
            assertThat(sink.findings(FindingKind.LONG_RUNNING_QUERY)).isNotEmpty();
            assertThat(sink.findings(FindingKind.CONNECTION_HEADROOM)).isNotEmpty();
            sleeping.cancel();
            tx.rollback();
        }
    }

    @Test
    void review_maxLifetimeAboveTheServersIdleSessionTimeout_isFlagged(TestDatabase db) throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("ALTER DATABASE " + db.databaseName() + " SET idle_session_timeout = '60s'");
        }
        PostgresServerSettings settings;
        try (Connection c = db.dataSource().getConnection()) {
            settings = PostgresServerSettings.read(c);
        }
        assertThat(settings.idleSessionTimeout()).isEqualTo(Duration.ofSeconds(60));
        HikariConfig legacy = new HikariConfig();
        legacy.setJdbcUrl(db.jdbcUrl());
        legacy.setPoolName("legacy");
        legacy.setKeepaliveTime(0);

        List<Finding> findings = HikariConfigReview.builder()
                .cutoffs(settings.cutoffs(Duration.ofSeconds(350)))
                .limits(settings.limits(), 1).build().review(legacy);

        assertThat(findings).filteredOn(f -> "maxLifetime".equals(f.evidence().get("setting"))).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("idle_session_timeout").contains("PT1M"));
        assertThat(legacy.getMaxLifetime()).isEqualTo(Duration.ofMinutes(30).toMillis()); // untouched

        SizingRecommendation r = PoolSizing.builder().databaseCores(2).instances(2)
                .databaseLimits(settings.limits()).build().recommend();
        assertThat(r.explain()).contains("The server allows " + settings.maxConnections() + " connections");
        try (HikariDataSource tuned = TunedHikari.builder(db.jdbcUrl(), "tuned-it").credentials(db.user(),
                db.password()).size(r).cutoffs(settings.cutoffs()).build()) {
            assertThat(tuned.getMaxLifetime()).isLessThan(Duration.ofSeconds(60).toMillis());
            assertThat(HikariConfigReview.builder().cutoffs(settings.cutoffs()).build().review(tuned)).isEmpty();
        }
    }
}
