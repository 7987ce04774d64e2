package io.perfkit.testkit;

import java.net.URI;
import java.net.URISyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * A Redis server the tests may write to, under their own key prefix.
 *
 * @param source where the server came from
 * @param scheme {@code redis} or {@code rediss}
 * @param userInfo the {@code user:password} (or {@code :password}) part of the URI, or null
 * @param host the host name or address
 * @param port the port
 * @param database the logical database index
 */
record RedisEndpoint(
        ServerSource source, String scheme, @Nullable String userInfo, String host, int port,
        int database) {

    static RedisEndpoint of(ServerSource source, String host, int port) {
        return new RedisEndpoint(source, "redis", null, host, port, 0);
    }

    /** Parses {@code redis[s]://[[user]:password@]host[:port][/database]}. */
    static RedisEndpoint parse(ServerSource source, String uri) {
        try {
            URI parsed = new URI(uri);
            String scheme = parsed.getScheme();
            String host = parsed.getHost();
            if (scheme == null || !(scheme.equals("redis") || scheme.equals("rediss")) || host == null) {
                throw new IllegalArgumentException("scheme must be redis or rediss, with a host");
            }
            String path = parsed.getPath();
            int database = path == null || path.isEmpty() || path.equals("/")
                    ? 0 : Integer.parseInt(path.substring(1));
            return new RedisEndpoint(
                    source, scheme, parsed.getRawUserInfo(), host,
                    parsed.getPort() < 0 ? 6379 : parsed.getPort(), database);
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    ServerSettings.REDIS_ENV + " must be a URI such as redis://127.0.0.1:6379 or "
                            + "redis://127.0.0.1:6379/2, but was: " + uri.replaceAll(":[^:@/]*@", ":***@"), e);
        }
    }

    String uri() {
        return scheme + "://" + (userInfo == null ? "" : userInfo + "@") + host + ":" + port + "/"
                + database;
    }

    String describe() {
        return scheme + "://" + host + ":" + port + "/" + database;
    }
}
