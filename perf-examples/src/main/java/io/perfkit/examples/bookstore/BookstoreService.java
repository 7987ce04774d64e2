package io.perfkit.examples.bookstore;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.perfkit.core.Budget;
import io.perfkit.core.FindingPublisher;
import io.perfkit.core.FindingSink;
import io.perfkit.core.micrometer.MicrometerFindingSink;
import io.perfkit.core.servlet.WorkScopeFilter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import javax.sql.DataSource;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.jooq.impl.DefaultExecuteListenerProvider;
import org.jspecify.annotations.Nullable;

/**
 * The bookstore service: a HikariCP pool on PostgreSQL, jOOQ, a Redis connection for cache invalidations, and
 * Jetty 12 serving the {@link Route}s plus {@code /metrics} (Prometheus). Every request runs in a perf-core
 * {@link io.perfkit.core.WorkScope}; findings go to the sink you give, and to the {@code perfkit.findings} counter.
 *
 * <pre>{@code
 * CollectingFindingSink findings = FindingSink.collecting();
 * try (BookstoreService service = BookstoreService.builder()
 *         .jdbcUrl("jdbc:postgresql://127.0.0.1:5432/bookstore?user=postgres")
 *         .redisUri("redis://127.0.0.1:6379")
 *         .seed(SeedPlan.defaults())
 *         .findingSink(findings)
 *         .start()) {
 *     System.out.println("serving on " + service.uri());
 * }
 * }</pre>
 *
 * <h2>Where perfkit's modules plug in</h2>
 * <ul>
 *   <li>perf-query: {@link #instrument(DataSource, FindingSink)} wraps the pool with {@code QueryMonitor.wrap};
 *       {@link StatementDiagnostics} is its stand-in; {@link OrderItemsSource#batched(Queries)} is where
 *       {@code BatchLoader} goes and {@link Queries#pageAfter(PageCursor, int)} where keyset pagination goes.</li>
 *   <li>perf-cache: {@link Builder#bookDetailCache} takes a {@code TieredCache}-backed {@link BookDetailCache}.</li>
 *   <li>perf-pool: {@link #poolConfig(String, int)} is where the tuned {@code HikariConfig} comes from.</li>
 *   <li>perf-compression: {@link Builder#tunedResponseFilters(List)} takes its compression and ETag filters.</li>
 * </ul>
 */
public final class BookstoreService implements AutoCloseable {
    /** The pool size when none is set: HikariCP's own default. */
    public static final int DEFAULT_POOL_SIZE = 10;
    /** A statement slower than this is reported as a slow query. */
    public static final Duration DEFAULT_SLOW_QUERY_THRESHOLD = Duration.ofMillis(50);
    /** The per-request budget every request is checked against. */
    public static final int DEFAULT_MAX_QUERIES_PER_REQUEST = 10;

    private final PrometheusMeterRegistry registry;
    private final HikariDataSource pool;
    private final RedisClient redis;
    private final StatefulRedisConnection<String, String> redisConnection;
    private final StatefulRedisPubSubConnection<String, String> redisPubSub;
    private final BookDetailCache cache;
    private final Server server;
    private final ScopeStats stats = new ScopeStats();
    private final Queries queries;
    private final Seeder.@Nullable Result seedResult;
    private final URI uri;

    private BookstoreService(Builder b) throws Exception {
        this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        FindingSink sink = FindingSink.all(b.findingSink, MicrometerFindingSink.counting(registry));
        FindingPublisher publisher = FindingPublisher.of(sink);

        HikariConfig config = poolConfig(b.jdbcUrl, b.poolSize);
        if (b.user != null) {
            config.setUsername(b.user);
            config.setPassword(b.password);
        }
        config.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
        this.pool = new HikariDataSource(config);
        boolean started = false;
        RedisClient client = null;
        try {
            this.seedResult = b.seed == null ? null : Seeder.ensure(pool, b.seed);
            DataSource dataSource = instrument(pool, sink);
            StatementDiagnostics diagnostics = new StatementDiagnostics(publisher, b.slowQueryThreshold, 5);
            // The JavaBeans setters, not set(...): its overloads include set(Settings), whose JAXB annotations
            // javac cannot resolve without jakarta.xml.bind on the class path (a warning, an error under -Werror).
            DefaultConfiguration configuration = new DefaultConfiguration();
            configuration.setDataSource(dataSource);
            configuration.setSQLDialect(SQLDialect.POSTGRES);
            configuration.setExecuteListenerProvider(new DefaultExecuteListenerProvider(diagnostics));
            DSLContext dsl = DSL.using(configuration);
            Schema.applyTuning(dsl);
            this.queries = new Queries(dsl);

            client = RedisClient.create(b.redisUri);
            this.redis = client;
            this.redisConnection = client.connect();
            this.redisPubSub = client.connectPubSub();
            InvalidationBus bus = new InvalidationBus(redisConnection, redisPubSub);
            this.cache = b.bookDetailCache != null ? b.bookDetailCache
                    : new CaffeineBookDetailCache(20_000, Duration.ofMinutes(10), bus, registry);

            ObjectMapper json = new ObjectMapper();
            BookstoreServlet api = new BookstoreServlet(queries, OrderItemsSource.perOrder(queries),
                    OrderItemsSource.batched(queries), cache, json, b.defaultMode);
            List<Filter> tuned = b.tunedResponseFilters != null ? b.tunedResponseFilters
                    : List.of(new GzipEtagFilter());
            RequestFilter requests = new RequestFilter(b.defaultMode, tuned, diagnostics,
                    Budget.builder().maxQueries(DEFAULT_MAX_QUERIES_PER_REQUEST).build(), stats, registry);
            Mode defaultMode = b.defaultMode;

            QueuedThreadPool threads = new QueuedThreadPool(200, 8);
            threads.setName("bookstore-http");
            this.server = new Server(threads);
            ServerConnector connector = new ServerConnector(server);
            connector.setHost(b.host);
            connector.setPort(b.port);
            server.addConnector(connector);
            ServletContextHandler context = new ServletContextHandler();
            context.setContextPath("/");
            context.addFilter(new FilterHolder(WorkScopeFilter.builder()
                    .scopeNamer(request -> RequestFilter.scopeName(request, defaultMode))
                    .build()), "/*", EnumSet.of(DispatcherType.REQUEST));
            context.addFilter(new FilterHolder(requests), "/*", EnumSet.of(DispatcherType.REQUEST));
            context.addServlet(new ServletHolder("api", api), "/*");
            context.addServlet(new ServletHolder("metrics", new MetricsServlet(registry)), "/metrics");
            server.setHandler(context);
            server.start();
            this.uri = URI.create("http://" + hostForUri(b.host) + ":" + connector.getLocalPort() + "/");
            started = true;
        } finally {
            if (!started) {
                if (client != null) {
                    client.shutdown();
                }
                pool.close();
            }
        }
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The pool configuration. The seam where perf-pool's tuned {@code HikariConfig} factory plugs in (timeouts,
     * keepalive, max lifetime, pgjdbc properties, the size from its advisor); today HikariCP's defaults plus what
     * this service needs.
     *
     * @param jdbcUrl the PostgreSQL URL
     * @param poolSize the maximum pool size
     * @return the configuration
     */
    static HikariConfig poolConfig(String jdbcUrl, int poolSize) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("bookstore");
        config.setJdbcUrl(jdbcUrl);
        config.setMaximumPoolSize(poolSize);
        config.addDataSourceProperty("currentSchema", Schema.NAME);
        config.addDataSourceProperty("ApplicationName", "perfkit-bookstore");
        return config;
    }

    /**
     * Wraps the pool for statement monitoring. The seam where perf-query's {@code QueryMonitor.wrap(DataSource)}
     * plugs in (publishing to {@code sink}); until then statements are observed by {@link StatementDiagnostics}
     * through jOOQ, and this returns the pool as it is.
     *
     * @param pool the pool
     * @param sink where the monitor's findings go
     * @return the data source the service's statements use
     */
    static DataSource instrument(DataSource pool, FindingSink sink) {
        return pool;
    }

    private static String hostForUri(String host) {
        return host.isEmpty() || host.equals("0.0.0.0") ? "127.0.0.1" : host.contains(":") ? "[" + host + "]" : host;
    }

    /** @return the base URI, such as {@code http://127.0.0.1:8080/} */
    public URI uri() {
        return uri;
    }

    /** @return what the requests' work scopes recorded, per route and mode */
    public ScopeStats scopeStats() {
        return stats;
    }

    /** @return the meter registry behind {@code /metrics} */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** @return the statements, for clients that need reference data such as the genres */
    public Queries queries() {
        return queries;
    }

    /** @return what seeding did, or null when no seed plan was given */
    public Seeder.@Nullable Result seedResult() {
        return seedResult;
    }

    /** @return the pool, for tools that need a connection to the bookstore schema */
    public DataSource dataSource() {
        return pool;
    }

    /** Stops the server, then closes the cache, Redis and the pool. Idempotent. */
    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            InvalidationBus.LOG.warn("jetty-stop-failed", "Stopping Jetty failed", e);
        }
        cache.close();
        redisPubSub.close();
        redisConnection.close();
        redis.shutdown();
        pool.close();
        registry.close();
    }

    /** Serves the Prometheus text format. */
    private static final class MetricsServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;
        private final transient PrometheusMeterRegistry registry;

        MetricsServlet(PrometheusMeterRegistry registry) {
            this.registry = registry;
        }

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
            response.setContentType("text/plain; version=0.0.4; charset=utf-8");
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
        }
    }

    /** Builds and starts a {@link BookstoreService}. */
    public static final class Builder {
        private @Nullable String jdbcUrl;
        private @Nullable String redisUri;
        private @Nullable String user;
        private @Nullable String password;
        private String host = "127.0.0.1";
        private int port;
        private int poolSize = DEFAULT_POOL_SIZE;
        private Mode defaultMode = Mode.NAIVE;
        private FindingSink findingSink = FindingSink.disabled();
        private Duration slowQueryThreshold = DEFAULT_SLOW_QUERY_THRESHOLD;
        private @Nullable SeedPlan seed;
        private @Nullable BookDetailCache bookDetailCache;
        private @Nullable List<Filter> tunedResponseFilters;

        private Builder() {}

        /**
         * Sets the PostgreSQL URL (required). The service keeps its tables in the schema {@value Schema#NAME}.
         *
         * @param jdbcUrl such as {@code jdbc:postgresql://127.0.0.1:5432/bookstore?user=postgres}
         * @return this builder
         */
        public Builder jdbcUrl(String jdbcUrl) {
            if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:postgresql:")) {
                throw new IllegalArgumentException("jdbcUrl must start with jdbc:postgresql:, but was " + jdbcUrl);
            }
            this.jdbcUrl = jdbcUrl;
            return this;
        }

        /**
         * Sets the database user and password, for URLs that do not carry them.
         *
         * @param user the user
         * @param password the password, or null for none
         * @return this builder
         */
        public Builder credentials(String user, @Nullable String password) {
            if (user == null || user.isBlank()) {
                throw new IllegalArgumentException("credentials: user must not be blank");
            }
            this.user = user;
            this.password = password;
            return this;
        }

        /**
         * Sets the Redis URI (required).
         *
         * @param redisUri such as {@code redis://127.0.0.1:6379}
         * @return this builder
         */
        public Builder redisUri(String redisUri) {
            if (redisUri == null || !(redisUri.startsWith("redis://") || redisUri.startsWith("rediss://"))) {
                throw new IllegalArgumentException("redisUri must start with redis:// or rediss://, but was "
                        + redisUri);
            }
            this.redisUri = redisUri;
            return this;
        }

        /**
         * Sets the address to listen on; default {@code 127.0.0.1}.
         *
         * @param host a host name or address
         * @return this builder
         */
        public Builder host(String host) {
            if (host == null || host.isBlank()) {
                throw new IllegalArgumentException("host must not be blank");
            }
            this.host = host;
            return this;
        }

        /**
         * Sets the port; default 0, a free port.
         *
         * @param port 0 to 65535
         * @return this builder
         */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be from 0 to 65535, but was " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * Sets the maximum pool size; default {@value #DEFAULT_POOL_SIZE}.
         *
         * @param poolSize at least 1
         * @return this builder
         */
        public Builder poolSize(int poolSize) {
            if (poolSize < 1) {
                throw new IllegalArgumentException("poolSize must be at least 1, but was " + poolSize);
            }
            this.poolSize = poolSize;
            return this;
        }

        /**
         * Sets the mode of requests that name none; default {@link Mode#NAIVE}.
         *
         * @param mode the mode
         * @return this builder
         */
        public Builder defaultMode(Mode mode) {
            if (mode == null) {
                throw new IllegalArgumentException("defaultMode must not be null");
            }
            this.defaultMode = mode;
            return this;
        }

        /**
         * Sets where findings go (they also count in {@code perfkit.findings}); default nowhere else.
         *
         * @param sink the sink
         * @return this builder
         */
        public Builder findingSink(FindingSink sink) {
            if (sink == null) {
                throw new IllegalArgumentException("findingSink must not be null");
            }
            this.findingSink = sink;
            return this;
        }

        /**
         * Sets the slow-query threshold; default 50 ms.
         *
         * @param threshold positive
         * @return this builder
         */
        public Builder slowQueryThreshold(Duration threshold) {
            if (threshold == null || threshold.isNegative() || threshold.isZero()) {
                throw new IllegalArgumentException("slowQueryThreshold must be positive, but was " + threshold);
            }
            this.slowQueryThreshold = threshold;
            return this;
        }

        /**
         * Seeds the database with this plan at start, unless it already holds it.
         *
         * @param plan the data to generate
         * @return this builder
         */
        public Builder seed(SeedPlan plan) {
            if (plan == null) {
                throw new IllegalArgumentException("seed must not be null");
            }
            this.seed = plan;
            return this;
        }

        /**
         * Replaces the book-detail cache (perf-cache's seam); the service closes it on {@link #close()}.
         *
         * @param cache the cache
         * @return this builder
         */
        public Builder bookDetailCache(BookDetailCache cache) {
            if (cache == null) {
                throw new IllegalArgumentException("bookDetailCache must not be null");
            }
            this.bookDetailCache = cache;
            return this;
        }

        /**
         * Replaces the filters applied to tuned requests only (perf-compression's seam); default one
         * {@link GzipEtagFilter}.
         *
         * @param filters in order, outermost first
         * @return this builder
         */
        public Builder tunedResponseFilters(List<Filter> filters) {
            if (filters == null) {
                throw new IllegalArgumentException("tunedResponseFilters must not be null");
            }
            this.tunedResponseFilters = new ArrayList<>(filters);
            return this;
        }

        /**
         * Starts the service: pool, seeding, tuning indexes, Redis, Jetty.
         *
         * @return the running service
         * @throws IllegalStateException naming the missing setting, or when a part fails to start
         */
        public BookstoreService start() {
            if (jdbcUrl == null) {
                throw new IllegalStateException("jdbcUrl is required");
            }
            if (redisUri == null) {
                throw new IllegalStateException("redisUri is required");
            }
            try {
                return new BookstoreService(this);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("The bookstore could not start: " + e.getMessage(), e);
            }
        }
    }
}
