package io.perfkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerSettingsTest {

    @Test
    void reads_the_urls_and_the_forced_source() {
        ServerSettings settings = ServerSettings.from(
                Map.of("PERFKIT_TEST_PG_URL", "jdbc:postgresql://db:5432/test",
                        "PERFKIT_TEST_REDIS_URL", " redis://cache:6379 ")::get,
                Map.of("perfkit.test.servers", "Embedded")::get);

        assertThat(settings.mode()).isEqualTo(SourceMode.EMBEDDED);
        assertThat(settings.postgresUrl()).isEqualTo("jdbc:postgresql://db:5432/test");
        assertThat(settings.redisUrl()).isEqualTo("redis://cache:6379");
    }

    @Test
    void blank_values_and_unexpanded_maven_placeholders_count_as_unset() {
        ServerSettings settings = ServerSettings.from(
                Map.of("PERFKIT_TEST_PG_URL", "${env.PERFKIT_TEST_PG_URL}",
                        "PERFKIT_TEST_REDIS_URL", "  ")::get,
                Map.<String, String>of()::get);

        assertThat(settings.mode()).isEqualTo(SourceMode.AUTO);
        assertThat(settings.postgresUrl()).isNull();
        assertThat(settings.redisUrl()).isNull();
    }

    @Test
    void an_unknown_source_fails_naming_the_property_and_the_choices() {
        assertThatThrownBy(() -> ServerSettings.from(
                Map.<String, String>of()::get, Map.of("perfkit.test.servers", "docker")::get))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("perfkit.test.servers='docker'")
                .hasMessageContaining("auto, environment, testcontainers, embedded");
    }

    @Test
    void forcing_the_environment_without_a_url_fails_naming_both_settings() {
        JvmServers servers = new JvmServers(new ServerSettings(SourceMode.ENVIRONMENT, null, null));

        assertThatThrownBy(servers::postgres)
                .hasMessageContaining("perfkit.test.servers=environment")
                .hasMessageContaining("PERFKIT_TEST_PG_URL is not set");
        assertThatThrownBy(servers::redis)
                .hasMessageContaining("PERFKIT_TEST_REDIS_URL is not set");
        // The failure is remembered: the next class gets it at once.
        assertThatThrownBy(servers::postgres).hasMessageContaining("PERFKIT_TEST_PG_URL");
        servers.close();
    }
}
