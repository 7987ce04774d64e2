package io.perfkit.pool.postgres;

import io.perfkit.core.Require;
import io.perfkit.pool.ConnectionCutoffs;
import io.perfkit.pool.DatabaseLimits;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The PostgreSQL settings that bound a pool, read from {@code pg_settings}: {@code max_connections}, the reserved
 * slots, and the idle cut-offs.
 *
 * <pre>{@code
 * PostgresServerSettings s;
 * try (Connection c = dataSource.getConnection()) {
 *     s = PostgresServerSettings.read(c);
 * }
 * PoolSizing.builder().databaseCores(8).databaseLimits(s.limits()) ...
 * HikariConfigReview.builder().cutoffs(s.cutoffs(Duration.ofSeconds(350))) ...
 * }</pre>
 *
 * @param maxConnections {@code max_connections}
 * @param reservedConnections {@code superuser_reserved_connections} plus {@code reserved_connections} (PG 16+)
 * @param idleSessionTimeout {@code idle_session_timeout} (PG 14+); zero when off
 * @param idleInTransactionSessionTimeout {@code idle_in_transaction_session_timeout}; zero when off
 * @param statementTimeout {@code statement_timeout} of the reading session; zero when off
 */
public record PostgresServerSettings(int maxConnections, int reservedConnections, Duration idleSessionTimeout,
                                     Duration idleInTransactionSessionTimeout, Duration statementTimeout) {
    private static final String SQL = "SELECT name, setting, unit FROM pg_settings WHERE name IN "
            + "('max_connections', 'superuser_reserved_connections', 'reserved_connections', 'idle_session_timeout', "
            + "'idle_in_transaction_session_timeout', 'statement_timeout')";

    /**
     * Reads the settings as the given connection sees them (role and database defaults included).
     *
     * @param connection an open connection; not closed, the caller owns it
     * @return the settings
     * @throws SQLException if the query fails
     */
    public static PostgresServerSettings read(Connection connection) throws SQLException {
        Require.nonNull(connection, "connection");
        Map<String, String[]> values = new HashMap<>();
        try (PreparedStatement ps = connection.prepareStatement(SQL); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                values.put(rs.getString(1), new String[] {rs.getString(2), rs.getString(3)});
            }
        }
        int max = Integer.parseInt(values.getOrDefault("max_connections", new String[] {"100", null})[0]);
        int reserved = intOf(values, "superuser_reserved_connections") + intOf(values, "reserved_connections");
        return new PostgresServerSettings(max, Math.min(reserved, max - 1), durationOf(values, "idle_session_timeout"),
                durationOf(values, "idle_in_transaction_session_timeout"), durationOf(values, "statement_timeout"));
    }

    private static int intOf(Map<String, String[]> values, String name) {
        String[] v = values.get(name);
        return v == null ? 0 : Integer.parseInt(v[0]);
    }

    /** Converts a time setting with its pg_settings unit ({@code ms}, {@code s}, {@code min}) to a Duration. */
    static Duration durationOf(Map<String, String[]> values, String name) {
        String[] v = values.get(name);
        if (v == null) {
            return Duration.ZERO;
        }
        long amount = Long.parseLong(v[0]);
        String unit = v[1] == null ? "ms" : v[1];
        switch (unit) {
            case "s":
                return Duration.ofSeconds(amount);
            case "min":
                return Duration.ofMinutes(amount);
            case "h":
                return Duration.ofHours(amount);
            default:
                return Duration.ofMillis(amount);
        }
    }

    /** @return the connection limits for {@link io.perfkit.pool.PoolSizing} and the config review */
    public DatabaseLimits limits() {
        return DatabaseLimits.of(maxConnections, reservedConnections);
    }

    /** @return the server's idle cut-off alone (no network cut-off known) */
    public ConnectionCutoffs cutoffs() {
        return ConnectionCutoffs.none().withServerIdleTimeout(idleSessionTimeout);
    }

    /**
     * Returns the server's idle cut-off together with the network's.
     *
     * @param networkIdleTimeout the idle cut-off of firewalls, NAT or load balancers between the pool and the
     *     server; zero when none
     * @return the cut-offs
     */
    public ConnectionCutoffs cutoffs(Duration networkIdleTimeout) {
        return new ConnectionCutoffs(idleSessionTimeout, networkIdleTimeout);
    }
}
