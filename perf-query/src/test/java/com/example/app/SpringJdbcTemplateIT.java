package com.example.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.perfkit.core.CollectingFindingSink;
import io.perfkit.core.FindingKind;
import io.perfkit.core.FindingSink;
import io.perfkit.core.WorkScope;
import io.perfkit.query.Fingerprint;
import io.perfkit.query.QueryMonitor;
import io.perfkit.testkit.RealServers;
import io.perfkit.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;

/**
 * Spring's {@code JdbcTemplate} over a wrapped DataSource, against real PostgreSQL: statements are timed by
 * fingerprint, an N+1 loop is found at the application's line (Spring's frames are skipped), and generated keys
 * work through the wrapper. The "application" code is in com.example.app so call sites point here.
 */
@RealServers
class SpringJdbcTemplateIT {

    @BeforeAll
    static void schema(TestDatabase db) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE spring_orders (id int PRIMARY KEY, customer text NOT NULL)");
            s.execute("CREATE TABLE spring_items (id serial PRIMARY KEY, order_id int NOT NULL, sku text NOT NULL)");
            s.execute("CREATE INDEX ON spring_items (order_id)");
            s.execute("INSERT INTO spring_orders SELECT g, 'c' || g FROM generate_series(1, 20) g");
            s.execute("INSERT INTO spring_items (order_id, sku) SELECT 1 + g % 20, 'sku' || g"
                    + " FROM generate_series(1, 100) g");
            s.execute("CREATE TABLE spring_notes (id bigserial PRIMARY KEY, note text NOT NULL)");
        }
    }

    @Test
    void queriesThroughJdbcTemplate_areTimedByFingerprint(TestDatabase db) {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (QueryMonitor monitor = QueryMonitor.builder().meterRegistry(registry).findingSink(FindingSink.disabled())
                .build()) {
            JdbcTemplate jdbc = new JdbcTemplate(monitor.wrap(db.dataSource()));
            assertThat(jdbc.queryForObject("SELECT count(*) FROM spring_orders", Integer.class)).isEqualTo(20);
            for (int id = 1; id <= 3; id++) {
                assertThat(jdbc.queryForObject("SELECT customer FROM spring_orders WHERE id = ?", String.class, id))
                        .isEqualTo("c" + id);
            }
            List<String> skus = jdbc.queryForList("SELECT sku FROM spring_items WHERE order_id = ?", String.class, 1);
            assertThat(skus).hasSize(5);

            String byId = Fingerprint.of("SELECT customer FROM spring_orders WHERE id = ?").id();
            assertThat(registry.get("perfkit.query").tags("fingerprint", byId, "kind", "select").functionTimer()
                    .count()).isEqualTo(3);
            String count = Fingerprint.of("SELECT count(*) FROM spring_orders").id();
            assertThat(registry.get("perfkit.query").tags("fingerprint", count).functionTimer().count()).isEqualTo(1);
            String items = Fingerprint.of("SELECT sku FROM spring_items WHERE order_id = ?").id();
            assertThat(registry.get("perfkit.query.rows").tags("fingerprint", items).functionCounter().count())
                    .isEqualTo(5);
        }
    }

    @Test
    void nPlusOneThroughJdbcTemplate_oneFindingAtTheLoopLine(TestDatabase db) {
        CollectingFindingSink sink = FindingSink.collecting();
        try (QueryMonitor monitor = QueryMonitor.builder().findingSink(sink).slowQueryThreshold(Duration.ofMinutes(1))
                .nPlusOneThreshold(5).build()) {
            JdbcTemplate jdbc = new JdbcTemplate(monitor.wrap(db.dataSource()));
            int loopLine = 0;
            int total = 0;
            try (WorkScope scope = WorkScope.open("GET /orders")) {
                List<Integer> orders = jdbc.queryForList("SELECT id FROM spring_orders ORDER BY id", Integer.class);
                assertThat(orders).hasSize(20);
                for (int orderId : orders) {
                    loopLine = new Throwable().getStackTrace()[0].getLineNumber() + 1;
                    List<String> skus = jdbc.queryForList("SELECT sku FROM spring_items WHERE order_id = ?",
                            String.class, orderId);
                    total += skus.size();
                }
                assertThat(scope.report().queryCount()).isEqualTo(21);
            }
            assertThat(total).isEqualTo(100);
            int expectedLine = loopLine;
            assertThat(sink.findings(FindingKind.N_PLUS_ONE)).singleElement().satisfies(f -> {
                assertThat(f.callSite()).get().satisfies(site -> {
                    assertThat(site.getClassName()).isEqualTo(SpringJdbcTemplateIT.class.getName());
                    assertThat(site.getLineNumber()).isEqualTo(expectedLine);
                });
                assertThat(f.subject()).isEqualTo(
                        Fingerprint.of("SELECT sku FROM spring_items WHERE order_id = ?").id());
            });
        }
    }

    @Test
    void generatedKeysThroughJdbcTemplate(TestDatabase db) {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (QueryMonitor monitor = QueryMonitor.builder().meterRegistry(registry).findingSink(FindingSink.disabled())
                .build()) {
            DataSource ds = monitor.wrap(db.dataSource());
            JdbcTemplate jdbc = new JdbcTemplate(ds);
            KeyHolder keys = new GeneratedKeyHolder();
            jdbc.update(c -> {
                PreparedStatement ps = c.prepareStatement("INSERT INTO spring_notes (note) VALUES (?)",
                        new String[] {"id"});
                ps.setString(1, "hello");
                return ps;
            }, keys);
            Number id = keys.getKey();
            assertThat(id).isNotNull();
            assertThat(jdbc.queryForObject("SELECT note FROM spring_notes WHERE id = ?", String.class, id.longValue()))
                    .isEqualTo("hello");
            assertThat(registry.get("perfkit.query").tag("kind", "insert").functionTimer().count()).isEqualTo(1);
        }
    }
}
