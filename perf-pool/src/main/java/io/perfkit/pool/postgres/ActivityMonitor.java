package io.perfkit.pool.postgres;

import io.perfkit.core.Finding;
import io.perfkit.core.FindingKind;
import io.perfkit.core.FindingPublisher;
import io.perfkit.core.FindingSink;
import io.perfkit.core.RateLimitedLogger;
import io.perfkit.core.Require;
import io.perfkit.core.Severity;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

/**
 * Samples {@code pg_stat_activity} at a low rate on a connection of its own and reports what the server sees:
 * sessions idle inside a transaction (they hold locks and keep vacuum from cleaning up), statements running for
 * long, and how close the server is to {@code max_connections}; and keeps per-{@code application_name} counts
 * of session states for gauges ({@code io.perfkit.pool.micrometer.PoolMetrics}).
 *
 * <pre>{@code
 * PGSimpleDataSource direct = new PGSimpleDataSource();    // not the application's pool
 * direct.setUrl(jdbcUrl);
 * try (ActivityMonitor monitor = ActivityMonitor.builder(direct)
 *         .findings(FindingSink.logging())
 *         .build()
 *         .start()) {
 *     ...
 * }
 * }</pre>
 *
 * <p>One query per sample (default every 30 s), with a 1 s {@code statement_timeout}, on a single connection
 * the monitor opens from the given data source, keeps, and re-opens after a failure; so it never takes the
 * application pool's last connection. Statement text is left out unless {@link Builder#includeQueryText(boolean)}
 * allows it, because it can contain literal values. Seeing other roles' sessions in full needs the
 * {@code pg_read_all_stats} role. Thread-safe; {@link #close()} closes the monitor's connection.
 */
public final class ActivityMonitor implements AutoCloseable {
    /** The default time between samples: 30 seconds. */
    public static final Duration DEFAULT_SAMPLE_INTERVAL = Duration.ofSeconds(30);
    /** Sessions idle in a transaction for this long are reported by default: 10 seconds. */
    public static final Duration DEFAULT_IDLE_IN_TRANSACTION_THRESHOLD = Duration.ofSeconds(10);
    /** Statements running this long are reported by default: 30 seconds. */
    public static final Duration DEFAULT_LONG_RUNNING_THRESHOLD = Duration.ofSeconds(30);
    /** The default fraction of usable connections in use that is reported: 0.8. */
    public static final double DEFAULT_HEADROOM_THRESHOLD = 0.8;
    /** The application name the monitor's own session carries. */
    public static final String APPLICATION_NAME = "perfkit-activity-monitor";

    private static final String SQL = "SELECT pid, coalesce(application_name, ''), coalesce(state, ''), "
            + "coalesce(extract(epoch FROM clock_timestamp() - state_change), 0), "
            + "coalesce(extract(epoch FROM clock_timestamp() - xact_start), 0), "
            + "coalesce(extract(epoch FROM clock_timestamp() - query_start), 0), "
            + "wait_event_type, datname = current_database(), %s "
            + "FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()";

    private final DataSource source;
    private final Duration sampleInterval;
    private final Duration iitThreshold;
    private final Duration longThreshold;
    private final double headroomThreshold;
    private final boolean includeQueryText;
    private final boolean allDatabases;
    private final String sql;
    private final FindingPublisher findings;
    private final RateLimitedLogger log = RateLimitedLogger.of(LoggerFactory.getLogger(ActivityMonitor.class));
    private final List<Consumer<ActivitySnapshot>> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong failures = new AtomicLong();
    private @Nullable Connection connection;
    private @Nullable PostgresServerSettings settings;
    private volatile @Nullable ActivitySnapshot last;
    private @Nullable ScheduledExecutorService ownedExecutor;
    private @Nullable ScheduledFuture<?> task;

    private ActivityMonitor(Builder b) {
        this.source = b.source;
        this.sampleInterval = b.sampleInterval;
        this.iitThreshold = b.iitThreshold;
        this.longThreshold = b.longThreshold;
        this.headroomThreshold = b.headroomThreshold;
        this.includeQueryText = b.includeQueryText;
        this.allDatabases = b.allDatabases;
        this.sql = String.format(SQL, b.includeQueryText ? "left(query, 1000)" : "NULL::text");
        this.findings = FindingPublisher.of(b.sink);
    }

    /**
     * Starts a monitor.
     *
     * @param connectionSource where the monitor opens its one connection; best a plain (non-pooled) data source
     *     for the same server; not closed by the monitor
     * @return a builder
     */
    public static Builder builder(DataSource connectionSource) {
        return new Builder(connectionSource);
    }

    /**
     * Starts sampling on a daemon thread the monitor creates and shuts down on {@link #close()}.
     *
     * @return this monitor
     * @throws IllegalStateException if already started
     */
    public synchronized ActivityMonitor start() {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "perfkit-activity-monitor");
            t.setDaemon(true);
            return t;
        });
        start(executor);
        ownedExecutor = executor;
        return this;
    }

    /**
     * Starts sampling on the given executor.
     *
     * @param executor runs the samples; not shut down by the monitor, the caller owns it
     * @return this monitor
     * @throws IllegalStateException if already started
     */
    public synchronized ActivityMonitor start(ScheduledExecutorService executor) {
        Require.nonNull(executor, "executor");
        Require.state(task == null, "ActivityMonitor is already started");
        long nanos = sampleInterval.toNanos();
        task = executor.scheduleWithFixedDelay(this::sample, 0, nanos, TimeUnit.NANOSECONDS);
        return this;
    }

    /**
     * Samples {@code pg_stat_activity} now, publishes findings and notifies listeners. Never throws: a failure is
     * counted, logged (rate-limited) and the connection re-opened at the next sample.
     *
     * @return the snapshot, or empty when the sample failed
     */
    public synchronized Optional<ActivitySnapshot> sample() {
        try {
            ActivitySnapshot s = query(connection());
            last = s;
            publish(s);
            for (Consumer<ActivitySnapshot> l : listeners) {
                try {
                    l.accept(s);
                } catch (RuntimeException e) {
                    log.warn("listener-failed", "ActivityMonitor listener " + l + " failed", e);
                }
            }
            return Optional.of(s);
        } catch (SQLException | RuntimeException e) {
            failures.incrementAndGet();
            log.warn("sample-failed", "Sampling pg_stat_activity failed", e);
            closeConnection();
            return Optional.empty();
        }
    }

    private Connection connection() throws SQLException {
        Connection c = connection;
        if (c != null && !c.isClosed()) {
            return c;
        }
        c = source.getConnection();
        try (Statement st = c.createStatement()) {
            c.setAutoCommit(true);
            st.execute("SET application_name = '" + APPLICATION_NAME + "'");
            st.execute("SET statement_timeout = 1000");
            settings = PostgresServerSettings.read(c);
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        connection = c;
        return c;
    }

    private ActivitySnapshot query(Connection c) throws SQLException {
        PostgresServerSettings s = Require.nonNull(settings, "settings");
        Map<String, Map<String, Integer>> states = new HashMap<>();
        List<SessionActivity> iit = new ArrayList<>();
        List<SessionActivity> slow = new ArrayList<>();
        int clients = 0;
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                clients++;
                if (!allDatabases && !rs.getBoolean(8)) {
                    continue;
                }
                SessionActivity a = new SessionActivity(rs.getInt(1), rs.getString(2), rs.getString(3),
                        seconds(rs.getDouble(4)), seconds(rs.getDouble(5)), seconds(rs.getDouble(6)),
                        rs.getString(7), rs.getString(9));
                states.computeIfAbsent(a.applicationName(), k -> new TreeMap<>()).merge(a.state(), 1, Integer::sum);
                if (a.state().startsWith("idle in transaction") && a.inState().compareTo(iitThreshold) >= 0) {
                    iit.add(a);
                } else if ("active".equals(a.state()) && a.queryAge().compareTo(longThreshold) >= 0) {
                    slow.add(a);
                }
            }
        }
        return new ActivitySnapshot(Instant.now(), s.maxConnections(), s.reservedConnections(), clients, states,
                iit, slow);
    }

    private static Duration seconds(double s) {
        return Duration.ofNanos((long) (Math.max(0, s) * 1e9));
    }

    private void publish(ActivitySnapshot s) {
        for (SessionActivity a : s.idleInTransaction()) {
            findings.publish(session(Finding.builder(FindingKind.IDLE_IN_TRANSACTION, "Session " + a.pid() + " of '"
                            + a.applicationName() + "' has been " + a.state() + " for " + a.inState().toSeconds()
                            + " s"), a)
                    .evidence("transactionAge", a.transactionAge())
                    .suggestion("Commit or roll back promptly and keep remote calls out of transactions; set "
                            + "idle_in_transaction_session_timeout as a guard; LeakTracker names the code holding "
                            + "the connection.")
                    .build());
        }
        for (SessionActivity a : s.longRunning()) {
            findings.publish(session(Finding.builder(FindingKind.LONG_RUNNING_QUERY, "A statement of session "
                            + a.pid() + " of '" + a.applicationName() + "' has been running for "
                            + a.queryAge().toSeconds() + " s"), a)
                    .suggestion("Look at its plan (perf-query captures slow plans), and set statement_timeout for "
                            + "this role or application.")
                    .build());
        }
        int usable = s.maxConnections() - s.reservedConnections();
        double used = (double) s.clientConnections() / usable;
        if (used >= headroomThreshold) {
            findings.publish(Finding.builder(FindingKind.CONNECTION_HEADROOM, "The server has " + s.headroom()
                            + " of " + usable + " usable connections left")
                    .severity(used >= 0.95 ? Severity.CRITICAL : Severity.WARNING)
                    .subject("max_connections")
                    .evidence("clientConnections", s.clientConnections())
                    .evidence("maxConnections", s.maxConnections())
                    .evidence("reservedConnections", s.reservedConnections())
                    .suggestion("Shrink pools (PoolSizing, PoolAdvisor's POOL_OVERSIZED), put PgBouncer in front, or "
                            + "raise max_connections with the memory it needs.")
                    .build());
        }
    }

    private static Finding.Builder session(Finding.Builder b, SessionActivity a) {
        b.subject(a.applicationName() + "#" + a.pid())
                .evidence("pid", a.pid())
                .evidence("applicationName", a.applicationName())
                .evidence("state", a.state())
                .evidence("inState", a.inState())
                .evidence("queryAge", a.queryAge());
        if (a.waitEventType() != null) {
            b.evidence("waitEventType", a.waitEventType());
        }
        a.queryText().filter(q -> !q.isBlank()).ifPresent(b::detail);
        return b;
    }

    /**
     * Adds a callback for every snapshot, called on the sampling thread; it must be quick.
     *
     * @param listener the callback
     */
    public void addListener(Consumer<ActivitySnapshot> listener) {
        listeners.add(Require.nonNull(listener, "listener"));
    }

    /** @return the last successful snapshot, if any */
    public Optional<ActivitySnapshot> lastSnapshot() {
        return Optional.ofNullable(last);
    }

    /** @return how many samples failed */
    public long failureCount() {
        return failures.get();
    }

    /** @return whether statement text is included in sessions and findings */
    public boolean includesQueryText() {
        return includeQueryText;
    }

    private void closeConnection() {
        Connection c = connection;
        connection = null;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                log.warn("close-failed", "Closing the activity monitor's connection failed", e);
            }
        }
    }

    /** Stops sampling, closes the monitor's connection, and shuts down the executor if the monitor created it. */
    @Override
    public synchronized void close() {
        if (task != null) {
            task.cancel(false);
        }
        if (ownedExecutor != null) {
            ownedExecutor.shutdownNow();
        }
        closeConnection();
    }

    /** Builds an {@link ActivityMonitor}. */
    public static final class Builder {
        private final DataSource source;
        private Duration sampleInterval = DEFAULT_SAMPLE_INTERVAL;
        private Duration iitThreshold = DEFAULT_IDLE_IN_TRANSACTION_THRESHOLD;
        private Duration longThreshold = DEFAULT_LONG_RUNNING_THRESHOLD;
        private double headroomThreshold = DEFAULT_HEADROOM_THRESHOLD;
        private boolean includeQueryText;
        private boolean allDatabases;
        private FindingSink sink = FindingSink.logging();

        private Builder(DataSource source) {
            this.source = Require.nonNull(source, "connectionSource");
        }

        /**
         * Sets the time between samples. Default 30 s.
         *
         * @param interval at least 100 ms
         * @return this builder
         * @throws IllegalArgumentException if shorter
         */
        public Builder sampleInterval(Duration interval) {
            Require.argument(Require.nonNull(interval, "sampleInterval").toMillis() >= 100,
                    "sampleInterval must be >= 100ms, but was %s", interval);
            this.sampleInterval = interval;
            return this;
        }

        /**
         * Sets how long a session may sit idle in a transaction before it is reported. Default 10 s.
         *
         * @param threshold positive
         * @return this builder
         */
        public Builder idleInTransactionThreshold(Duration threshold) {
            this.iitThreshold = Require.positive(threshold, "idleInTransactionThreshold");
            return this;
        }

        /**
         * Sets how long a statement may run before it is reported. Default 30 s.
         *
         * @param threshold positive
         * @return this builder
         */
        public Builder longRunningThreshold(Duration threshold) {
            this.longThreshold = Require.positive(threshold, "longRunningThreshold");
            return this;
        }

        /**
         * Sets the fraction of usable connections in use at which headroom is reported (critical at 95 %).
         * Default 0.8.
         *
         * @param fraction above 0, at most 1
         * @return this builder
         */
        public Builder headroomThreshold(double fraction) {
            Require.argument(fraction > 0 && fraction <= 1, "headroomThreshold must be in (0, 1], but was %s",
                    fraction);
            this.headroomThreshold = fraction;
            return this;
        }

        /**
         * Allows statement text (first 1000 characters) in sessions and findings. Default false: it can contain
         * literal values.
         *
         * @param include whether to include it
         * @return this builder
         */
        public Builder includeQueryText(boolean include) {
            this.includeQueryText = include;
            return this;
        }

        /**
         * Reports sessions of every database, not only the one the monitor connects to. Default false. Headroom
         * always counts every client session of the server.
         *
         * @param all whether to include other databases
         * @return this builder
         */
        public Builder allDatabases(boolean all) {
            this.allDatabases = all;
            return this;
        }

        /**
         * Sets where findings go. Default {@link FindingSink#logging()}.
         *
         * @param sink the sink
         * @return this builder
         */
        public Builder findings(FindingSink sink) {
            this.sink = Require.nonNull(sink, "findings");
            return this;
        }

        /** @return the monitor; it samples once started, or when {@link ActivityMonitor#sample()} is called */
        public ActivityMonitor build() {
            return new ActivityMonitor(this);
        }
    }
}
