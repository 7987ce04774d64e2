package io.perfkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * With {@code PERFKIT_TEST_PG_URL} and {@code PERFKIT_TEST_REDIS_URL} set, the servers they name
 * are the ones used, and each class's database is created on that server. Skipped when unset.
 */
@RealServers
class EnvironmentServersIT {

    private final ServerSettings settings = ServerSettings.fromSystem();

    /** Skips before any parameter is resolved, so no fallback server starts for nothing. */
    @BeforeAll
    static void onlyWithEnvironmentUrls() {
        ServerSettings settings = ServerSettings.fromSystem();
        assumeTrue(settings.postgresUrl() != null || settings.redisUrl() != null,
                "PERFKIT_TEST_PG_URL and PERFKIT_TEST_REDIS_URL are not set");
    }

    @Test
    void uses_the_postgresql_the_environment_names(TestDatabase db) throws SQLException {
        assumeTrue(settings.postgresUrl() != null, "PERFKIT_TEST_PG_URL is not set");
        PostgresEndpoint named = PostgresEndpoint.parse(ServerSource.ENVIRONMENT,
                settings.postgresUrl());

        assertThat(db.source()).isEqualTo(ServerSource.ENVIRONMENT);
        assertThat(db.jdbcUrl()).isEqualTo(named.jdbcUrl(db.databaseName()));
        assertThat(db.user()).isEqualTo(named.user());
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT current_database(), current_user")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo(db.databaseName());
            assertThat(rs.getString(2)).isEqualTo(named.user());
        }
    }

    @Test
    void uses_the_redis_the_environment_names(TestRedis redis) {
        assumeTrue(settings.redisUrl() != null, "PERFKIT_TEST_REDIS_URL is not set");
        RedisEndpoint named = RedisEndpoint.parse(ServerSource.ENVIRONMENT, settings.redisUrl());

        assertThat(redis.source()).isEqualTo(ServerSource.ENVIRONMENT);
        assertThat(redis.uri()).isEqualTo(named.uri());
        assertThat(redis.keyPrefix()).startsWith("perfkit-test:environmentserversit_").endsWith(":");
        assertThat(redis.key("x")).isEqualTo(redis.keyPrefix() + "x");
    }
}
