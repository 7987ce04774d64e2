package com.example.guide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.perfkit.core.CollectingFindingSink;
import io.perfkit.core.Finding;
import io.perfkit.core.FindingAssertionError;
import io.perfkit.core.FindingKind;
import io.perfkit.core.FindingSink;
import io.perfkit.core.WorkScope;
import io.perfkit.query.QueryMonitor;
import io.perfkit.query.QueryProfiler;
import io.perfkit.testkit.RealServers;
import io.perfkit.testkit.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The examples of docs/query.md, run against real PostgreSQL. Each region between {@code tag::name[]} and
 * {@code end::name[]} is copied verbatim into the guide; perf-core's {@code DocSnippetsTest} fails the build
 * when the two drift apart.
 */
@RealServers
class QueryGuideExamplesIT {

    @BeforeAll
    static void schema(TestDatabase db) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE orders (id int PRIMARY KEY, customer_id int NOT NULL)");
            s.execute("CREATE TABLE order_items (id serial PRIMARY KEY, order_id int NOT NULL, sku text NOT NULL)");
            s.execute("INSERT INTO orders SELECT g, g % 7 FROM generate_series(1, 20) g");
            s.execute("INSERT INTO order_items (order_id, sku) SELECT 1 + g % 20, 'sku' || g"
                    + " FROM generate_series(1, 60) g");
            s.execute("CREATE TABLE events (id bigserial PRIMARY KEY, customer_code int NOT NULL)");
            s.execute("INSERT INTO events (customer_code) SELECT g % 50000 FROM generate_series(1, 200000) g");
            s.execute("ANALYZE");
        }
    }

    @Test
    void wrapAndScope(TestDatabase db) throws Exception {
        DataSource hikari = db.dataSource();
        MeterRegistry registry = new SimpleMeterRegistry();
        CollectingFindingSink collected = FindingSink.collecting();
        // tag::wrap[]
        QueryMonitor monitor = QueryMonitor.builder()
                .meterRegistry(registry)                            // optional: no registry, no metrics
                .findingSink(FindingSink.all(FindingSink.logging(), collected))
                .slowQueryThreshold(Duration.ofMillis(200))
                .nPlusOneThreshold(5)
                .build();                                           // close() on shutdown: owns the capture thread
        DataSource dataSource = monitor.wrap(hikari);               // hand this one to jOOQ, JdbcTemplate, ...
        // end::wrap[]
        // tag::scope[]
        try (WorkScope scope = WorkScope.open("GET /orders");
             Connection c = dataSource.getConnection();
             PreparedStatement items = c.prepareStatement("SELECT sku FROM order_items WHERE order_id = ?")) {
            for (int orderId = 1; orderId <= 20; orderId++) {       // the N+1 loop
                items.setInt(1, orderId);
                try (ResultSet rs = items.executeQuery()) {
                    while (rs.next()) {
                        rs.getString(1);
                    }
                }
            }
        }
        Finding nPlusOne = collected.findings(FindingKind.N_PLUS_ONE).get(0);
        // nPlusOne.callSite():   com.example.guide.QueryGuideExamplesIT.wrapAndScope(QueryGuideExamplesIT.java:71)
        // nPlusOne.suggestion(): Load all keys with one query:
        //     SELECT sku FROM order_items WHERE order_id = ANY(?) (bind one java.sql.Array of the keys), ...
        // end::scope[]
        assertThat(nPlusOne.callSite()).get().satisfies(site -> {
            assertThat(site.getMethodName()).isEqualTo("wrapAndScope");
            assertThat(site.getLineNumber()).isEqualTo(lineOf("try (ResultSet rs = items.executeQuery())"));
        });
        assertThat(nPlusOne.suggestion()).get().asString().contains("order_id = ANY(?)");
        // tag::metrics[]
        Map<String, String> shapes = monitor.fingerprints();        // id -> normalised SQL, for dashboards
        String id = shapes.entrySet().stream()
                .filter(e -> e.getValue().equals("SELECT sku FROM order_items WHERE order_id = ?"))
                .findFirst().orElseThrow().getKey();
        double executions = registry.get("perfkit.query").tags("fingerprint", id, "kind", "select")
                .functionTimer().count();
        // end::metrics[]
        assertThat(executions).isEqualTo(20);
        monitor.close();
    }

    @Test
    void strictInTests(TestDatabase db) {
        // tag::strict[]
        QueryMonitor monitor = QueryMonitor.builder()
                .findingSink(FindingSink.strict(FindingKind.N_PLUS_ONE))   // throws at the 5th execution
                .build();
        DataSource dataSource = monitor.wrap(db.dataSource());
        assertThatThrownBy(() -> {
            try (WorkScope scope = WorkScope.open("test: list orders"); Connection c = dataSource.getConnection();
                 PreparedStatement ps = c.prepareStatement("SELECT * FROM order_items WHERE order_id = ?")) {
                for (int orderId = 1; orderId <= 20; orderId++) {
                    ps.setInt(1, orderId);
                    ps.executeQuery().close();
                }
            }
        }).isInstanceOf(FindingAssertionError.class);
        // end::strict[]
        monitor.close();
    }

    @Test
    void slowQueryCapture(TestDatabase db) throws Exception {
        CollectingFindingSink collected = FindingSink.collecting();
        QueryMonitor monitor = QueryMonitor.builder().findingSink(collected)
                .slowQueryThreshold(Duration.ofMillis(1)).build();
        DataSource dataSource = monitor.wrap(db.dataSource());
        // tag::capture[]
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT id FROM events WHERE customer_code = ?")) {
            ps.setInt(1, 4242);
            ps.executeQuery().close();                              // slow: a Seq Scan of 200k rows
        }
        monitor.awaitCaptures(Duration.ofSeconds(10));              // tests and scripts only
        Finding slow = collected.findings(FindingKind.SLOW_QUERY).get(0);
        // slow.detail():     the EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) plan, literals redacted
        Finding index = collected.findings(FindingKind.MISSING_INDEX).get(0);
        // index.suggestion(): CREATE INDEX CONCURRENTLY idx_events_customer_code ON events (customer_code)
        // end::capture[]
        assertThat(slow.detail()).get().asString().contains("Seq Scan").doesNotContain("4242");
        assertThat(index.suggestion()).contains(
                "CREATE INDEX CONCURRENTLY idx_events_customer_code ON events (customer_code)");
        monitor.close();
    }

    @Test
    void profiler(TestDatabase db) throws Exception {
        DataSource dataSource = db.dataSource();
        // tag::profiler[]
        QueryProfiler.Profile profile = QueryProfiler.of(dataSource)
                .profile("SELECT id FROM events WHERE customer_code = ?", 17);
        boolean executed = profile.plan().isAnalyzed();            // true for a SELECT, false for a write
        for (Finding f : profile.findings()) {
            System.out.println(f.describe());                       // SEQ_SCAN, then MISSING_INDEX with its DDL
        }
        // end::profiler[]
        assertThat(executed).isTrue();
        assertThat(profile.findings()).extracting(Finding::kind).contains(FindingKind.MISSING_INDEX);
    }

    /** The line of this file that starts with {@code code}, so the call-site assertion survives edits above it. */
    private static int lineOf(String code) throws IOException {
        List<String> lines = Files.readAllLines(Path.of("src/test/java/com/example/guide/QueryGuideExamplesIT.java"));
        int found = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().startsWith(code)) {
                assertThat(found).as("'%s' occurs once in this file", code).isEqualTo(-1);
                found = i + 1;
            }
        }
        assertThat(found).as("'%s' occurs in this file", code).isPositive();
        return found;
    }
}
