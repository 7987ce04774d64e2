package io.perfkit.testkit;

import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The PostgreSQL database of one test class, injected by {@link RealServers @RealServers}.
 *
 * <p>The database is created empty for the class, owned by {@link #user()}, and dropped after the
 * class's {@code @AfterAll} methods, so a class may create any schema it likes and need not clean
 * up. Every test method of the class sees the same database.
 *
 * <pre>{@code
 * @Test
 * void stores_an_order(TestDatabase db) throws SQLException {
 *   try (Connection c = db.dataSource().getConnection()) { ... }
 *   // or hand db.jdbcUrl(), db.user(), db.password() to HikariCP, jOOQ, Flyway
 * }
 * }</pre>
 */
public final class TestDatabase {

    private final ServerSource source;
    private final String databaseName;
    private final String jdbcUrl;
    private final String user;
    private final @Nullable String password;
    private final DataSource dataSource;

    TestDatabase(ServerSource source, String databaseName, String jdbcUrl, String user,
            @Nullable String password, DataSource dataSource) {
        this.source = source;
        this.databaseName = databaseName;
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.dataSource = dataSource;
    }

    /**
     * A non-pooling pgjdbc {@code PGSimpleDataSource} for this database with the user and password
     * set: every {@code getConnection()} opens a new connection, so close what you open.
     *
     * @return the data source, shared by all tests of the class
     */
    public DataSource dataSource() {
        return dataSource;
    }

    /**
     * The JDBC URL of this database, e.g.
     * {@code jdbc:postgresql://127.0.0.1:5432/perfkit_ordersit_3f9a0c1b2d4e?user=postgres}. It keeps
     * the parameters of {@code PERFKIT_TEST_PG_URL}; use it with {@link #user()} and
     * {@link #password()}.
     *
     * @return the URL
     */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    /**
     * The user that owns the database.
     *
     * @return the user name
     */
    public String user() {
        return user;
    }

    /**
     * The password of {@link #user()}.
     *
     * @return the password, or null when the server does not ask for one
     */
    public @Nullable String password() {
        return password;
    }

    /**
     * The generated name of the database, {@code perfkit_<class>_<random>}.
     *
     * @return the name; lower-case ASCII letters, digits and underscores only
     */
    public String databaseName() {
        return databaseName;
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
        return "TestDatabase[" + databaseName + " on " + jdbcUrl.replaceAll("(?i)(password=)[^&]*",
                "$1***") + ", " + source + "]";
    }
}
