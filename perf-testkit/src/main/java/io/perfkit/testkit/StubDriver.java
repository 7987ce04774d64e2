package io.perfkit.testkit;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.util.Properties;
import java.util.logging.Logger;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Driver} for {@code jdbc:stub:} URLs, for code that takes a JDBC URL rather than a
 * {@code DataSource} (HikariCP's {@code jdbcUrl}, {@code DriverManager}). It registers itself
 * through {@code META-INF/services/java.sql.Driver}.
 *
 * <pre>{@code
 * HikariConfig config = new HikariConfig();
 * config.setJdbcUrl("jdbc:stub:books?rows=10&columns=3");
 * }</pre>
 *
 * <p>URL parameters, also accepted as connection properties: {@code rows} (default 1),
 * {@code columns} (default 1), {@code updateCount} (default 1); the text between {@code jdbc:stub:}
 * and {@code ?} is a free-form name. Each connection gets its own {@link StubDataSource}, so
 * counters are not shared; to count, use a {@code StubDataSource} directly.
 */
public final class StubDriver implements Driver {

    /** The prefix of the URLs this driver accepts. */
    public static final String URL_PREFIX = "jdbc:stub:";

    static {
        try {
            DriverManager.registerDriver(new StubDriver());
        } catch (SQLException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Creates the driver; {@code DriverManager} and the service loader call this. */
    public StubDriver() {}

    /**
     * Opens a stub connection for a {@code jdbc:stub:} URL.
     *
     * @param url the URL
     * @param info properties; {@code rows}, {@code columns}, {@code updateCount} are read
     * @return a connection, or null if the URL is not a {@code jdbc:stub:} URL (the JDBC contract)
     * @throws SQLException if a parameter is not a valid count
     */
    @Override
    public @Nullable Connection connect(String url, @Nullable Properties info) throws SQLException {
        if (!acceptsURL(url)) {
            return null;
        }
        Properties settings = settings(url, info);
        try {
            return new StubDataSource(
                    count(settings, "rows"), count(settings, "columns"), count(settings, "updateCount"))
                    .getConnection();
        } catch (IllegalArgumentException e) {
            throw new SQLException("Bad stub URL " + url + ": " + e.getMessage(), "08001", e);
        }
    }

    /**
     * Whether {@code url} starts with {@code jdbc:stub:}.
     *
     * @param url the URL
     * @return whether this driver handles it
     */
    @Override
    public boolean acceptsURL(@Nullable String url) {
        return url != null && url.startsWith(URL_PREFIX);
    }

    /**
     * Describes the {@code rows}, {@code columns} and {@code updateCount} settings.
     *
     * @param url the URL
     * @param info properties
     * @return one entry per setting, with the value the URL and properties give it
     */
    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, @Nullable Properties info) {
        Properties settings = settings(url, info);
        String[] names = {"rows", "columns", "updateCount"};
        DriverPropertyInfo[] result = new DriverPropertyInfo[names.length];
        for (int i = 0; i < names.length; i++) {
            result[i] = new DriverPropertyInfo(names[i], settings.getProperty(names[i], "1"));
            result[i].description = "canned " + names[i] + " of every statement";
        }
        return result;
    }

    /**
     * The driver's major version.
     *
     * @return 1
     */
    @Override
    public int getMajorVersion() {
        return 1;
    }

    /**
     * The driver's minor version.
     *
     * @return 0
     */
    @Override
    public int getMinorVersion() {
        return 0;
    }

    /**
     * Whether this is a JDBC-compliant driver: it is not, it runs no SQL.
     *
     * @return false
     */
    @Override
    public boolean jdbcCompliant() {
        return false;
    }

    /**
     * The logger of the testkit's package; the stub logs nothing.
     *
     * @return the logger
     */
    @Override
    public Logger getParentLogger() {
        return Logger.getLogger(StubDriver.class.getPackageName());
    }

    /** URL parameters win over properties, as in pgjdbc. */
    private static Properties settings(String url, @Nullable Properties info) {
        Properties settings = new Properties();
        if (info != null) {
            settings.putAll(info);
        }
        int query = url.indexOf('?');
        if (query >= 0) {
            for (String pair : url.substring(query + 1).split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    settings.setProperty(pair.substring(0, eq), pair.substring(eq + 1));
                }
            }
        }
        return settings;
    }

    private static int count(Properties settings, String name) {
        String value = settings.getProperty(name, "1").trim();
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be an integer, was '" + value + "'", e);
        }
    }
}
