package io.perfkit.testkit;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database of one test class: created on first use, dropped when the class's extension store
 * closes (after its {@code @AfterAll} methods).
 */
final class ClassDatabase implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClassDatabase.class);

    private final PostgresEndpoint server;
    private final TestDatabase database;

    private ClassDatabase(PostgresEndpoint server, TestDatabase database) {
        this.server = server;
        this.database = database;
    }

    static ClassDatabase create(PostgresEndpoint server, String id) {
        String name = TestNames.databaseName(id);
        try (Connection c = admin(server).getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE \"" + TestNames.checkedDatabaseName(name) + "\"");
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "Could not create test database " + name + " on " + server.describe(), e);
        }
        String url = server.jdbcUrl(name);
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(url);
        dataSource.setUser(server.user());
        dataSource.setPassword(server.password());
        return new ClassDatabase(server, new TestDatabase(
                server.source(), name, url, server.user(), server.password(), dataSource));
    }

    TestDatabase database() {
        return database;
    }

    /** Drops the database even if a test left connections open: FORCE on 13+, else terminate. */
    @Override
    public void close() {
        String name = TestNames.checkedDatabaseName(database.databaseName());
        try (Connection c = admin(server).getConnection(); Statement s = c.createStatement()) {
            if (c.getMetaData().getDatabaseMajorVersion() >= 13) {
                s.execute("DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)");
            } else {
                s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '"
                        + name + "' AND pid <> pg_backend_pid()");
                s.execute("DROP DATABASE IF EXISTS \"" + name + "\"");
            }
        } catch (SQLException e) {
            LOG.warn("Could not drop test database {} on {}", name, server.describe(), e);
        }
    }

    private static PGSimpleDataSource admin(PostgresEndpoint server) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(server.adminJdbcUrl());
        ds.setUser(server.user());
        ds.setPassword(server.password());
        return ds;
    }
}
