package io.perfkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class StubDriverTest {

    @Test
    void driver_manager_finds_the_stub_through_the_service_file() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:stub:books?rows=2&columns=4");
                Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM book")) {
            assertThat(rs.getMetaData().getColumnCount()).isEqualTo(4);
            assertThat(rs.next()).isTrue();
            assertThat(rs.next()).isTrue();
            assertThat(rs.next()).isFalse();
        }
    }

    @Test
    void url_parameters_win_over_properties() throws SQLException {
        Properties info = new Properties();
        info.setProperty("rows", "7");
        info.setProperty("updateCount", "3");
        try (Connection c = new StubDriver().connect("jdbc:stub:x?rows=5", info);
                Statement s = c.createStatement()) {
            assertThat(c.unwrap(StubConnection.class).dataSource().rows()).isEqualTo(5);
            assertThat(s.executeUpdate("DELETE FROM x")).isEqualTo(3);
        }
    }

    @Test
    void returns_null_for_urls_of_other_drivers() throws SQLException {
        StubDriver driver = new StubDriver();
        assertThat(driver.acceptsURL("jdbc:postgresql://localhost/test")).isFalse();
        assertThat(driver.connect("jdbc:postgresql://localhost/test", new Properties())).isNull();
    }

    @Test
    void a_bad_count_fails_with_the_parameter_named() {
        assertThatThrownBy(() -> new StubDriver().connect("jdbc:stub:x?columns=many", null))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("columns");
    }

    @Test
    void describes_its_settings() {
        assertThat(new StubDriver().getPropertyInfo("jdbc:stub:x?rows=9", null))
                .extracting(p -> p.name + "=" + p.value)
                .containsExactly("rows=9", "columns=1", "updateCount=1");
    }
}
