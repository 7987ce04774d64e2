package io.perfkit.testkit;

/**
 * The Redis server and key prefix of one test class, injected by
 * {@link RealServers @RealServers}.
 *
 * <p>Test classes share the server and its logical database, so a class keeps to its own keys:
 * {@link #key(String)} puts them under {@link #keyPrefix()}, and after the class every key under
 * the prefix is deleted. Do not use FLUSHDB or FLUSHALL: another class may be running.
 *
 * <pre>{@code
 * @Test
 * void counts_visits(TestRedis redis) {
 *   RedisClient client = RedisClient.create(redis.uri());
 *   try (StatefulRedisConnection<String, String> c = client.connect()) {
 *     c.sync().incr(redis.key("visits"));
 *   } finally {
 *     client.shutdown();
 *   }
 * }
 * }</pre>
 */
public final class TestRedis {

    private final ServerSource source;
    private final String uri;
    private final String host;
    private final int port;
    private final int database;
    private final String keyPrefix;

    TestRedis(ServerSource source, String uri, String host, int port, int database,
            String keyPrefix) {
        this.source = source;
        this.uri = uri;
        this.host = host;
        this.port = port;
        this.database = database;
        this.keyPrefix = keyPrefix;
    }

    /**
     * The server's URI, {@code redis://host:port/database}, with credentials if the environment
     * gave any; {@code RedisClient.create(uri)} accepts it.
     *
     * @return the URI
     */
    public String uri() {
        return uri;
    }

    /**
     * The server's host.
     *
     * @return the host name or address
     */
    public String host() {
        return host;
    }

    /**
     * The server's port.
     *
     * @return the port
     */
    public int port() {
        return port;
    }

    /**
     * The logical database the URI selects; 0 unless the environment named another.
     *
     * @return the database index
     */
    public int database() {
        return database;
    }

    /**
     * The prefix of this class's keys, e.g. {@code perfkit-test:ordersit_3f9a0c1b2d4e:}; unique per
     * test class and per run.
     *
     * @return the prefix, ending with {@code :}
     */
    public String keyPrefix() {
        return keyPrefix;
    }

    /**
     * A key of this class: {@code keyPrefix() + name}.
     *
     * @param name the key's name within the class
     * @return the full key
     */
    public String key(String name) {
        return keyPrefix + name;
    }

    /**
     * Where the server came from.
     *
     * @return the source
     */
    public ServerSource source() {
        return source;
    }

    @Override
    public String toString() {
        return "TestRedis[" + host + ":" + port + "/" + database + " prefix " + keyPrefix + ", "
                + source + "]";
    }
}
