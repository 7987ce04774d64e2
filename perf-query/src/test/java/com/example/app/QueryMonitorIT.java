package com.example.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.table;

import io.perfkit.core.CollectingFindingSink;
import io.perfkit.core.Finding;
import io.perfkit.core.FindingKind;
import io.perfkit.core.FindingSink;
import io.perfkit.core.WorkScope;
import io.perfkit.query.Fingerprint;
import io.perfkit.query.QueryMonitor;
import io.perfkit.query.QueryProfiler;
import io.perfkit.testkit.RealServers;
import io.perfkit.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import io.perfkit.query.jooq.PerfkitExecuteListener;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** QueryMonitor against real PostgreSQL; the "application" code is in com.example.app so call sites point here. */
@RealServers
class QueryMonitorIT {

    @BeforeAll
    static void schema(TestDatabase db) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE orders (id int PRIMARY KEY, customer text NOT NULL)");
            s.execute("CREATE TABLE order_items (id serial PRIMARY KEY, order_id int NOT NULL, sku text NOT NULL)");
            s.execute("CREATE INDEX ON order_items (order_id)");
            s.execute("INSERT INTO orders SELECT g, 'c' || g FROM generate_series(1, 20) g");
            s.execute("INSERT INTO order_items (order_id, sku) SELECT 1 + g % 20, 'sku' || g"
                    + " FROM generate_series(1, 100) g");
            s.execute("CREATE TABLE events (id bigserial PRIMARY KEY, customer_code int NOT NULL, kind text NOT NULL,"
                    + " payload text NOT NULL)");
            s.execute("INSERT INTO events (customer_code, kind, payload) SELECT g % 50000, 'k' || (g % 7),"
                    + " repeat('x', 40) FROM generate_series(1, 200000) g");
            s.execute("CREATE TABLE audit (id serial PRIMARY KEY, note text NOT NULL)");
            s.execute("CREATE TABLE counters (id int PRIMARY KEY, n int NOT NULL)");
            s.execute("INSERT INTO counters VALUES (1, 0)");
            s.execute("ANALYZE");
        }
    }

    private static QueryMonitor monitor(CollectingFindingSink sink, Duration slow) {
        return QueryMonitor.builder().findingSink(sink).slowQueryThreshold(slow).nPlusOneThreshold(5).build();
    }

    @Test
    void nPlusOne_plainJdbc_oneFindingAtTheLoopLine(TestDatabase db) throws SQLException {
        CollectingFindingSink sink = FindingSink.collecting();
        try (QueryMonitor monitor = monitor(sink, Duration.ofMinutes(1))) {
            DataSource ds = monitor.wrap(db.dataSource());
            int loopLine = 0;
            try (WorkScope scope = WorkScope.open("GET /orders"); Connection c = ds.getConnection();
                 PreparedStatement items = c.prepareStatement("SELECT sku FROM order_items WHERE order_id = ?")) {
                for (int orderId = 1; orderId <= 20; orderId++) {
                    items.setInt(1, orderId);
                    loopLine = new Throwable().getStackTrace()[0].getLineNumber() + 1;
                    try (ResultSet rs = items.executeQuery()) {
                        while (rs.next()) {
                            rs.getString(1);
                        }
                    }
                }
            }
            int expectedLine = loopLine;
            assertThat(sink.findings(FindingKind.N_PLUS_ONE)).singleElement().satisfies(f -> {
                assertThat(f.callSite()).get().satisfies(site -> {
                    assertThat(site.getClassName()).isEqualTo(QueryMonitorIT.class.getName());
                    assertThat(site.getLineNumber()).isEqualTo(expectedLine);
                });
                assertThat(f.subject())
                        .isEqualTo(Fingerprint.of("SELECT sku FROM order_items WHERE order_id = ?").id());
            });
        }
    }

    @Test
    void nPlusOne_jooqThroughWrappedDataSource_oneFindingAtTheLoopLine(TestDatabase db) {
        CollectingFindingSink sink = FindingSink.collecting();
        try (QueryMonitor monitor = monitor(sink, Duration.ofMinutes(1))) {
            DSLContext ctx = DSL.using(monitor.wrap(db.dataSource()), SQLDialect.POSTGRES);
            int loopLine = 0;
            try (WorkScope scope = WorkScope.open("GET /orders (jOOQ)")) {
                for (int orderId = 1; orderId <= 20; orderId++) {
                    loopLine = new Throwable().getStackTrace()[0].getLineNumber() + 1;
                    ctx.select(field("sku")).from(table("order_items")).where(field("order_id").eq(orderId)).fetch();
                }
            }
            int expectedLine = loopLine;
            assertThat(sink.findings(FindingKind.N_PLUS_ONE)).singleElement().satisfies(f -> {
                assertThat(f.callSite()).get().satisfies(site -> {
                    assertThat(site.getClassName()).isEqualTo(QueryMonitorIT.class.getName());
                    assertThat(site.getLineNumber()).isEqualTo(expectedLine);
                });
                assertThat(f.suggestion()).get().asString().contains("= ANY(?)");
            });
        }
    }

    @Test
    void jooqListener_addsJooqAdviceToTheNPlusOne(TestDatabase db) {
        CollectingFindingSink sink = FindingSink.collecting();
        try (QueryMonitor monitor = monitor(sink, Duration.ofMinutes(1))) {
            DSLContext ctx = DSL.using(new DefaultConfiguration().set(monitor.wrap(db.dataSource()))
                    .set(SQLDialect.POSTGRES).set(PerfkitExecuteListener.create()));
            try (WorkScope scope = WorkScope.open("GET /orders (jOOQ + listener)")) {
                for (int orderId = 1; orderId <= 20; orderId++) {
                    ctx.select(field("sku")).from(table("order_items")).where(field("order_id").eq(orderId)).fetch();
                }
            }
            assertThat(sink.findings(FindingKind.N_PLUS_ONE)).singleElement().satisfies(f -> {
                assertThat(f.evidence()).containsEntry("framework", "jOOQ");
                assertThat(f.suggestion()).get().asString().contains("fetchGroups").contains("MULTISET");
            });
        }
    }

    @Test
    void slowSelectOnBigTable_capturesPlan_suggestsAnIndexThatTheSameQueryThenUses(TestDatabase db)
            throws Exception {
        CollectingFindingSink sink = FindingSink.collecting();
        String sql = "SELECT id, kind FROM events WHERE customer_code = ?";
        try (QueryMonitor monitor = QueryMonitor.builder().findingSink(sink).slowQueryThreshold(Duration.ofNanos(1))
                .captureInterval(Duration.ZERO).build()) {
            DataSource ds = monitor.wrap(db.dataSource());
            try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setInt(1, 4242);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rs.getLong(1);
                    }
                }
            }
            assertThat(monitor.awaitCaptures(Duration.ofSeconds(30))).isTrue();
            Finding slow = sink.findings(FindingKind.SLOW_QUERY).get(0);
            assertThat(slow.detail()).get().asString().contains("Seq Scan").contains("events")
                    .doesNotContain("4242");
            assertThat(slow.evidence()).containsEntry("plan", "EXPLAIN ANALYZE");
            Finding missing = sink.findings(FindingKind.MISSING_INDEX).get(0);
            String ddl = missing.suggestion().orElseThrow();
            assertThat(ddl).isEqualTo("CREATE INDEX CONCURRENTLY idx_events_customer_code ON events (customer_code)");
            assertThat(sink.findings(FindingKind.SEQ_SCAN)).isNotEmpty();
            try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
                st.execute(ddl);
                st.execute("ANALYZE events");
            }
            try (Connection c = db.dataSource().getConnection();
                 PreparedStatement ps = c.prepareStatement("EXPLAIN (FORMAT JSON) " + sql)) {
                ps.setInt(1, 4242);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    assertThat(rs.getString(1)).contains("idx_events_customer_code").doesNotContain("Seq Scan");
                }
            }
            try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setInt(1, 4242);
                ps.executeQuery().close();
            }
            assertThat(monitor.awaitCaptures(Duration.ofSeconds(30))).isTrue();
            assertThat(sink.findings(FindingKind.PLAN_CHANGED)).singleElement()
                    .satisfies(f -> assertThat(f.detail()).get().asString().contains("idx_events_customer_code"));
            assertThat(monitor.lastPlan(Fingerprint.of(sql).id())).get()
                    .satisfies(p -> assertThat(p.json()).contains("idx_events_customer_code"));
        }
    }

    @Test
    void slowInsertAndUpdate_areExecutedExactlyOnce(TestDatabase db) throws Exception {
        CollectingFindingSink sink = FindingSink.collecting();
        try (QueryMonitor monitor = monitor(sink, Duration.ofNanos(1))) {
            DataSource ds = monitor.wrap(db.dataSource());
            try (Connection c = ds.getConnection()) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit (note) VALUES (?)")) {
                    ps.setString(1, "once");
                    assertThat(ps.executeUpdate()).isEqualTo(1);
                }
                try (PreparedStatement ps = c.prepareStatement("UPDATE counters SET n = n + 1 WHERE id = ?")) {
                    ps.setInt(1, 1);
                    assertThat(ps.executeUpdate()).isEqualTo(1);
                }
            }
            assertThat(monitor.awaitCaptures(Duration.ofSeconds(30))).isTrue();
            assertThat(monitor.captureStats().captured()).isEqualTo(2);
            String insertId = Fingerprint.of("INSERT INTO audit (note) VALUES (?)").id();
            assertThat(monitor.lastPlan(insertId)).get().satisfies(p -> assertThat(p.isAnalyzed()).isFalse());
        }
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            assertThat(single(st, "SELECT count(*) FROM audit")).isEqualTo(1);
            assertThat(single(st, "SELECT last_value FROM audit_id_seq")).isEqualTo(1);
            assertThat(single(st, "SELECT n FROM counters WHERE id = 1")).isEqualTo(1);
        }
    }

    @Test
    void failedCapture_isCounted_andNeverReachesTheApplication(TestDatabase db) throws Exception {
        CollectingFindingSink sink = FindingSink.collecting();
        try (QueryMonitor monitor = monitor(sink, Duration.ofNanos(1))) {
            DataSource ds = monitor.wrap(db.dataSource());
            try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
                st.execute("CREATE TEMP TABLE scratch (a int)");
                st.execute("INSERT INTO scratch VALUES (1)");
                try (ResultSet rs = st.executeQuery("SELECT a FROM scratch WHERE a = 1")) {
                    assertThat(rs.next()).isTrue();
                }
            }
            assertThat(monitor.awaitCaptures(Duration.ofSeconds(30))).isTrue();
            assertThat(monitor.captureStats().failed()).isGreaterThanOrEqualTo(1);
            assertThat(sink.findings(FindingKind.SLOW_QUERY)).anySatisfy(f -> assertThat(f.evidence().get("plan"))
                    .asString().startsWith("not captured"));
        }
    }

    @Test
    void profiler_analysesSelects_butOnlyExplainsWrites(TestDatabase db) throws Exception {
        QueryProfiler profiler = QueryProfiler.of(db.dataSource());
        QueryProfiler.Profile select = profiler.profile("SELECT count(*) FROM events WHERE kind = ?", "k3");
        assertThat(select.plan().isAnalyzed()).isTrue();
        assertThat(select.plan().json()).doesNotContain("'k3'");
        QueryProfiler.Profile update = profiler.profile("UPDATE counters SET n = n + 100 WHERE id = ?", 1);
        assertThat(update.plan().isAnalyzed()).isFalse();
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            assertThat(single(st, "SELECT n FROM counters WHERE id = 1")).isLessThan(100);
        }
    }

    @Test
    void bindValues_neverAppearInLogOutput_evenInCapturedPlans(TestDatabase db) throws Exception {
        String secret = "jane.secret@example.com";
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE people (id serial PRIMARY KEY, email text NOT NULL)");
            st.execute("INSERT INTO people (email) SELECT 'user' || g || '@example.com'"
                    + " FROM generate_series(1, 20000) g");
            st.execute("ANALYZE people");
        }
        java.io.PrintStream original = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
        try (QueryMonitor monitor = QueryMonitor.builder().findingSink(FindingSink.logging())
                .slowQueryThreshold(Duration.ofNanos(1)).build()) {
            DataSource ds = monitor.wrap(db.dataSource());
            try (WorkScope scope = WorkScope.open("GET /people"); Connection c = ds.getConnection()) {
                for (int i = 0; i < 6; i++) {
                    try (PreparedStatement ps = c.prepareStatement("SELECT id FROM people WHERE email = ?")) {
                        ps.setString(1, i == 0 ? secret : secret + i);
                        ps.executeQuery().close();
                    }
                }
            }
            assertThat(monitor.awaitCaptures(Duration.ofSeconds(30))).isTrue();
        } finally {
            System.setErr(original);
        }
        String log = captured.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(log).contains("SLOW_QUERY").contains("N_PLUS_ONE").contains("Seq Scan").contains("email = ?");
        assertThat(log).doesNotContain("jane.secret");
    }

    @Test
    void captures_areRateLimitedPerFingerprint(TestDatabase db) throws Exception {
        CollectingFindingSink sink = FindingSink.collecting();
        try (QueryMonitor monitor = monitor(sink, Duration.ofNanos(1))) {
            DataSource ds = monitor.wrap(db.dataSource());
            try (Connection c = ds.getConnection();
                 PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM events WHERE kind = ?")) {
                for (int i = 0; i < 3; i++) {
                    ps.setString(1, "k" + i);
                    ps.executeQuery().close();
                }
            }
            assertThat(monitor.awaitCaptures(Duration.ofSeconds(30))).isTrue();
            assertThat(monitor.captureStats().captured()).isEqualTo(1);
            assertThat(monitor.captureStats().skipped()).isEqualTo(2);
            // Same kind, fingerprint and call site within a minute: the sink sees one SLOW_QUERY, not three.
            assertThat(sink.findings(FindingKind.SLOW_QUERY)).hasSize(1);
        }
    }

    @Test
    void pgjdbcObjectsAndExceptions_passThrough(TestDatabase db) throws SQLException {
        try (QueryMonitor monitor = QueryMonitor.builder().findingSink(FindingSink.disabled()).build();
             Connection c = monitor.wrap(db.dataSource()).getConnection()) {
            assertThat(c.unwrap(org.postgresql.PGConnection.class)).isNotNull();
            try (Statement st = c.createStatement()) {
                assertThatThrownBy(() -> st.executeQuery("SELECT * FROM no_such_table"))
                        .isExactlyInstanceOf(org.postgresql.util.PSQLException.class)
                        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42P01"));
            }
        }
    }

    private static long single(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void unanchoredIlikeSearch_suggestsTrigramIndex_thatTheSameQueryThenUses(TestDatabase db) throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE books (id int PRIMARY KEY, title text NOT NULL)");
            st.execute("INSERT INTO books SELECT g, 'Book ' || md5(g::text) FROM generate_series(1, 200000) g");
            st.execute("ANALYZE books");
        }
        CollectingFindingSink sink = FindingSink.collecting();
        String sql = "SELECT id, title FROM books WHERE title ILIKE ?";
        String search = "%e4da3b%"; // md5('5') starts with it: a handful of rows
        try (QueryMonitor monitor = QueryMonitor.builder().findingSink(sink).slowQueryThreshold(Duration.ofNanos(1))
                .captureInterval(Duration.ZERO).build()) {
            DataSource ds = monitor.wrap(db.dataSource());
            try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, search);
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                }
            }
            assertThat(monitor.awaitCaptures(Duration.ofSeconds(30))).isTrue();
        }
        Finding missing = sink.findings(FindingKind.MISSING_INDEX).get(0);
        String suggestion = missing.suggestion().orElseThrow();
        assertThat(suggestion).contains("pg_trgm extension must be available").endsWith(
                "CREATE EXTENSION IF NOT EXISTS pg_trgm;\n"
                + "CREATE INDEX CONCURRENTLY idx_books_title_trgm ON books USING gin (title gin_trgm_ops)");
        assertThat(missing.describe()).doesNotContain("e4da3b");
        assertThat(sink.findings()).allSatisfy(f -> assertThat(f.describe()).doesNotContain("e4da3b"));
        boolean trgmAvailable;
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_available_extensions WHERE name = 'pg_trgm'")) {
            rs.next();
            trgmAvailable = rs.getInt(1) == 1;
        }
        if (!trgmAvailable) {
            return; // the suggestion text is all this server can prove; the report says so
        }
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            for (String statement : suggestion.split(";\n")) {
                String runnable = statement.lines().filter(l -> !l.startsWith("--")).reduce("", (a, b) -> a + b);
                st.execute(runnable); // one at a time: CREATE INDEX CONCURRENTLY cannot run in a transaction block
            }
            st.execute("ANALYZE books");
        }
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("EXPLAIN (FORMAT JSON) " + sql)) {
            ps.setString(1, search);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getString(1)).contains("Bitmap Index Scan").contains("idx_books_title_trgm")
                        .doesNotContain("Seq Scan");
            }
        }
    }
}
