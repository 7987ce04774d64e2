package io.perfkit.testkit;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The servers of one JUnit run: resolved lazily, once, and stopped when the run ends (it lives in
 * the root extension store, which closes {@link AutoCloseable} values at the end).
 *
 * <p>PostgreSQL and Redis are resolved independently, so a test class that only needs Redis never
 * waits for PostgreSQL. A failed resolution is remembered: the next test class gets the same
 * error at once instead of waiting for another failed start.
 */
final class JvmServers implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JvmServers.class);

    private final ServerSettings settings;
    private final Deque<AutoCloseable> toStop = new ArrayDeque<>();
    private @Nullable Boolean docker;
    private @Nullable PostgresEndpoint postgres;
    private @Nullable RuntimeException postgresFailure;
    private @Nullable RedisEndpoint redis;
    private @Nullable RuntimeException redisFailure;
    private @Nullable RedisClient redisClient;

    JvmServers(ServerSettings settings) {
        this.settings = settings;
    }

    synchronized PostgresEndpoint postgres() {
        if (postgres == null) {
            if (postgresFailure != null) {
                throw new IllegalStateException(postgresFailure.getMessage(), postgresFailure);
            }
            try {
                postgres = resolve("PostgreSQL", settings.postgresUrl(), ServerSettings.POSTGRES_ENV,
                        url -> PostgresEndpoint.parse(ServerSource.ENVIRONMENT, url),
                        ContainerServers::startPostgres, EmbeddedServers::startPostgres);
                LOG.info("perfkit test PostgreSQL: {} ({})", postgres.describe(), postgres.source());
            } catch (RuntimeException e) {
                postgresFailure = e;
                throw e;
            }
        }
        return postgres;
    }

    synchronized RedisEndpoint redis() {
        if (redis == null) {
            if (redisFailure != null) {
                throw new IllegalStateException(redisFailure.getMessage(), redisFailure);
            }
            try {
                redis = resolve("Redis", settings.redisUrl(), ServerSettings.REDIS_ENV,
                        url -> RedisEndpoint.parse(ServerSource.ENVIRONMENT, url),
                        ContainerServers::startRedis, EmbeddedServers::startRedis);
                LOG.info("perfkit test Redis: {} ({})", redis.describe(), redis.source());
            } catch (RuntimeException e) {
                redisFailure = e;
                throw e;
            }
        }
        return redis;
    }

    /** The testkit's own connection to Redis, used to delete a class's keys. */
    synchronized RedisClient redisClient() {
        if (redisClient == null) {
            redisClient = RedisClient.create(RedisURI.create(redis().uri()));
        }
        return redisClient;
    }

    private <T> T resolve(
            String kind,
            @Nullable String url,
            String variable,
            Function<String, T> fromEnvironment,
            Supplier<Started<T>> fromContainer,
            Supplier<Started<T>> fromEmbedded) {
        String setting = ServerSettings.MODE_PROPERTY + "=" + settings.mode().settingValue();
        switch (settings.mode()) {
            case ENVIRONMENT:
                if (url == null) {
                    throw new IllegalStateException(setting + " but " + variable + " is not set: set it to "
                            + "the " + kind + " server to use, or drop the property to fall back on "
                            + "Testcontainers or embedded servers");
                }
                return fromEnvironment.apply(url);
            case TESTCONTAINERS:
                if (!dockerAvailable()) {
                    throw new IllegalStateException(setting + " but no Docker engine is reachable "
                            + "(Testcontainers' DockerClientFactory found none): start Docker, or drop the "
                            + "property to fall back on embedded servers");
                }
                return start(fromContainer, setting, kind);
            case EMBEDDED:
                return start(fromEmbedded, setting, kind);
            case AUTO:
            default:
                if (url != null) {
                    return fromEnvironment.apply(url);
                }
                if (dockerAvailable()) {
                    return start(fromContainer, setting, kind);
                }
                LOG.info("No {} set and no Docker engine reachable: starting an embedded {}",
                        variable, kind);
                return start(fromEmbedded, setting, kind);
        }
    }

    private <T> T start(Supplier<Started<T>> starter, String setting, String kind) {
        try {
            Started<T> started = starter.get();
            toStop.push(started.stopper());
            return started.endpoint();
        } catch (RuntimeException | LinkageError e) {
            throw new IllegalStateException(
                    "Could not start a " + kind + " test server (" + setting + "): " + e.getMessage(), e);
        }
    }

    private boolean dockerAvailable() {
        if (docker == null) {
            docker = ContainerServers.dockerAvailable();
            LOG.debug("Docker engine reachable: {}", docker);
        }
        return docker;
    }

    @Override
    public synchronized void close() {
        if (redisClient != null) {
            redisClient.shutdown();
            redisClient = null;
        }
        // Reverse start order; one failure must not leave the other servers running.
        while (!toStop.isEmpty()) {
            try {
                toStop.pop().close();
            } catch (Exception e) {
                LOG.warn("Could not stop a perfkit test server", e);
            }
        }
    }
}
