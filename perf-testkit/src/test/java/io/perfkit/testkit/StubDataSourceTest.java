package io.perfkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class StubDataSourceTest {

    private final StubDataSource stub = new StubDataSource(3, 2);

    @Test
    void queries_return_the_canned_rows_with_the_row_number_in_every_cell() throws SQLException {
        try (Connection c = stub.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT * FROM book WHERE id = ?")) {
            ps.setLong(1, 42);
            ps.setString(2, "ignored");
            try (ResultSet rs = ps.executeQuery()) {
                for (int row = 1; row <= 3; row++) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getLong(1)).isEqualTo(row);
                    assertThat(rs.getInt("c2")).isEqualTo(row);
                    assertThat(rs.getString(2)).isEqualTo(Integer.toString(row));
                    assertThat(rs.getObject(1)).isEqualTo((long) row);
                    assertThat(rs.getObject("C1", Integer.class)).isEqualTo(row);
                    assertThat(rs.getBigDecimal(1)).isEqualByComparingTo(BigDecimal.valueOf(row));
                    assertThat(rs.wasNull()).isFalse();
                }
                assertThat(rs.next()).isFalse();
                assertThat(rs.isAfterLast()).isTrue();
            }
        }
    }

    @Test
    void counts_connections_statements_and_executions() throws SQLException {
        try (Connection c = stub.getConnection(); Statement s = c.createStatement()) {
            s.executeQuery("SELECT 1");
            s.executeUpdate("UPDATE book SET title = 'x'");
            s.addBatch("INSERT INTO book VALUES (1)");
            s.addBatch("INSERT INTO book VALUES (2)");
            s.executeBatch();
            try (PreparedStatement ps = c.prepareStatement("SELECT 1");
                    CallableStatement cs = c.prepareCall("{call f(?)}")) {
                ps.execute();
                cs.execute();
            }
        }
        assertThat(stub.connectionCount()).isEqualTo(1);
        assertThat(stub.closedConnectionCount()).isEqualTo(1);
        assertThat(stub.statementCount()).isEqualTo(3);
        assertThat(stub.executionCount()).isEqualTo(5);

        stub.resetCounts();
        assertThat(stub.executionCount()).isZero();
    }

    @Test
    void execute_tells_queries_from_updates_by_the_first_keyword() throws SQLException {
        try (Connection c = stub.getConnection(); Statement s = c.createStatement()) {
            assertThat(s.execute("  with x as (select 1) select * from x")).isTrue();
            assertThat(s.getResultSet()).isNotNull();
            assertThat(s.getUpdateCount()).isEqualTo(-1);
            assertThat(s.getMoreResults()).isFalse();
            assertThat(s.getResultSet()).isNull();

            assertThat(s.execute("DELETE FROM book")).isFalse();
            assertThat(s.getUpdateCount()).isEqualTo(1);
            assertThat(s.getLargeUpdateCount()).isEqualTo(1);
            assertThat(s.executeLargeUpdate("DELETE FROM book")).isEqualTo(1);
        }
    }

    @Test
    void updates_and_batches_report_the_configured_update_count() throws SQLException {
        StubDataSource fives = new StubDataSource(0, 1, 5);
        try (Connection c = fives.getConnection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO book VALUES (?)")) {
            assertThat(ps.executeUpdate()).isEqualTo(5);
            ps.addBatch();
            ps.addBatch();
            assertThat(ps.executeBatch()).containsExactly(5, 5);
            assertThat(ps.executeBatch()).isEmpty();
        }
    }

    @Test
    void a_statement_reuses_one_result_set_rewound_on_each_execution() throws SQLException {
        try (Connection c = stub.getConnection(); Statement s = c.createStatement()) {
            ResultSet first = s.executeQuery("SELECT 1");
            while (first.next()) {
                first.getLong(1);
            }
            first.close();
            ResultSet second = s.executeQuery("SELECT 1");
            assertThat(second).isSameAs(first);
            assertThat(second.isClosed()).isFalse();
            assertThat(second.next()).isTrue();
            assertThat(second.getRow()).isEqualTo(1);
        }
    }

    @Test
    void result_set_metadata_describes_bigint_columns_labelled_c1_to_cn() throws SQLException {
        try (Connection c = stub.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT 1")) {
            ResultSetMetaData md = rs.getMetaData();
            assertThat(md.getColumnCount()).isEqualTo(2);
            assertThat(md.getColumnLabel(2)).isEqualTo("c2");
            assertThat(md.getColumnType(1)).isEqualTo(Types.BIGINT);
            assertThat(md.getColumnClassName(1)).isEqualTo("java.lang.Long");
            assertThat(rs.findColumn("c1")).isEqualTo(1);
            assertThat(rs.getStatement()).isSameAs(s);
        }
    }

    @Test
    void reading_outside_a_row_or_a_column_fails_like_a_driver() throws SQLException {
        try (Connection c = stub.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT 1")) {
            assertThatThrownBy(() -> rs.getLong(1)).isInstanceOf(SQLException.class)
                    .hasMessageContaining("next()");
            rs.next();
            assertThatThrownBy(() -> rs.getLong(3)).isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> rs.getLong("title")).isInstanceOf(SQLException.class)
                    .hasMessageContaining("c1 to c2");
            assertThatThrownBy(() -> rs.getObject(1, java.util.UUID.class))
                    .isInstanceOf(SQLException.class);
        }
    }

    @Test
    void closed_objects_say_so_and_refuse_work() throws SQLException {
        Connection c = stub.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT 1");
        s.close();
        assertThat(s.isClosed()).isTrue();
        assertThat(rs.isClosed()).isTrue();
        assertThatThrownBy(() -> s.executeQuery("SELECT 1")).isInstanceOf(SQLException.class);
        c.close();
        c.close();
        assertThat(c.isClosed()).isTrue();
        assertThat(c.isValid(1)).isFalse();
        assertThat(stub.closedConnectionCount()).isEqualTo(1);
        assertThatThrownBy(c::createStatement).isInstanceOf(SQLException.class);
    }

    @Test
    void generated_keys_are_one_row_holding_1() throws SQLException {
        try (Connection c = stub.getConnection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO book VALUES (DEFAULT)",
                        Statement.RETURN_GENERATED_KEYS)) {
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                assertThat(keys.next()).isTrue();
                assertThat(keys.getLong(1)).isEqualTo(1);
                assertThat(keys.next()).isFalse();
            }
        }
    }

    @Test
    void unwrap_reaches_the_stub_and_refuses_other_types() throws SQLException {
        DataSource ds = stub;
        assertThat(ds.isWrapperFor(StubDataSource.class)).isTrue();
        assertThat(ds.unwrap(StubDataSource.class)).isSameAs(stub);
        assertThatThrownBy(() -> ds.unwrap(String.class)).isInstanceOf(SQLException.class);
        try (Connection c = ds.getConnection()) {
            assertThat(c.isWrapperFor(Connection.class)).isTrue();
            assertThat(c.unwrap(Connection.class)).isSameAs(c);
            assertThat(c.getMetaData().getDatabaseProductName()).isEqualTo("perfkit stub");
            assertThat(c.getMetaData().getTables(null, null, "%", null).next()).isFalse();
        }
    }

    @Test
    void connection_settings_are_remembered() throws SQLException {
        try (Connection c = stub.getConnection()) {
            c.setAutoCommit(false);
            c.setReadOnly(true);
            c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
            c.setSchema("books");
            c.commit();
            c.rollback(c.setSavepoint("sp"));
            assertThat(c.getAutoCommit()).isFalse();
            assertThat(c.isReadOnly()).isTrue();
            assertThat(c.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_SERIALIZABLE);
            assertThat(c.getSchema()).isEqualTo("books");
            assertThat(c.nativeSQL("SELECT 1")).isEqualTo("SELECT 1");
        }
    }

    @Test
    void rejects_impossible_shapes_with_the_setting_named() {
        assertThatThrownBy(() -> new StubDataSource(-1, 1)).hasMessageContaining("rows");
        assertThatThrownBy(() -> new StubDataSource(1, 0)).hasMessageContaining("columns");
        assertThatThrownBy(() -> new StubDataSource(1, 1, -1)).hasMessageContaining("updateCount");
    }
}
