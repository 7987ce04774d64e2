package io.perfkit.pool.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perfkit.core.FindingSink;
import io.perfkit.testkit.StubDataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class ActivityMonitorTest {

    /** A data source whose server is down. */
    static final class DownDataSource implements DataSource {
        final AtomicInteger attempts = new AtomicInteger();

        @Override
        public Connection getConnection() throws SQLException {
            attempts.incrementAndGet();
            throw new SQLException("Connection refused", "08001");
        }

        @Override
        public Connection getConnection(String u, String p) throws SQLException {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {}

        @Override
        public void setLoginTimeout(int seconds) {}

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }

    @Test
    void sample_serverDown_countsTheFailureAndNeverThrows() {
        DownDataSource down = new DownDataSource();
        try (ActivityMonitor monitor = ActivityMonitor.builder(down).findings(FindingSink.disabled()).build()) {
            assertThat(monitor.sample()).isEmpty();
            assertThat(monitor.sample()).isEmpty();
            assertThat(monitor.failureCount()).isEqualTo(2);
            assertThat(down.attempts).hasValue(2); // one connection attempt per sample, no retry storm
            assertThat(monitor.lastSnapshot()).isEmpty();
        }
    }

    @Test
    void builder_rejectsBadValues_namingTheSetting() {
        ActivityMonitor.Builder b = ActivityMonitor.builder(new StubDataSource());
        assertThatThrownBy(() -> b.sampleInterval(Duration.ofMillis(10))).hasMessageContaining("sampleInterval");
        assertThatThrownBy(() -> b.idleInTransactionThreshold(Duration.ZERO))
                .hasMessageContaining("idleInTransactionThreshold");
        assertThatThrownBy(() -> b.headroomThreshold(0)).hasMessageContaining("headroomThreshold");
        assertThatThrownBy(() -> ActivityMonitor.builder(null)).hasMessageContaining("connectionSource");
    }

    @Test
    void durationOf_readsPgSettingsUnits() {
        assertThat(PostgresServerSettings.durationOf(java.util.Map.of("x", new String[] {"60000", "ms"}), "x"))
                .isEqualTo(Duration.ofMinutes(1));
        assertThat(PostgresServerSettings.durationOf(java.util.Map.of("x", new String[] {"7200", "s"}), "x"))
                .isEqualTo(Duration.ofHours(2));
        assertThat(PostgresServerSettings.durationOf(java.util.Map.of(), "x")).isZero();
    }
}
