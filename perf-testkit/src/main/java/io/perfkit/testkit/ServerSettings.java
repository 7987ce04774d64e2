package io.perfkit.testkit;

import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * What the environment and the system properties say about test servers, read once.
 *
 * @param mode the forced source, or {@link SourceMode#AUTO}
 * @param postgresUrl the JDBC URL from {@code PERFKIT_TEST_PG_URL}, or null when unset
 * @param redisUrl the Redis URI from {@code PERFKIT_TEST_REDIS_URL}, or null when unset
 */
record ServerSettings(SourceMode mode, @Nullable String postgresUrl, @Nullable String redisUrl) {

    static final String MODE_PROPERTY = "perfkit.test.servers";
    static final String POSTGRES_ENV = "PERFKIT_TEST_PG_URL";
    static final String REDIS_ENV = "PERFKIT_TEST_REDIS_URL";

    static ServerSettings fromSystem() {
        return from(System::getenv, System::getProperty);
    }

    /** Lookups are passed in so the parsing rules can be tested without touching the process. */
    static ServerSettings from(
            UnaryOperator<@Nullable String> environment, UnaryOperator<@Nullable String> properties) {
        String mode = properties.apply(MODE_PROPERTY);
        return new ServerSettings(
                mode == null ? SourceMode.AUTO : SourceMode.parse(mode),
                setOrNull(environment.apply(POSTGRES_ENV)),
                setOrNull(environment.apply(REDIS_ENV)));
    }

    /**
     * Maven passes an unset {@code ${env.X}} through literally, and an IDE or CI may export an empty
     * variable to mean "none", so both count as unset.
     */
    static @Nullable String setOrNull(@Nullable String value) {
        if (value == null) {
            return null;
        }
        String v = value.trim();
        return v.isEmpty() || v.startsWith("${") ? null : v;
    }
}
