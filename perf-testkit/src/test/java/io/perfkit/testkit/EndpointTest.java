package io.perfkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EndpointTest {

    @Test
    void a_postgres_url_keeps_its_parameters_when_the_database_changes() {
        PostgresEndpoint pg = PostgresEndpoint.parse(ServerSource.ENVIRONMENT,
                "jdbc:postgresql://127.0.0.1:5432/test?user=postgres&password=s3cret&sslmode=disable");

        assertThat(pg.adminDatabase()).isEqualTo("test");
        assertThat(pg.user()).isEqualTo("postgres");
        assertThat(pg.password()).isEqualTo("s3cret");
        assertThat(pg.jdbcUrl("perfkit_x_1")).isEqualTo("jdbc:postgresql://127.0.0.1:5432/perfkit_x_1"
                + "?user=postgres&password=s3cret&sslmode=disable");
        assertThat(pg.describe()).doesNotContain("s3cret");
    }

    @Test
    void a_postgres_url_without_a_database_uses_the_users_database() {
        PostgresEndpoint pg = PostgresEndpoint.parse(ServerSource.ENVIRONMENT,
                "jdbc:postgresql://db.internal/?user=app");

        assertThat(pg.authority()).isEqualTo("db.internal");
        assertThat(pg.adminDatabase()).isEqualTo("app");
        assertThat(pg.adminJdbcUrl()).isEqualTo("jdbc:postgresql://db.internal/app?user=app");
    }

    @Test
    void a_bad_postgres_url_fails_naming_the_variable_without_the_password() {
        assertThatThrownBy(() -> PostgresEndpoint.parse(ServerSource.ENVIRONMENT,
                "postgres://db/test?password=s3cret"))
                .hasMessageContaining("PERFKIT_TEST_PG_URL")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void a_redis_uri_gets_a_port_and_database_when_it_names_none() {
        RedisEndpoint redis = RedisEndpoint.parse(ServerSource.ENVIRONMENT, "redis://127.0.0.1");

        assertThat(redis.port()).isEqualTo(6379);
        assertThat(redis.database()).isZero();
        assertThat(redis.uri()).isEqualTo("redis://127.0.0.1:6379/0");
    }

    @Test
    void a_redis_uri_keeps_credentials_and_database() {
        RedisEndpoint redis = RedisEndpoint.parse(ServerSource.ENVIRONMENT,
                "rediss://app:pw@cache:6380/3");

        assertThat(redis.uri()).isEqualTo("rediss://app:pw@cache:6380/3");
        assertThat(redis.describe()).doesNotContain("pw");
    }

    @Test
    void a_bad_redis_uri_fails_naming_the_variable() {
        assertThatThrownBy(() -> RedisEndpoint.parse(ServerSource.ENVIRONMENT, "http://cache:6379"))
                .hasMessageContaining("PERFKIT_TEST_REDIS_URL");
        assertThatThrownBy(() -> RedisEndpoint.parse(ServerSource.ENVIRONMENT, "redis://cache/x"))
                .hasMessageContaining("PERFKIT_TEST_REDIS_URL");
    }
}
