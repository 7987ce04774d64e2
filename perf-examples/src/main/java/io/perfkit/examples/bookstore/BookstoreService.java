package io.perfkit.examples.bookstore;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.perfkit.core.Budget;
import io.perfkit.core.FindingSink;
import io.perfkit.core.RateLimitedLogger;
import io.perfkit.core.micrometer.MicrometerFindingSink;
import io.perfkit.cache.redis.LettuceRemoteStore;
import io.perfkit.compression.CompressionConfig;
import io.perfkit.compression.CompressionFilter;
import io.perfkit.compression.ContentEncoding;
import io.perfkit.compression.ETagFilter;
import io.perfkit.compression.micrometer.MicrometerCompressionRecorder;
import io.perfkit.core.servlet.WorkScopeFilter;
import io.perfkit.pool.PoolAdvisor;
import io.perfkit.query.PlanAnalyzer;
import io.perfkit.query.QueryMonitor;
import io.perfkit.query.jooq.PerfkitExecuteListener;
import io.perfkit.pool.hikari.HikariPools;
import io.perfkit.pool.hikari.TunedHikari;
import io.perfkit.pool.micrometer.PoolMetrics;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.jooq.impl.DefaultExecuteListenerProvider;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

/**
 * The bookstore service: a HikariCP pool on PostgreSQL, jOOQ, Redis for the book-detail cache, and Jetty 12
 * serving the {@link Route}s plus {@code /metrics} (Prometheus). Every request runs in a perf-core
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
 *   <li>perf-query: {@link #instrument(DataSource, QueryMonitor)} wraps the pool with {@code QueryMonitor.wrap}
 *       (N+1 with the service's source line, slow statements with their plan);
 *       {@link OrderItemsSource#batched(Queries)} loads the tuned orders' lines with its {@code BatchLoader}.
 *       {@link Queries#pageAfter(PageCursor, int)} keeps its own seek: {@code KeysetPager} pages one table and
 *       signs its cursors, while the listing joins authors and both modes hand out the same cursor.</li>
 *   <li>perf-cache: the tuned book detail is cached in a {@code TieredCache} ({@link TieredBookDetailCache}: Caffeine
 *       over Redis, invalidated across instances); {@link Builder#bookDetailCache} replaces it.</li>
 *   <li>perf-pool: the pool is configured by {@code TunedHikari} ({@link #poolConfig}) and watched by a
 *       {@code PoolAdvisor} that publishes into the same finding sink.</li>
 *   <li>perf-compression: tuned responses go through its {@code CompressionFilter} and {@code ETagFilter}
 *       ({@link #tunedResponseFilters(MeterRegistry)}); {@link Builder#tunedResponseFilters(List)} replaces them.</li>
 * </ul>
 */
public final class BookstoreService implements AutoCloseable {
    /** The pool size when none is set: HikariCP's own default. */
    public static final int DEFAULT_POOL_SIZE = 10;
    /** A statement slower than this is reported as a slow query. */
    public static final Duration DEFAULT_SLOW_QUERY_THRESHOLD = Duration.ofMillis(50);
    /** The default Redis namespace (key prefix and channel) of the book-detail cache. */
    public static final String DEFAULT_CACHE_NAMESPACE = "bookstore:book-detail";
    private static final RedisCodec<String, byte[]> REDIS_CODEC =
            RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);
    private static final RateLimitedLogger LOG = RateLimitedLogger.of(LoggerFactory.getLogger(BookstoreService.class));
    /** A SELECT shape run with this many different values in one request is an N+1 finding. */
    public static final int N_PLUS_ONE_THRESHOLD = 5;
    /** The per-request budget every request is checked against. */
    public static final int DEFAULT_MAX_QUERIES_PER_REQUEST = 10;
    /** The pool's name: HikariCP's {@code poolName}, the {@code pool} tag of its meters, the application_name. */
    public static final String POOL_NAME = "bookstore";
    /** How long a request waits for a connection before it fails (see {@link #poolConfig}). */
    static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(10);
    /** The gzip level of tuned responses (see {@link #tunedResponseFilters}). */
    static final int GZIP_LEVEL = 1;
    /** Larger tuned bodies stream without an ETag; the largest catalog page (2,000 books) is about 500 KB. */
    static final int ETAG_MAX_BODY_SIZE = 1 << 20;
    /** The pool advisor's sampling interval. */
    static final Duration ADVISOR_SAMPLE_INTERVAL = Duration.ofMillis(500);
    /** Samples per advisor window: 3 s at {@link #ADVISOR_SAMPLE_INTERVAL}. */
    static final int ADVISOR_WINDOW_SAMPLES = 6;

    private final PrometheusMeterRegistry registry;
    private final HikariDataSource pool;
    private final PoolAdvisor poolAdvisor;
    private final QueryMonitor queryMonitor;
    private final RedisClient redis;
    private final StatefulRedisConnection<String, byte[]> redisConnection;
    private final StatefulRedisPubSubConnection<String, byte[]> redisPubSub;
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

        this.pool = new HikariDataSource(poolConfig(b.jdbcUrl, b.poolSize, b.user, b.password, registry));
        boolean started = false;
        RedisClient client = null;
        PoolAdvisor advisor = null;
        QueryMonitor monitor = null;
        BookDetailCache bookCache = null;
        try {
            advisor = poolAdvisor(pool, sink);
            PoolMetrics.bind(advisor, registry);
            this.poolAdvisor = advisor.start();
            this.seedResult = b.seed == null ? null : Seeder.ensure(pool, b.seed);
            monitor = queryMonitor(b, sink, registry);
            this.queryMonitor = monitor;
            DataSource dataSource = instrument(pool, monitor);
            // The JavaBeans setters, not set(...): its overloads include set(Settings), whose JAXB annotations
            // javac cannot resolve without jakarta.xml.bind on the class path (a warning, an error under -Werror).
            DefaultConfiguration configuration = new DefaultConfiguration();
            configuration.setDataSource(dataSource);
            configuration.setSQLDialect(SQLDialect.POSTGRES);
            // Adds framework=jOOQ and jOOQ's own advice (fetchGroups, MULTISET) to perf-query's N+1 findings.
            configuration.setExecuteListenerProvider(
                    new DefaultExecuteListenerProvider(PerfkitExecuteListener.create()));
            // Setup runs on the pool itself, like seeding: building an index is not the service's workload.
            Schema.applyTuning(DSL.using(pool, SQLDialect.POSTGRES));
            this.queries = new Queries(DSL.using(configuration));

            client = RedisClient.create(b.redisUri);
            this.redis = client;
            this.redisConnection = client.connect(REDIS_CODEC);
            this.redisPubSub = client.connectPubSub(REDIS_CODEC);
            bookCache = b.bookDetailCache != null ? b.bookDetailCache : TieredBookDetailCache.create(
                    LettuceRemoteStore.using(redisConnection, redisPubSub), b.cacheNamespace, registry);
            this.cache = bookCache;
            if (seedResult != null && !seedResult.reused()) {
                cache.invalidateAll(); // the rows were written anew: details cached before are of other data
            }

            ObjectMapper json = new ObjectMapper();
            BookstoreServlet api = new BookstoreServlet(queries, OrderItemsSource.perOrder(queries),
                    OrderItemsSource.batched(queries), cache, json, b.defaultMode);
            List<Filter> tuned = b.tunedResponseFilters != null ? b.tunedResponseFilters
                    : tunedResponseFilters(registry);
            RequestFilter requests = new RequestFilter(b.defaultMode, tuned,
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
                if (bookCache != null) {
                    bookCache.close();
                }
                if (client != null) {
                    client.shutdown();
                }
                if (advisor != null) {
                    advisor.close();
                }
                if (monitor != null) {
                    monitor.close();
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
     * The pool configuration: perf-pool's {@link TunedHikari} (a fixed-size pool, keepalive and lifetime below
     * the usual idle cut-offs, pgjdbc's {@code tcpKeepAlive}, {@code socketTimeout} and
     * {@code reWriteBatchedInserts}, {@code ApplicationName} = the pool's name, HikariCP's {@code hikaricp.*}
     * meters, and the wait and hold timings the {@link PoolAdvisor} reads), with the service's schema.
     *
     * <p>One deliberate change from TunedHikari's defaults: {@code connectionTimeout} is
     * {@link #CONNECTION_TIMEOUT} instead of 5 s. The naive endpoints, driven by 32 closed-loop clients against
     * {@value #DEFAULT_POOL_SIZE} connections, queue for seconds by design; the load test measures that queue (and
     * the advisor reports it as {@code POOL_SATURATED}) rather than turning it into errors.
     *
     * @param jdbcUrl the PostgreSQL URL
     * @param poolSize the maximum (and minimum idle) pool size
     * @param user the database user, or null when the URL carries it
     * @param password the password, or null
     * @param registry where HikariCP's meters go
     * @return the configuration
     */
    static HikariConfig poolConfig(String jdbcUrl, int poolSize, @Nullable String user, @Nullable String password,
            MeterRegistry registry) {
        TunedHikari.Builder tuned = TunedHikari.builder(jdbcUrl, POOL_NAME)
                .maximumPoolSize(poolSize)
                .connectionTimeout(CONNECTION_TIMEOUT)
                .dataSourceProperty("currentSchema", Schema.NAME)
                .metrics(registry);
        if (user != null) {
            tuned.credentials(user, password);
        }
        return tuned.config();
    }

    /**
     * perf-pool's runtime advisor on the service's pool, advising only (it never resizes the pool: the naive and
     * tuned modes share it, and the comparison needs the same pool for both). It samples every
     * {@link #ADVISOR_SAMPLE_INTERVAL} and judges windows of {@value #ADVISOR_WINDOW_SAMPLES} samples, short enough
     * that one of the load test's 8-second phases holds a whole window; it publishes {@code POOL_SATURATED},
     * {@code POOL_OVERSIZED} and {@code CONNECTION_HELD_TOO_LONG} into the service's finding sink.
     */
    private static PoolAdvisor poolAdvisor(HikariDataSource pool, FindingSink sink) {
        return PoolAdvisor.builder(POOL_NAME, HikariPools.sampler(pool))
                .findings(sink)
                .sampleInterval(ADVISOR_SAMPLE_INTERVAL)
                .windowSamples(ADVISOR_WINDOW_SAMPLES)
                .build();
    }

    /**
     * The filters of tuned responses: perf-compression's {@link CompressionFilter} (gzip at level
     * {@value #GZIP_LEVEL}, for bodies of at least 1 KiB, {@code Vary: Accept-Encoding}, a strong ETag weakened on a
     * compressed body, meters {@code perfkit.compression.*}), and inside it the {@link ETagFilter}, which digests
     * the identity bytes and answers a matching {@code If-None-Match} with 304 before anything is compressed.
     *
     * <p>gzip at level {@value #GZIP_LEVEL}: on JSON it gives most of the default level's saving for a fraction of
     * its CPU, which matters on a small machine that serves the load test's clients itself. Clients that offer
     * only br or zstd get identity bodies (the service does not ship brotli4j or zstd-jni).
     *
     * @param registry where the compression meters go
     * @return the filters, outermost first
     */
    static List<Filter> tunedResponseFilters(MeterRegistry registry) {
        CompressionConfig config = CompressionConfig.builder()
                .encodings(ContentEncoding.gzip(GZIP_LEVEL))
                .minSize(CompressionConfig.DEFAULT_MIN_SIZE)
                .recorder(MicrometerCompressionRecorder.of(registry))
                .build();
        return List.of(CompressionFilter.of(config), ETagFilter.builder().maxBodySize(ETAG_MAX_BODY_SIZE).build());
    }

    /**
     * perf-query's monitor for the service's statements: it times every statement by fingerprint
     * ({@code perfkit.query} meters), reports {@code N_PLUS_ONE} (a SELECT shape run with
     * {@value #N_PLUS_ONE_THRESHOLD} different values in one request) with the service's own source line, and
     * captures the plan of a statement slower than the slow-query threshold off the request thread, on a
     * connection of the same pool ({@code SLOW_QUERY} with the plan, then the analyzer's {@code SEQ_SCAN},
     * {@code MISSING_INDEX} with its {@code CREATE INDEX}, ...).
     */
    private static QueryMonitor queryMonitor(Builder b, FindingSink sink, MeterRegistry registry) {
        QueryMonitor.Builder monitor = QueryMonitor.builder()
                .meterRegistry(registry)
                .findingSink(sink)
                .slowQueryThreshold(b.slowQueryThreshold)
                .nPlusOneThreshold(N_PLUS_ONE_THRESHOLD);
        if (b.planAnalyzer != null) {
            monitor.planAnalyzer(b.planAnalyzer);
        }
        return monitor.build();
    }

    /**
     * Wraps the pool with perf-query's monitor: the service's statements go through the returned data source.
     * Seeding and {@link #dataSource()} use the pool itself, so they are not monitored.
     *
     * @param pool the pool
     * @param monitor the monitor, which publishes into the service's finding sink
     * @return the data source the service's statements use
     */
    static DataSource instrument(DataSource pool, QueryMonitor monitor) {
        return monitor.wrap(pool);
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

    /**
     * Returns the SQL of each statement shape perf-query saw, by fingerprint id: the subject of its findings.
     *
     * @return fingerprint id to normalised SQL
     */
    public Map<String, String> statements() {
        return queryMonitor.fingerprints();
    }

    /** @return the pool, for tools that need a connection to the bookstore schema */
    public DataSource dataSource() {
        return pool;
    }

    /** Stops the server, then closes the cache, Redis, perf-query's monitor, the pool advisor and the pool. */
    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("jetty-stop-failed", "Stopping Jetty failed", e);
        }
        cache.close();
        redisPubSub.close();
        redisConnection.close();
        redis.shutdown();
        queryMonitor.close();
        poolAdvisor.close();
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
        private @Nullable PlanAnalyzer planAnalyzer;
        private String cacheNamespace = DEFAULT_CACHE_NAMESPACE;
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
         * Sets how perf-query reads captured plans; default {@link PlanAnalyzer#defaults()}, which reports a
         * sequential scan only when it discards 10,000 rows or more (smaller data sets need lower thresholds).
         *
         * @param analyzer the analyzer
         * @return this builder
         */
        public Builder planAnalyzer(PlanAnalyzer analyzer) {
            if (analyzer == null) {
                throw new IllegalArgumentException("planAnalyzer must not be null");
            }
            this.planAnalyzer = analyzer;
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
         * Sets the Redis namespace (key prefix and invalidation channel) of the book-detail cache; default
         * {@value #DEFAULT_CACHE_NAMESPACE}. Instances that serve the same database must share it; services on
         * different databases in one Redis must not.
         *
         * @param namespace a non-blank prefix
         * @return this builder
         */
        public Builder cacheNamespace(String namespace) {
            if (namespace == null || namespace.isBlank()) {
                throw new IllegalArgumentException("cacheNamespace must not be blank");
            }
            this.cacheNamespace = namespace;
            return this;
        }

        /**
         * Replaces the book-detail cache (a {@link TieredBookDetailCache} by default); the service closes it on
         * {@link BookstoreService#close()}.
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
         * Replaces the filters applied to tuned requests only; default perf-compression's {@code CompressionFilter}
         * and {@code ETagFilter} (see {@link BookstoreService#tunedResponseFilters(MeterRegistry)}). The service
         * destroys them when it stops.
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
