package io.perfkit.pool.hikari;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.app.LeakyService;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.perfkit.core.CollectingFindingSink;
import io.perfkit.core.FindingKind;
import io.perfkit.core.FindingSink;
import io.perfkit.core.Ticker;
import io.perfkit.pool.HeldConnection;
import io.perfkit.pool.LeakTracker;
import io.perfkit.testkit.StubDataSource;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LeakTrackerTest {
    private final AtomicLong now = new AtomicLong();
    private final Ticker ticker = now::get;
    private final CollectingFindingSink sink = FindingSink.collecting();
    private final HikariDataSource pool = stubPool();

    static HikariDataSource stubPool() {
        HikariConfig c = new HikariConfig();
        c.setDataSource(new StubDataSource());
        c.setPoolName("stub");
        c.setMaximumPoolSize(4);
        return new HikariDataSource(c);
    }

    @AfterEach
    void close() {
        pool.close();
    }

    private LeakTracker.Builder tracker() {
        return LeakTracker.builder("orders").threshold(Duration.ofSeconds(10)).findings(sink).ticker(ticker);
    }

    private void advance(Duration d) {
        now.addAndGet(d.toNanos());
    }

    @Test
    void sweep_connectionHeldPastThreshold_reportedWithTheBorrowingLine() throws Exception {
        LeakTracker leaks = tracker().build();
        DataSource ds = leaks.wrap(pool);
        Connection leaked = new LeakyService(ds).leak();

        leaks.sweep();
        advance(Duration.ofSeconds(11));
        List<HeldConnection> reported = leaks.sweep();

        assertThat(reported).singleElement().satisfies(h -> {
            assertThat(h.callSiteFromBorrow()).isTrue();
            assertThat(h.borrowCallSite()).hasValueSatisfying(site -> {
                assertThat(site.getClassName()).isEqualTo(LeakyService.class.getName());
                assertThat(site.getMethodName()).isEqualTo("leak");
            });
            assertThat(h.heldFor()).isGreaterThanOrEqualTo(Duration.ofSeconds(10));
        });
        assertThat(sink.findings(FindingKind.CONNECTION_HELD_TOO_LONG)).singleElement()
                .satisfies(f -> assertThat(f.callSite()).isPresent());
        assertThat(leaks.reportedCount()).isEqualTo(1);
        assertThat(leaks.heldTooLongCount()).isEqualTo(1);
        assertThat(leaks.heldConnections()).hasSize(1);

        leaked.close();
        leaks.sweep();
        assertThat(leaks.returnedAfterReportCount()).isEqualTo(1);
        assertThat(leaks.heldTooLongCount()).isZero();
        assertThat(leaks.heldConnections()).isEmpty();
    }

    @Test
    void sweep_shortBorrows_neverReported() throws Exception {
        LeakTracker leaks = tracker().build();
        DataSource ds = leaks.wrap(pool);
        for (int i = 0; i < 100; i++) {
            try (Connection c = ds.getConnection()) {
                leaks.sweep();
                advance(Duration.ofSeconds(1));
            }
        }
        advance(Duration.ofMinutes(5));

        assertThat(leaks.sweep()).isEmpty();
        assertThat(sink.findings()).isEmpty();
    }

    @Test
    void sweep_reborrowedConnection_isTimedFromTheNewBorrow() throws Exception {
        LeakTracker leaks = tracker().build();
        DataSource ds = leaks.wrap(pool);
        Connection first = ds.getConnection();
        leaks.sweep();
        advance(Duration.ofSeconds(8));
        first.close();
        Connection second = ds.getConnection(); // HikariCP lends the same physical connection again
        advance(Duration.ofSeconds(3));

        assertThat(leaks.sweep()).isEmpty();
        second.close();
    }

    @Test
    void sweep_unsampledBorrow_namesTheThreadsCurrentFrameAndEscalates() throws Exception {
        LeakTracker leaks = tracker().callSitesPerSecond(0).build();
        DataSource ds = leaks.wrap(pool);
        Connection c = ds.getConnection();
        leaks.sweep();
        advance(Duration.ofSeconds(10));

        HeldConnection held = leaks.sweep().get(0);

        assertThat(held.callSiteFromBorrow()).isFalse();
        assertThat(held.borrowCallSite()).isPresent(); // this test method: the thread still runs it
        assertThat(leaks.isEscalated()).isTrue();
        c.close();

        Connection next = new LeakyService(ds).leak();
        leaks.sweep();
        advance(Duration.ofSeconds(10));
        assertThat(leaks.sweep()).singleElement()
                .satisfies(h -> assertThat(h.callSiteFromBorrow()).isTrue());
        next.close();
    }

    @Test
    void callSitesPerSecond_budgetSpent_laterBorrowsUncapturedUntilASweepRefillsIt() throws Exception {
        LeakTracker leaks = tracker().callSitesPerSecond(2).escalation(Duration.ZERO).build();
        DataSource ds = leaks.wrap(pool);
        List<Connection> held = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            held.add(ds.getConnection());
        }
        leaks.sweep();
        advance(Duration.ofSeconds(11));

        List<HeldConnection> reported = leaks.sweep();

        assertThat(reported).hasSize(4);
        assertThat(reported).filteredOn(HeldConnection::callSiteFromBorrow).hasSize(2);
        for (Connection c : held) {
            c.close();
        }
        // the sweep above came 11 s after the budget was spent: it refilled one second's worth (2)
        held.clear();
        for (int i = 0; i < 3; i++) {
            held.add(new LeakyService(ds).leak());
        }
        leaks.sweep();
        advance(Duration.ofSeconds(10));
        assertThat(leaks.sweep()).hasSize(3).filteredOn(HeldConnection::callSiteFromBorrow).hasSize(2)
                .allSatisfy(h -> assertThat(h.borrowCallSite()).hasValueSatisfying(
                        site -> assertThat(site.getClassName()).isEqualTo(LeakyService.class.getName())));
        for (Connection c : held) {
            c.close();
        }
    }

    @Test
    void callSitesPerSecond_everyBorrow_capturesBeyondAnyBudget() throws Exception {
        LeakTracker leaks = tracker().callSitesPerSecond(LeakTracker.EVERY_BORROW).build();
        DataSource ds = leaks.wrap(pool);
        for (int i = 0; i < 1_000; i++) {
            ds.getConnection().close();
        }
        Connection c = new LeakyService(ds).leak();
        leaks.sweep();
        advance(Duration.ofSeconds(10));

        assertThat(leaks.sweep()).singleElement().satisfies(h -> assertThat(h.callSiteFromBorrow()).isTrue());
        c.close();
    }

    @Test
    void callSitesPerSecond_negative_rejectedWithTheSettingNamed() {
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> LeakTracker.builder("orders").callSitesPerSecond(-1))
                .withMessageContaining("callSitesPerSecond");
    }

    @Test
    void wrap_returnsThePoolsOwnConnectionsAndUnwrapsToThePool() throws Exception {
        LeakTracker leaks = tracker().build();
        DataSource ds = leaks.wrap(pool);

        try (Connection c = ds.getConnection()) {
            assertThat(c.getClass().getName()).startsWith("com.zaxxer.hikari.pool.");
        }
        assertThat(ds.unwrap(HikariDataSource.class)).isSameAs(pool);
        assertThat(ds.isWrapperFor(HikariDataSource.class)).isTrue();
    }

    @Test
    void wrap_connectionThatCannotBeIdentified_isReturnedAndCountedUntracked() throws Exception {
        LeakTracker leaks = tracker().build();
        StubDataSource stub = new StubDataSource();
        DataSource opaque = (DataSource) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("getConnection")) {
                        return method.invoke(stub, args);
                    }
                    Connection real = stub.getConnection();
                    return java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                            new Class<?>[] {Connection.class}, (p, m, a) -> {
                                if (m.getName().equals("unwrap")) {
                                    throw new java.sql.SQLException("no unwrap here");
                                }
                                return m.invoke(real, a);
                            });
                });

        try (Connection c = leaks.wrap(opaque).getConnection()) {
            assertThat(c.isClosed()).isFalse();
        }
        assertThat(leaks.untrackedCount()).isEqualTo(1);
    }
}
