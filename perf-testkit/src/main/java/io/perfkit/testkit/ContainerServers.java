package io.perfkit.testkit;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Starts PostgreSQL and Redis with Testcontainers. Only touched after {@link #dockerAvailable()}
 * said yes, or when the user forced this source.
 */
final class ContainerServers {

    static final String POSTGRES_IMAGE = "postgres:17-alpine";
    static final String REDIS_IMAGE = "redis:7-alpine";

    private ContainerServers() {}

    /**
     * Never throws: a missing Docker, a broken Docker configuration, or Testcontainers left off the
     * class path all mean "not available", and the caller falls back to embedded servers.
     */
    static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable e) { // LinkageError included: Testcontainers may be absent at run time.
            return false;
        }
    }

    static Started<PostgresEndpoint> startPostgres() {
        PostgreSQLContainer container = new PostgreSQLContainer(POSTGRES_IMAGE);
        container.start();
        PostgresEndpoint endpoint = PostgresEndpoint.of(
                ServerSource.TESTCONTAINERS, container.getHost(),
                container.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT),
                container.getDatabaseName(), container.getUsername(), container.getPassword());
        return new Started<>(endpoint, container::stop);
    }

    static Started<RedisEndpoint> startRedis() {
        GenericContainer<?> container =
                new GenericContainer<>(DockerImageName.parse(REDIS_IMAGE)).withExposedPorts(6379);
        container.start();
        RedisEndpoint endpoint = RedisEndpoint.of(
                ServerSource.TESTCONTAINERS, container.getHost(), container.getMappedPort(6379));
        return new Started<>(endpoint, container::stop);
    }
}
