package io.perfkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs in its own Failsafe execution with {@code perfkit.test.servers=embedded} and the
 * environment URLs emptied, so it proves the fallback a machine with only a JDK gets, here as
 * root too.
 */
@RealServers
class EmbeddedServersIT {

    private static RedisClient client;

    @BeforeAll
    static void schema(TestDatabase db, TestRedis redis) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE book (id bigint PRIMARY KEY, title text NOT NULL)");
        }
        client = RedisClient.create(redis.uri());
    }

    @AfterAll
    static void closeClient() {
        client.shutdown();
    }

    @Test
    void serves_an_embedded_postgresql_that_runs_sql(TestDatabase db) throws SQLException {
        assertThat(db.source()).isEqualTo(ServerSource.EMBEDDED);
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO book VALUES (1, 'Dune'), (2, 'Emma')");
            try (ResultSet rs = s.executeQuery(
                    "SELECT current_database(), count(*), (SELECT setting FROM pg_settings "
                            + "WHERE name = 'server_version_num') FROM book")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo(db.databaseName());
                assertThat(rs.getLong(2)).isEqualTo(2);
                assertThat(rs.getInt(3)).isGreaterThanOrEqualTo(130000);
            }
        }
    }

    @Test
    void serves_an_embedded_redis_that_runs_commands(TestRedis redis) {
        assertThat(redis.source()).isEqualTo(ServerSource.EMBEDDED);
        assertThat(redis.host()).isEqualTo("127.0.0.1");
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            RedisCommands<String, String> commands = connection.sync();
            commands.set(redis.key("greeting"), "hello");
            assertThat(commands.incr(redis.key("visits"))).isEqualTo(1);
            assertThat(commands.get(redis.key("greeting"))).isEqualTo("hello");
            assertThat(commands.ping()).isEqualTo("PONG");
        }
    }
}
