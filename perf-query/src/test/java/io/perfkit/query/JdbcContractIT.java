package io.perfkit.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfkit.core.FindingSink;
import io.perfkit.testkit.RealServers;
import io.perfkit.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

/**
 * The JDBC contract beyond statements, on real PostgreSQL: metadata and generated keys never hand out the
 * driver's connection or statement, so nothing can bypass the wrapper through them.
 */
@RealServers
class JdbcContractIT {

    @BeforeAll
    static void schema(TestDatabase db) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE contract_notes (id bigserial PRIMARY KEY, note text NOT NULL)");
        }
    }

    @Test
    void databaseMetaData_returnsTheWrappingConnection_andItsResultSetsToo(TestDatabase db) throws SQLException {
        try (QueryMonitor monitor = QueryMonitor.builder().findingSink(FindingSink.disabled()).build()) {
            DataSource ds = monitor.wrap(db.dataSource());
            try (Connection c = ds.getConnection()) {
                DatabaseMetaData meta = c.getMetaData();
                assertThat(meta.getConnection()).isSameAs(c);
                assertThat(meta.getDatabaseProductName()).isEqualTo("PostgreSQL");
                assertThat(meta.unwrap(DatabaseMetaData.class)).isSameAs(meta);
                assertThat(meta.isWrapperFor(org.postgresql.jdbc.PgDatabaseMetaData.class)).isTrue();
                try (ResultSet tables = meta.getTables(null, null, "contract_notes", new String[] {"TABLE"})) {
                    assertThat(tables.next()).isTrue();
                    assertThat(tables.getString("TABLE_NAME")).isEqualTo("contract_notes");
                    Statement producer = tables.getStatement(); // pgjdbc's internal statement, wrapped
                    assertThat(producer).isNotNull();
                    assertThat(producer.getConnection()).isSameAs(c);
                    assertThat(tables.getStatement()).isSameAs(producer);
                }
                assertThat(c.unwrap(PGConnection.class)).isNotNull();
            }
        }
    }

    @Test
    void generatedKeys_reportTheWrappingStatement(TestDatabase db) throws SQLException {
        try (QueryMonitor monitor = QueryMonitor.builder().findingSink(FindingSink.disabled()).build()) {
            DataSource ds = monitor.wrap(db.dataSource());
            try (Connection c = ds.getConnection();
                 PreparedStatement ps = c.prepareStatement("INSERT INTO contract_notes (note) VALUES (?)",
                         Statement.RETURN_GENERATED_KEYS);
                 Statement plain = c.createStatement()) {
                ps.setString(1, "a");
                assertThat(ps.executeUpdate()).isEqualTo(1);
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    assertThat(keys.getStatement()).isSameAs(ps);
                    assertThat(keys.getStatement().getConnection()).isSameAs(c);
                    assertThat(keys.next()).isTrue();
                    assertThat(keys.getLong(1)).isPositive();
                }
                assertThat(plain.executeUpdate("INSERT INTO contract_notes (note) VALUES ('b')",
                        new String[] {"id"})).isEqualTo(1);
                try (ResultSet keys = plain.getGeneratedKeys()) {
                    assertThat(keys.getStatement()).isSameAs(plain);
                    assertThat(keys.next()).isTrue();
                }
            }
        }
    }
}
