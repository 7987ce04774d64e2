package io.perfkit.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.perfkit.core.FindingSink;
import io.perfkit.core.WorkScope;
import io.perfkit.testkit.StubDataSource;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The wrappers keep the JDBC contract and record what the driver did, on the stub driver. */
class MonitoredJdbcTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final StubDataSource stub = new StubDataSource(3, 2);
    private final QueryMonitor monitor = QueryMonitor.builder().meterRegistry(registry)
            .findingSink(FindingSink.disabled()).build();
    private final DataSource ds = monitor.wrap(stub);

    @AfterEach
    void close() {
        monitor.close();
    }

    @Test
    void unwrap_reachesDriverObjects_andStatementsReturnTheWrapperConnection() throws SQLException {
        assertThat(ds.unwrap(StubDataSource.class)).isSameAs(stub);
        assertThat(ds.isWrapperFor(StubDataSource.class)).isTrue();
        Class<? extends Connection> driverType;
        try (Connection raw = stub.getConnection()) {
            driverType = raw.getClass();
        }
        try (Connection c = ds.getConnection()) {
            assertThat(c.isWrapperFor(driverType)).isTrue();
            assertThat(c.unwrap(driverType)).isExactlyInstanceOf(driverType);
            try (PreparedStatement ps = c.prepareStatement("SELECT 1"); ResultSet rs = ps.executeQuery()) {
                assertThat(ps.getConnection()).isSameAs(c);
                assertThat(rs.getStatement()).isSameAs(ps);
                assertThat(ps.unwrap(PreparedStatement.class)).isSameAs(ps);
            }
            try (Statement st = c.createStatement(); CallableStatement cs = c.prepareCall("{call p(?)}")) {
                assertThat(st.getConnection()).isSameAs(c);
                assertThat(cs.getConnection()).isSameAs(c);
            }
        }
    }

    @Test
    void driverException_passesThroughUnchanged_andIsCountedBySqlStateClass() throws SQLException {
        try (Connection c = ds.getConnection()) {
            PreparedStatement ps = c.prepareStatement("SELECT 1");
            ps.close();
            SQLException direct = null;
            try (Connection raw = stub.getConnection()) {
                PreparedStatement rawPs = raw.prepareStatement("SELECT 1");
                rawPs.close();
                rawPs.executeQuery();
            } catch (SQLException e) {
                direct = e;
            }
            assertThat((Object) direct).isNotNull();
            String state = direct.getSQLState();
            assertThatThrownBy(ps::executeQuery).isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo(state))
                    .satisfies(e -> assertThat(e.getClass()).isEqualTo(SQLException.class));
            assertThat(registry.get("perfkit.query.errors").tag("sqlstate.class", state.substring(0, 2))
                    .counter().count()).isEqualTo(1);
        }
    }

    @Test
    void executions_timedPerFingerprint_rowsCounted_andIdMapsToSql() throws SQLException {
        try (Connection c = ds.getConnection()) {
            for (int i = 0; i < 3; i++) {
                try (PreparedStatement ps = c.prepareStatement("SELECT * FROM orders WHERE id = ?")) {
                    ps.setInt(1, i);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            rs.getLong(1);
                        }
                    }
                }
            }
            try (Statement st = c.createStatement()) {
                st.executeQuery("select * from orders where id = 99").close();
            }
        }
        String id = Fingerprint.of("SELECT * FROM orders WHERE id = ?").id();
        assertThat(registry.get("perfkit.query").tags("fingerprint", id, "kind", "select").functionTimer().count())
                .isEqualTo(4);
        assertThat(registry.get("perfkit.query.rows").tags("fingerprint", id).functionCounter().count())
                .isEqualTo(9); // the plain statement's rows were never read
        assertThat(monitor.fingerprints()).containsEntry(id, "SELECT * FROM orders WHERE id = ?");
        assertThat(registry.getMeters()).allSatisfy(m -> assertThat(m.getId().getTags())
                .noneMatch(t -> t.getValue().contains("orders")));
    }

    @Test
    void plainExecute_getResultSetCountsRows_andRecycledResultSetsCountEachExecution() throws SQLException {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            assertThat(st.execute("SELECT a FROM t")).isTrue();
            ResultSet rs = st.getResultSet();
            assertThat(st.getResultSet()).isSameAs(rs);
            while (rs.next()) {
                rs.getInt(1);
            }
            rs.close();
            ResultSet again = st.executeQuery("SELECT a FROM t");
            while (again.next()) {
                again.getInt(1);
            }
            again.close();
            assertThat(again.isClosed()).isTrue();
        }
        String id = Fingerprint.of("SELECT a FROM t").id();
        // 3 rows per execution: the recycled result set of the second execution is counted too, and once.
        assertThat(registry.get("perfkit.query.rows").tags("fingerprint", id).functionCounter().count()).isEqualTo(6);
        assertThat(registry.get("perfkit.query").tags("fingerprint", id).functionTimer().count()).isEqualTo(2);
    }

    @Test
    void callableStatement_isTimed() throws SQLException {
        try (Connection c = ds.getConnection(); CallableStatement cs = c.prepareCall("{call refresh(?)}")) {
            cs.setInt(1, 7);
            cs.execute();
        }
        assertThat(registry.get("perfkit.query").tag("kind", "call").functionTimer().count()).isEqualTo(1);
    }

    @Test
    void batch_isTimedOnceAsABatch() throws SQLException {
        try (WorkScope scope = WorkScope.open("import"); Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO t (a) VALUES (?)")) {
            for (int i = 0; i < 10; i++) {
                ps.setInt(1, i);
                ps.addBatch();
            }
            ps.executeBatch();
            assertThat(scope.report().queryCount()).isEqualTo(1);
        }
        assertThat(stub.executionCount()).isEqualTo(1);
        assertThat(registry.get("perfkit.query").tag("kind", "insert").functionTimer().count()).isEqualTo(1);
    }

    @Test
    void wrappingTwice_doesNotCountTwice() throws SQLException {
        DataSource twice = monitor.wrap(ds);
        QueryMonitor other = QueryMonitor.builder().meterRegistry(registry).build();
        DataSource byOther = other.wrap(ds);
        assertThat(twice).isSameAs(ds);
        assertThat(byOther).isSameAs(ds);
        try (WorkScope scope = WorkScope.open("twice"); Connection c = twice.getConnection();
             Statement st = c.createStatement()) {
            st.executeQuery("SELECT 1").close();
            assertThat(scope.report().queryCount()).isEqualTo(1);
        }
        other.close();
    }

    @Test
    void fingerprintsBeyondTheTagLimit_shareOther() throws SQLException {
        QueryMonitor small = QueryMonitor.builder().meterRegistry(registry).maxTaggedFingerprints(2).build();
        DataSource wrapped = small.wrap(new StubDataSource());
        try (Connection c = wrapped.getConnection(); Statement st = c.createStatement()) {
            for (String table : new String[] {"a", "b", "c", "d"}) {
                st.executeQuery("SELECT * FROM " + table).close();
            }
        }
        assertThat(registry.find("perfkit.query").functionTimers()).hasSize(3);
        assertThat(registry.get("perfkit.query").tag("fingerprint", "other").functionTimer().count()).isEqualTo(2);
        assertThat(registry.get("perfkit.query.fingerprints.overflow").counter().count()).isEqualTo(2);
        small.close();
    }

    @Test
    void withoutRegistry_recordsNoMeters_andStillCountsTheScope() throws SQLException {
        SimpleMeterRegistry unused = new SimpleMeterRegistry();
        QueryMonitor bare = QueryMonitor.builder().build();
        try (WorkScope scope = WorkScope.open("bare"); Connection c = bare.wrap(stub).getConnection();
             Statement st = c.createStatement()) {
            st.executeQuery("SELECT 1").close();
            assertThat(scope.report().queryCount()).isEqualTo(1);
        }
        assertThat(unused.getMeters()).isEmpty();
        bare.close();
    }

    @Test
    void builder_rejectsBadSettings_namingThem() {
        assertThatThrownBy(() -> QueryMonitor.builder().nPlusOneThreshold(1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nPlusOneThreshold");
        assertThatThrownBy(() -> QueryMonitor.builder().slowQueryThreshold(java.time.Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("slowQueryThreshold");
        assertThatThrownBy(() -> QueryMonitor.builder().maxTaggedFingerprints(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxTaggedFingerprints");
    }
}
