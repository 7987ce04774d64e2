package com.example.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfkit.core.CollectingFindingSink;
import io.perfkit.core.Finding;
import io.perfkit.core.FindingKind;
import io.perfkit.core.FindingSink;
import io.perfkit.core.WorkScope;
import io.perfkit.query.QueryMonitor;
import io.perfkit.testkit.StubDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** N+1, duplicate and missing-batch detection on the stub driver; "application" code lives in com.example.app. */
class RepetitionDetectionTest {
    private final CollectingFindingSink sink = FindingSink.collecting();
    private final QueryMonitor monitor = QueryMonitor.builder().findingSink(sink)
            .slowQueryThreshold(Duration.ofHours(1)).build();
    private final DataSource ds = monitor.wrap(new StubDataSource());

    @AfterEach
    void close() {
        monitor.close();
    }

    @Test
    void loopOverTwentyOrders_givesOneNPlusOne_atTheLoopLine() throws SQLException {
        int loopLine;
        try (WorkScope scope = WorkScope.open("GET /orders"); Connection c = ds.getConnection()) {
            loopLine = new Throwable().getStackTrace()[0].getLineNumber() + 2;
            for (int orderId = 1; orderId <= 20; orderId++) {
                loadItems(c, orderId);
            }
        }
        assertThat(sink.findings(FindingKind.N_PLUS_ONE)).singleElement().satisfies(f -> {
            assertThat(f.callSite()).get().satisfies(site -> {
                assertThat(site.getClassName()).isEqualTo(RepetitionDetectionTest.class.getName());
                assertThat(site.getMethodName()).isEqualTo("loadItems");
            });
            assertThat(f.suggestion()).get().asString().contains("order_id = ANY(?)").contains("BatchLoader");
            assertThat(f.evidence()).containsEntry("executions", 5);
            assertThat(f.scopeName()).contains("GET /orders");
        });
        assertThat(loopLine).isPositive();
        assertThat(sink.findings(FindingKind.DUPLICATE_QUERY)).isEmpty();
    }

    private static void loadItems(Connection c, int orderId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM order_items WHERE order_id = ?")) {
            ps.setInt(1, orderId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
            }
        }
    }

    @Test
    void sameValuesAgain_isDuplicate_notNPlusOne() throws SQLException {
        try (WorkScope scope = WorkScope.open("GET /me"); Connection c = ds.getConnection()) {
            for (int i = 0; i < 6; i++) {
                loadItems(c, 42);
            }
        }
        assertThat(sink.findings(FindingKind.DUPLICATE_QUERY)).hasSize(1);
        assertThat(sink.findings(FindingKind.N_PLUS_ONE)).isEmpty();
    }

    @Test
    void oneRowInsertsInALoop_areMissingBatch_butABatchIsNot() throws SQLException {
        try (WorkScope scope = WorkScope.open("import"); Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO items (name) VALUES (?)")) {
            for (int i = 0; i < 10; i++) {
                ps.setString(1, "n" + i);
                ps.addBatch();
            }
            ps.executeBatch();
            assertThat(sink.findings(FindingKind.MISSING_BATCH)).isEmpty();
            for (int i = 0; i < 10; i++) {
                ps.setString(1, "n" + i);
                ps.executeUpdate();
            }
        }
        Finding f = sink.findings(FindingKind.MISSING_BATCH).get(0);
        assertThat(sink.findings(FindingKind.MISSING_BATCH)).hasSize(1);
        assertThat(f.suggestion()).get().asString().contains("io.perfkit.query.write.BatchWriter");
        assertThat(f.callSite()).get().extracting(StackTraceElement::getClassName)
                .isEqualTo(RepetitionDetectionTest.class.getName());
    }

    @Test
    void withoutScope_detectionIsOff() throws SQLException {
        try (Connection c = ds.getConnection()) {
            for (int orderId = 1; orderId <= 20; orderId++) {
                loadItems(c, orderId);
            }
        }
        assertThat(sink.findings()).isEmpty();
    }

    @Test
    void excludedShapes_likeNextval_areNotReported() throws SQLException {
        try (WorkScope scope = WorkScope.open("ids"); Connection c = ds.getConnection()) {
            for (int i = 0; i < 10; i++) {
                try (PreparedStatement ps = c.prepareStatement("SELECT nextval('order_seq')")) {
                    ps.executeQuery().close();
                }
            }
        }
        assertThat(sink.findings()).isEmpty();
    }

    @Test
    void scopeHandedToOtherThreads_stillGivesOneNPlusOne() throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try (WorkScope scope = WorkScope.open("GET /orders (parallel)")) {
            java.util.List<java.util.concurrent.Future<?>> futures = new java.util.ArrayList<>();
            for (int t = 0; t < 2; t++) {
                int offset = t * 100;
                futures.add(pool.submit(scope.wrap(() -> {
                    try (Connection c = ds.getConnection()) {
                        for (int orderId = 1; orderId <= 10; orderId++) {
                            loadItems(c, offset + orderId);
                        }
                    }
                    return null;
                })));
            }
            for (java.util.concurrent.Future<?> f : futures) {
                f.get();
            }
            assertThat(scope.report().queryCount()).isEqualTo(20);
        } finally {
            pool.shutdown();
        }
        assertThat(sink.findings(FindingKind.N_PLUS_ONE)).hasSize(1);
    }

    @Test
    void aSinkThatThrows_neverFailsTheApplicationsCall() throws SQLException {
        FindingSink broken = f -> {
            throw new IllegalStateException("sink down");
        };
        try (QueryMonitor m = QueryMonitor.builder().findingSink(broken).build()) {
            DataSource wrapped = m.wrap(new StubDataSource());
            try (WorkScope scope = WorkScope.open("GET /orders"); Connection c = wrapped.getConnection()) {
                for (int orderId = 1; orderId <= 20; orderId++) {
                    loadItems(c, orderId);
                }
                assertThat(scope.report().findings()).extracting(Finding::kind).contains(FindingKind.N_PLUS_ONE);
            }
            assertThat(m.internalFailures()).isZero();
        }
    }

    @Test
    void bindValues_neverAppearInFindings() throws SQLException {
        try (WorkScope scope = WorkScope.open("GET /users"); Connection c = ds.getConnection()) {
            for (int i = 0; i < 6; i++) {
                try (PreparedStatement ps = c.prepareStatement("SELECT * FROM users WHERE email = ?")) {
                    ps.setString(1, "secret" + i + "@example.com");
                    ps.executeQuery().close();
                }
            }
        }
        assertThat(sink.findings()).isNotEmpty()
                .allSatisfy(f -> assertThat(f.describe()).doesNotContain("secret"));
    }
}
