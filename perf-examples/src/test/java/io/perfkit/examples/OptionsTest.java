package io.perfkit.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OptionsTest {
    @Test
    void defaultsRunTheWholeExampleOnEmbeddedServers() {
        Options o = Options.parse(new String[0], Map.of());
        assertThat(o.pgUrl()).isNull();
        assertThat(o.redisUrl()).isNull();
        assertThat(o.plan().books()).isEqualTo(100_000);
        assertThat(o.plan().users()).isEqualTo(20_000);
        assertThat(o.plan().orders()).isEqualTo(200_000);
        assertThat(o.clients()).isEqualTo(32);
        assertThat(o.endpoints()).containsExactly("orders", "search", "listing", "detail", "catalog");
        // 5 endpoints x 2 modes x (warm-up + measured) stays well inside the 3-minute budget.
        assertThat(o.warmup().plus(o.duration()).multipliedBy(10)).isLessThanOrEqualTo(Duration.ofSeconds(100));
    }

    @Test
    void urlsComeFromOptionsOrTheEnvironment() {
        Options env = Options.parse(new String[0], Map.of("PERFKIT_PG_URL", "jdbc:postgresql://db/x",
                "PERFKIT_REDIS_URL", "redis://cache:6379"));
        assertThat(env.pgUrl()).isEqualTo("jdbc:postgresql://db/x");
        assertThat(env.redisUrl()).isEqualTo("redis://cache:6379");
        Options args = Options.parse(new String[] {"--pg-url=jdbc:postgresql://other/y", "--redis-url",
            "redis://r:1"}, Map.of("PERFKIT_PG_URL", "jdbc:postgresql://db/x"));
        assertThat(args.pgUrl()).isEqualTo("jdbc:postgresql://other/y");
        assertThat(args.redisUrl()).isEqualTo("redis://r:1");
    }

    @Test
    void sizesDurationsAndEndpointsCanBeChosen() {
        Options o = Options.parse(new String[] {"--scale", "0.1", "--clients", "8", "--duration", "2.5",
            "--warmup", "0", "--endpoints", "orders,detail", "--serve", "--port", "9090"}, Map.of());
        assertThat(o.plan().books()).isEqualTo(10_000);
        assertThat(o.plan().orders()).isEqualTo(20_000);
        assertThat(o.clients()).isEqualTo(8);
        assertThat(o.duration()).isEqualTo(Duration.ofMillis(2500));
        assertThat(o.warmup()).isZero();
        assertThat(o.endpoints()).containsExactly("orders", "detail");
        assertThat(o.serve()).isTrue();
        assertThat(o.port()).isEqualTo(9090);
    }

    @Test
    void badValuesAreRejectedNamingTheOption() {
        assertThatThrownBy(() -> Options.parse(new String[] {"--clients", "0"}, Map.of()))
                .hasMessageContaining("--clients");
        assertThatThrownBy(() -> Options.parse(new String[] {"--duration", "abc"}, Map.of()))
                .hasMessageContaining("--duration");
        assertThatThrownBy(() -> Options.parse(new String[] {"--endpoints", "orders,nope"}, Map.of()))
                .hasMessageContaining("--endpoints").hasMessageContaining("nope");
        assertThatThrownBy(() -> Options.parse(new String[] {"--pg-url", "postgres://x"}, Map.of()))
                .hasMessageContaining("--pg-url");
        assertThatThrownBy(() -> Options.parse(new String[] {"--frobnicate"}, Map.of()))
                .hasMessageContaining("--frobnicate");
        assertThatThrownBy(() -> Options.parse(new String[] {"--books"}, Map.of()))
                .hasMessageContaining("--books needs a value");
    }

    @Test
    void passwordsInUrlsAreNotPrinted() {
        assertThat(Servers.redact("jdbc:postgresql://h/db?user=u&password=secret&ssl=true"))
                .isEqualTo("jdbc:postgresql://h/db?user=u&password=***&ssl=true");
        assertThat(Servers.redact("redis://user:secret@h:6379")).isEqualTo("redis://user:***@h:6379");
    }
}
