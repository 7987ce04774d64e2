package io.perfkit.benchmarks.fixes;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * A database of its own for one benchmark run: created on the server named by the system property
 * {@code perfkit.bench.pg.url} or the environment variable {@code PERFKIT_TEST_PG_URL}, dropped on close, with
 * a small HikariCP pool on it (what a service would use).
 */
final class BenchDatabase implements AutoCloseable {
    private final String adminUrl;
    private final String name;
    private final String url;
    private final HikariDataSource pool;

    private BenchDatabase(String adminUrl, String name, String url, String extraParams) {
        this.adminUrl = adminUrl;
        this.name = name;
        this.url = url;
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url + (extraParams.isEmpty() ? "" : (url.contains("?") ? "&" : "?") + extraParams));
        config.setMaximumPoolSize(2);
        config.setPoolName("bench-" + name);
        this.pool = new HikariDataSource(config);
    }

    static BenchDatabase create(String extraParams) throws SQLException {
        String admin = System.getProperty("perfkit.bench.pg.url", System.getenv("PERFKIT_TEST_PG_URL"));
        if (admin == null || admin.isBlank()) {
            throw new IllegalStateException("set -Dperfkit.bench.pg.url=jdbc:postgresql://host:5432/db?user=... "
                    + "or PERFKIT_TEST_PG_URL");
        }
        String name = "perfkit_bench_fixes_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10)
                .toLowerCase(Locale.ROOT);
        try (Connection c = DriverManager.getConnection(admin); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        int q = admin.indexOf('?');
        String base = q < 0 ? admin : admin.substring(0, q);
        String url = base.substring(0, base.lastIndexOf('/') + 1) + name + (q < 0 ? "" : admin.substring(q));
        return new BenchDatabase(admin, name, url, extraParams);
    }

    HikariDataSource pool() {
        return pool;
    }

    String url() {
        return url;
    }

    void execute(String... sql) throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            for (String statement : sql) {
                s.execute(statement);
            }
        }
    }

    @Override
    public void close() throws SQLException {
        pool.close();
        try (Connection c = DriverManager.getConnection(adminUrl); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }
}
