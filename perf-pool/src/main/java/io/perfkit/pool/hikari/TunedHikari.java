package io.perfkit.pool.hikari;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import io.perfkit.core.Require;
import io.perfkit.pool.ConnectionCutoffs;
import io.perfkit.pool.SizingRecommendation;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Builds a {@link HikariConfig} (or a started {@link HikariDataSource}) for PostgreSQL with production defaults,
 * each chosen for a stated reason (see the constants and {@code docs/pool.md}). Every value can be overridden;
 * bad values are rejected with the setting named, never silently corrected.
 *
 * <pre>{@code
 * HikariDataSource ds = TunedHikari.builder("jdbc:postgresql://db:5432/shop", "orders")
 *     .credentials("app", secret)
 *     .size(PoolSizing.builder().databaseCores(8).instances(3).build().recommend())
 *     .cutoffs(ConnectionCutoffs.network(Duration.ofSeconds(350)))   // AWS NLB idle timeout
 *     .metrics(meterRegistry)                                         // HikariCP's own hikaricp.* meters
 *     .build();
 * }</pre>
 *
 * <p>What it sets: a fixed-size pool; {@code connectionTimeout} 5 s; {@code maxLifetime} 30 minutes or, with a
 * known idle cut-off, below it; {@code keepaliveTime} 2 minutes or half the cut-off; HikariCP's leak detection
 * off (use {@link io.perfkit.pool.LeakTracker}, which costs a fraction); pgjdbc's {@code ApplicationName} (the
 * pool's name, so {@code pg_stat_activity} shows which pool a session belongs to), {@code reWriteBatchedInserts},
 * {@code tcpKeepAlive}, {@code socketTimeout} and {@code connectTimeout}; and a
 * {@link TimingMetricsTrackerFactory} so that the {@link io.perfkit.pool.PoolAdvisor} sees wait and hold times.
 */
public final class TunedHikari {
    /** Callers wait at most 5 s for a connection: longer waits only pile threads up behind a saturated pool. */
    public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(5);
    /** Connections are retired after 30 minutes, HikariCP's default, when no shorter cut-off is known. */
    public static final Duration DEFAULT_MAX_LIFETIME = Duration.ofMinutes(30);
    /** Idle connections are pinged every 2 minutes, well inside common NAT and load-balancer idle cut-offs. */
    public static final Duration DEFAULT_KEEPALIVE_TIME = Duration.ofMinutes(2);
    /** A connection is validated within 2 s; below the connection timeout so a dead one is replaced in time. */
    public static final Duration DEFAULT_VALIDATION_TIMEOUT = Duration.ofSeconds(2);
    /** A read blocked for 5 minutes fails: frees threads stuck on a dead server; set above statement_timeout. */
    public static final Duration DEFAULT_SOCKET_TIMEOUT = Duration.ofMinutes(5);
    /** Opening a TCP connection fails after 10 s (pgjdbc's own default, stated explicitly). */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** The pool size when no sizing is given: 10, HikariCP's default. */
    public static final int DEFAULT_POOL_SIZE = 10;
    /** HikariCP's smallest accepted keepalive and lifetime. */
    static final Duration HIKARI_MIN_KEEPALIVE = Duration.ofSeconds(30);

    private TunedHikari() {}

    /**
     * Starts a configuration.
     *
     * @param jdbcUrl a {@code jdbc:postgresql://} URL
     * @param poolName the pool's name: HikariCP's {@code poolName}, the {@code pool} tag of its meters, and the
     *     {@code ApplicationName} the server shows
     * @return a builder
     * @throws IllegalArgumentException if the URL is not a JDBC URL or the name is blank
     */
    public static Builder builder(String jdbcUrl, String poolName) {
        return new Builder(jdbcUrl, poolName);
    }

    /** Builds a tuned {@link HikariConfig}. Setters validate at once and name the setting they reject. */
    public static final class Builder {
        private final String jdbcUrl;
        private final String poolName;
        private @Nullable String username;
        private @Nullable String password;
        private int maximumPoolSize = DEFAULT_POOL_SIZE;
        private int minimumIdle = -1;
        private Duration connectionTimeout = DEFAULT_CONNECTION_TIMEOUT;
        private @Nullable Duration maxLifetime;
        private @Nullable Duration keepaliveTime;
        private Duration idleTimeout = Duration.ofMinutes(10);
        private Duration validationTimeout = DEFAULT_VALIDATION_TIMEOUT;
        private Duration hikariLeakDetection = Duration.ZERO;
        private Duration socketTimeout = DEFAULT_SOCKET_TIMEOUT;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private boolean reWriteBatchedInserts = true;
        private ConnectionCutoffs cutoffs = ConnectionCutoffs.none();
        private @Nullable MeterRegistry registry;
        private final Map<String, String> properties = new LinkedHashMap<>();

        private Builder(String jdbcUrl, String poolName) {
            Require.argument(Require.nonNull(jdbcUrl, "jdbcUrl").startsWith("jdbc:"),
                    "jdbcUrl must start with 'jdbc:', but was '%s'", jdbcUrl.length() > 20 ? "…" : jdbcUrl);
            this.jdbcUrl = jdbcUrl;
            this.poolName = Require.nonBlank(poolName, "poolName");
        }

        /**
         * Sets the user and password.
         *
         * @param username the database user
         * @param password the password, or null when the server asks for none; kept only in the configuration
         * @return this builder
         */
        public Builder credentials(String username, @Nullable String password) {
            this.username = Require.nonBlank(username, "username");
            this.password = password;
            return this;
        }

        /**
         * Sizes the pool from a {@link io.perfkit.pool.PoolSizing} recommendation.
         *
         * @param recommendation the recommendation
         * @return this builder
         */
        public Builder size(SizingRecommendation recommendation) {
            Require.nonNull(recommendation, "recommendation");
            return maximumPoolSize(recommendation.maximumPoolSize()).minimumIdle(recommendation.minimumIdle());
        }

        /**
         * Sets {@code maximumPoolSize}. Default {@value #DEFAULT_POOL_SIZE}, or from {@link #size}.
         *
         * @param size at least 1
         * @return this builder
         */
        public Builder maximumPoolSize(int size) {
            this.maximumPoolSize = (int) Require.atLeast(size, 1, "maximumPoolSize");
            return this;
        }

        /**
         * Sets {@code minimumIdle}. Default: equal to {@code maximumPoolSize} (a fixed pool: a burst never waits
         * for connections to be opened).
         *
         * @param minimumIdle at least 0, at most {@code maximumPoolSize} (checked at build)
         * @return this builder
         */
        public Builder minimumIdle(int minimumIdle) {
            this.minimumIdle = (int) Require.atLeast(minimumIdle, 0, "minimumIdle");
            return this;
        }

        /**
         * Sets how long {@code getConnection()} waits. Default 5 s.
         *
         * @param timeout at least 250 ms (HikariCP's floor)
         * @return this builder
         */
        public Builder connectionTimeout(Duration timeout) {
            this.connectionTimeout = atLeast(timeout, Duration.ofMillis(250), "connectionTimeout");
            return this;
        }

        /**
         * Declares the idle cut-offs between the pool and the server; {@code maxLifetime} and {@code keepaliveTime}
         * are derived to stay below them unless set explicitly.
         *
         * @param cutoffs the cut-offs
         * @return this builder
         */
        public Builder cutoffs(ConnectionCutoffs cutoffs) {
            this.cutoffs = Require.nonNull(cutoffs, "cutoffs");
            return this;
        }

        /**
         * Sets {@code maxLifetime} explicitly.
         *
         * @param lifetime at least 30 s
         * @return this builder
         */
        public Builder maxLifetime(Duration lifetime) {
            this.maxLifetime = atLeast(lifetime, HIKARI_MIN_KEEPALIVE, "maxLifetime");
            return this;
        }

        /**
         * Sets {@code keepaliveTime} explicitly; zero disables it.
         *
         * @param keepalive zero, or at least 30 s
         * @return this builder
         */
        public Builder keepaliveTime(Duration keepalive) {
            Require.nonNegative(keepalive, "keepaliveTime");
            Require.argument(keepalive.isZero() || keepalive.compareTo(HIKARI_MIN_KEEPALIVE) >= 0,
                    "keepaliveTime must be 0 or >= 30s, but was %s", keepalive);
            this.keepaliveTime = keepalive;
            return this;
        }

        /**
         * Sets {@code idleTimeout}, used only when {@code minimumIdle < maximumPoolSize}. Default 10 minutes.
         *
         * @param timeout zero (never) or at least 10 s
         * @return this builder
         */
        public Builder idleTimeout(Duration timeout) {
            Require.nonNegative(timeout, "idleTimeout");
            Require.argument(timeout.isZero() || timeout.toSeconds() >= 10,
                    "idleTimeout must be 0 or >= 10s, but was %s", timeout);
            this.idleTimeout = timeout;
            return this;
        }

        /**
         * Sets {@code validationTimeout}. Default 2 s.
         *
         * @param timeout at least 250 ms, below {@code connectionTimeout} (checked at build)
         * @return this builder
         */
        public Builder validationTimeout(Duration timeout) {
            this.validationTimeout = atLeast(timeout, Duration.ofMillis(250), "validationTimeout");
            return this;
        }

        /**
         * Turns on HikariCP's own leak detection (a stack trace per borrow). Default off:
         * {@link io.perfkit.pool.LeakTracker} reports the same at a fraction of the cost.
         *
         * @param threshold zero (off) or at least 2 s
         * @return this builder
         */
        public Builder hikariLeakDetection(Duration threshold) {
            Require.nonNegative(threshold, "hikariLeakDetection");
            Require.argument(threshold.isZero() || threshold.toMillis() >= 2000,
                    "hikariLeakDetection must be 0 or >= 2s, but was %s", threshold);
            this.hikariLeakDetection = threshold;
            return this;
        }

        /**
         * Sets pgjdbc's {@code socketTimeout}. Default 5 minutes; zero disables it.
         *
         * @param timeout zero or at least 1 s
         * @return this builder
         */
        public Builder socketTimeout(Duration timeout) {
            Require.nonNegative(timeout, "socketTimeout");
            Require.argument(timeout.isZero() || timeout.toSeconds() >= 1,
                    "socketTimeout must be 0 or >= 1s, but was %s", timeout);
            this.socketTimeout = timeout;
            return this;
        }

        /**
         * Sets pgjdbc's {@code connectTimeout}. Default 10 s.
         *
         * @param timeout at least 1 s
         * @return this builder
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = atLeast(timeout, Duration.ofSeconds(1), "connectTimeout");
            return this;
        }

        /**
         * Sets pgjdbc's {@code reWriteBatchedInserts}: one multi-row INSERT per batch instead of one statement
         * per row (2–3× faster batch inserts). Default true.
         *
         * @param rewrite whether to rewrite
         * @return this builder
         */
        public Builder reWriteBatchedInserts(boolean rewrite) {
            this.reWriteBatchedInserts = rewrite;
            return this;
        }

        /**
         * Sets another pgjdbc data source property; it overrides the tuned ones of the same name.
         *
         * @param name the property name, such as {@code "sslmode"}
         * @param value its value
         * @return this builder
         */
        public Builder dataSourceProperty(String name, String value) {
            properties.put(Require.nonBlank(name, "property name"), Require.nonNull(value, "property value"));
            return this;
        }

        /**
         * Publishes HikariCP's own {@code hikaricp.*} meters to the registry through its
         * {@code MicrometerMetricsTrackerFactory}. Default: no meters.
         *
         * @param registry the user's registry
         * @return this builder
         */
        public Builder metrics(MeterRegistry registry) {
            this.registry = Require.nonNull(registry, "registry");
            return this;
        }

        /**
         * Returns a new configuration with the tuned values; each call returns a new object.
         *
         * @return the configuration, not started
         * @throws IllegalStateException if the values contradict each other (named in the message)
         */
        public HikariConfig config() {
            int minIdle = minimumIdle < 0 ? maximumPoolSize : minimumIdle;
            Require.state(minIdle <= maximumPoolSize, "minimumIdle (%s) must be <= maximumPoolSize (%s)", minIdle,
                    maximumPoolSize);
            Require.state(validationTimeout.compareTo(connectionTimeout) < 0,
                    "validationTimeout (%s) must be < connectionTimeout (%s)", validationTimeout, connectionTimeout);
            Duration lifetime = effectiveMaxLifetime();
            Duration keepalive = effectiveKeepalive(lifetime);
            HikariConfig c = new HikariConfig();
            c.setJdbcUrl(jdbcUrl);
            c.setPoolName(poolName);
            if (username != null) {
                c.setUsername(username);
                c.setPassword(password);
            }
            c.setMaximumPoolSize(maximumPoolSize);
            c.setMinimumIdle(minIdle);
            c.setConnectionTimeout(connectionTimeout.toMillis());
            c.setValidationTimeout(validationTimeout.toMillis());
            c.setMaxLifetime(lifetime.toMillis());
            c.setKeepaliveTime(keepalive.toMillis());
            c.setIdleTimeout(idleTimeout.toMillis());
            c.setLeakDetectionThreshold(hikariLeakDetection.toMillis());
            c.addDataSourceProperty("ApplicationName", poolName);
            c.addDataSourceProperty("reWriteBatchedInserts", Boolean.toString(reWriteBatchedInserts));
            c.addDataSourceProperty("tcpKeepAlive", "true");
            c.addDataSourceProperty("socketTimeout", Long.toString(socketTimeout.toSeconds()));
            c.addDataSourceProperty("connectTimeout", Long.toString(connectTimeout.toSeconds()));
            properties.forEach(c::addDataSourceProperty);
            c.setMetricsTrackerFactory(registry == null ? TimingMetricsTrackerFactory.standalone()
                    : TimingMetricsTrackerFactory.wrapping(new MicrometerMetricsTrackerFactory(registry)));
            return c;
        }

        private Duration effectiveMaxLifetime() {
            Optional<Duration> cutoff = cutoffs.shortest();
            if (maxLifetime != null) {
                cutoff.ifPresent(limit -> Require.state(maxLifetime.compareTo(limit) < 0,
                        "maxLifetime (%s) must be below %s (%s)", maxLifetime, cutoffs.describeShortest(), limit));
                return maxLifetime;
            }
            if (cutoff.isEmpty()) {
                return DEFAULT_MAX_LIFETIME;
            }
            Duration limit = cutoff.get();
            Require.state(limit.toSeconds() >= 60, "%s (%s) is too short for HikariCP: maxLifetime and keepaliveTime "
                    + "cannot go below 30s; raise it to at least 60s", cutoffs.describeShortest(), limit);
            // Below the cut-off by 10% or 30 s, whichever is larger: HikariCP itself subtracts up to 2.5 %.
            Duration margin = max(limit.dividedBy(10), HIKARI_MIN_KEEPALIVE);
            Duration below = max(limit.minus(margin), HIKARI_MIN_KEEPALIVE);
            return below.compareTo(DEFAULT_MAX_LIFETIME) < 0 ? below : DEFAULT_MAX_LIFETIME;
        }

        private Duration effectiveKeepalive(Duration lifetime) {
            Duration k = keepaliveTime;
            if (k == null) {
                k = DEFAULT_KEEPALIVE_TIME;
                Optional<Duration> cutoff = cutoffs.shortest();
                if (cutoff.isPresent() && cutoff.get().dividedBy(2).compareTo(k) < 0) {
                    k = max(cutoff.get().dividedBy(2), HIKARI_MIN_KEEPALIVE);
                }
            }
            if (!k.isZero() && k.compareTo(lifetime) >= 0) {
                Require.state(keepaliveTime == null, "keepaliveTime (%s) must be below maxLifetime (%s)", k, lifetime);
                return Duration.ZERO; // the connection is retired before it would be pinged
            }
            return k;
        }

        /**
         * Returns a started pool with this configuration.
         *
         * @return the data source; the caller owns it and closes it
         * @throws IllegalStateException if the values contradict each other
         */
        public HikariDataSource build() {
            return new HikariDataSource(config());
        }

        private static Duration atLeast(Duration value, Duration min, String name) {
            Require.nonNull(value, name);
            Require.argument(value.compareTo(min) >= 0, "%s must be >= %s, but was %s", name, min, value);
            return value;
        }

        private static Duration max(Duration a, Duration b) {
            return a.compareTo(b) >= 0 ? a : b;
        }
    }
}
