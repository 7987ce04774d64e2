package io.perfkit.testkit;

import java.util.Properties;
import org.jspecify.annotations.Nullable;
import org.postgresql.Driver;

/**
 * A PostgreSQL server the tests may create databases on, as a JDBC URL split so that the database
 * name can be swapped while every other URL parameter (sslmode, timeouts) is kept.
 *
 * @param source where the server came from
 * @param authority {@code host:port} (or a comma-separated list of them)
 * @param adminDatabase the database to connect to for CREATE/DROP DATABASE
 * @param query the URL's query string including its leading {@code ?}, or empty
 * @param user the user that creates databases; it owns every test database
 * @param password the password, or null when the server does not ask for one
 */
record PostgresEndpoint(
        ServerSource source,
        String authority,
        String adminDatabase,
        String query,
        String user,
        @Nullable String password) {

    private static final String PREFIX = "jdbc:postgresql://";

    static PostgresEndpoint of(
            ServerSource source, String host, int port, String database, String user,
            @Nullable String password) {
        return new PostgresEndpoint(source, host + ":" + port, database, "", user, password);
    }

    /**
     * Parses {@code jdbc:postgresql://host[:port][/database][?params]}. The user and password may be
     * URL parameters; without a user pgjdbc would use the operating-system user, and so do we.
     */
    static PostgresEndpoint parse(ServerSource source, String url) {
        Properties parsed = Driver.parseURL(url, new Properties());
        if (parsed == null || !url.startsWith(PREFIX)) {
            throw new IllegalArgumentException(
                    ServerSettings.POSTGRES_ENV + " must be a JDBC URL such as "
                            + "jdbc:postgresql://127.0.0.1:5432/test?user=postgres, but was: " + redact(url));
        }
        String rest = url.substring(PREFIX.length());
        int queryStart = rest.indexOf('?');
        String query = queryStart < 0 ? "" : rest.substring(queryStart);
        String hostAndPath = queryStart < 0 ? rest : rest.substring(0, queryStart);
        int slash = hostAndPath.indexOf('/');
        String authority = slash < 0 ? hostAndPath : hostAndPath.substring(0, slash);
        String database = parsed.getProperty("PGDBNAME", "");
        String user = parsed.getProperty("user", System.getProperty("user.name", "postgres"));
        return new PostgresEndpoint(
                source,
                authority,
                database.isEmpty() ? user : database,
                query,
                user,
                parsed.getProperty("password"));
    }

    String jdbcUrl(String database) {
        return PREFIX + authority + "/" + database + query;
    }

    String adminJdbcUrl() {
        return jdbcUrl(adminDatabase);
    }

    /** Log lines name the server, never its password. */
    String describe() {
        return PREFIX + authority + "/" + adminDatabase + " as " + user;
    }

    private static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&]*", "$1***");
    }
}
