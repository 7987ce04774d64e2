package io.perfkit.pool.hikari;

import com.zaxxer.hikari.HikariConfig;
import io.perfkit.core.Finding;
import io.perfkit.core.FindingKind;
import io.perfkit.core.FindingPublisher;
import io.perfkit.core.Require;
import io.perfkit.core.Severity;
import io.perfkit.pool.ConnectionCutoffs;
import io.perfkit.pool.DatabaseLimits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * Reviews an existing {@link HikariConfig} (or a running {@code HikariDataSource}, which is one) and reports the
 * settings known to cause trouble in production as {@link FindingKind#POOL_MISCONFIGURED} findings, each naming
 * the setting, its value and the fix. It only reads the configuration: nothing is changed.
 *
 * <pre>{@code
 * List<Finding> problems = HikariConfigReview.builder()
 *     .cutoffs(settings.cutoffs(Duration.ofSeconds(350)))   // server idle_session_timeout + network cut-off
 *     .limits(settings.limits(), 3)                         // max_connections, 3 instances
 *     .build()
 *     .review(config);
 * }</pre>
 *
 * <p>Thread-safe; reviewing a configuration that another thread is changing gives an undefined mix.
 */
public final class HikariConfigReview {
    private final ConnectionCutoffs cutoffs;
    private final @Nullable DatabaseLimits limits;
    private final int instances;

    private HikariConfigReview(Builder b) {
        this.cutoffs = b.cutoffs;
        this.limits = b.limits;
        this.instances = b.instances;
    }

    /** @return a builder; with nothing set, only the configuration itself is judged */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reviews the configuration.
     *
     * @param config the configuration; not modified
     * @return the findings, most severe first; empty when nothing looks risky
     */
    public List<Finding> review(HikariConfig config) {
        Require.nonNull(config, "config");
        String pool = config.getPoolName() == null ? "unnamed" : config.getPoolName();
        List<Finding> out = new ArrayList<>();
        checkLifetime(config, pool, out);
        checkKeepalive(config, pool, out);
        checkTimeouts(config, pool, out);
        checkSize(config, pool, out);
        checkDriverProperties(config, pool, out);
        out.sort((a, b) -> b.severity().compareTo(a.severity()));
        return out;
    }

    /**
     * Reviews the configuration and publishes each finding.
     *
     * @param config the configuration; not modified
     * @param publisher where the findings go
     * @return the findings
     */
    public List<Finding> review(HikariConfig config, FindingPublisher publisher) {
        List<Finding> findings = review(config);
        findings.forEach(Require.nonNull(publisher, "publisher")::publish);
        return findings;
    }

    private void checkLifetime(HikariConfig c, String pool, List<Finding> out) {
        Duration lifetime = Duration.ofMillis(c.getMaxLifetime());
        Optional<Duration> cutoff = cutoffs.shortest();
        if (c.getMaxLifetime() == 0) {
            out.add(finding(pool, "maxLifetime", "0 (never retire)", Severity.WARNING,
                    "Connections are never retired: a connection cut by a failover, a proxy or a DNS change is only "
                            + "found when a caller gets it.",
                    "Set maxLifetime to 30 minutes, or a few seconds below the shortest infrastructure limit."));
        } else if (cutoff.isPresent() && lifetime.compareTo(cutoff.get()) >= 0) {
            boolean keptAlive = c.getKeepaliveTime() > 0 && c.getKeepaliveTime() < cutoff.get().toMillis();
            out.add(finding(pool, "maxLifetime", lifetime.toString(), keptAlive ? Severity.INFO : Severity.WARNING,
                    "maxLifetime " + lifetime + " is not below " + cutoffs.describeShortest() + " (" + cutoff.get()
                            + "): idle connections are cut before the pool retires them, and the next caller gets a "
                            + "dead one (\"Failed to validate connection ... consider using a shorter maxLifetime\")"
                            + (keptAlive ? "; keepaliveTime keeps idle ones alive, so only the lifetime limit bites."
                            : "."),
                    "Set maxLifetime below " + cutoff.get() + ", e.g. " + below(cutoff.get())
                            + ", and keepaliveTime below it too."));
        }
    }

    private void checkKeepalive(HikariConfig c, String pool, List<Finding> out) {
        Optional<Duration> cutoff = cutoffs.shortest();
        long keepalive = c.getKeepaliveTime();
        if (keepalive > 0 && c.getMaxLifetime() > 0 && keepalive >= c.getMaxLifetime()) {
            out.add(finding(pool, "keepaliveTime", Duration.ofMillis(keepalive).toString(), Severity.WARNING,
                    "keepaliveTime is not below maxLifetime, so HikariCP disables it.",
                    "Set keepaliveTime well below maxLifetime, e.g. 2 minutes."));
        } else if (cutoff.isPresent() && (keepalive == 0 || keepalive >= cutoff.get().toMillis())
                && c.getMaxLifetime() >= cutoff.get().toMillis()) {
            out.add(finding(pool, "keepaliveTime", keepalive == 0 ? "0 (off)" : Duration.ofMillis(keepalive).toString(),
                    Severity.WARNING, "Idle connections are not pinged before " + cutoffs.describeShortest() + " ("
                            + cutoff.get() + ") cuts them.",
                    "Set keepaliveTime to " + halfOf(cutoff.get()) + " (at least 30s)."));
        }
    }

    private void checkTimeouts(HikariConfig c, String pool, List<Finding> out) {
        if (c.getConnectionTimeout() >= 30_000) {
            out.add(finding(pool, "connectionTimeout", Duration.ofMillis(c.getConnectionTimeout()).toString(),
                    Severity.INFO, "Callers wait up to " + Duration.ofMillis(c.getConnectionTimeout())
                            + " for a connection: when the pool is saturated, threads pile up and upstream timeouts "
                            + "fire before the pool's own error names the problem.",
                    "Set connectionTimeout to a few seconds (perfkit's tuned default is 5s)."));
        }
        if (c.getValidationTimeout() >= c.getConnectionTimeout()) {
            out.add(finding(pool, "validationTimeout", Duration.ofMillis(c.getValidationTimeout()).toString(),
                    Severity.WARNING, "validationTimeout is not below connectionTimeout: one slow validation uses "
                            + "up a caller's whole wait.", "Set validationTimeout below connectionTimeout."));
        }
        if (c.getLeakDetectionThreshold() > 0) {
            out.add(finding(pool, "leakDetectionThreshold",
                    Duration.ofMillis(c.getLeakDetectionThreshold()).toString(), Severity.INFO,
                    "HikariCP's leak detection captures a stack trace and schedules a task on every borrow (several "
                            + "times the cost of the borrow itself).",
                    "Use io.perfkit.pool.LeakTracker, which samples call sites and sweeps, and set "
                            + "leakDetectionThreshold=0."));
        }
    }

    private void checkSize(HikariConfig c, String pool, List<Finding> out) {
        if (c.getMinimumIdle() >= 0 && c.getMinimumIdle() < c.getMaximumPoolSize() && c.getIdleTimeout() == 0) {
            out.add(finding(pool, "idleTimeout", "0", Severity.INFO,
                    "minimumIdle is below maximumPoolSize but idleTimeout is 0, so the pool never shrinks back.",
                    "Set idleTimeout (HikariCP default 10 minutes), or minimumIdle = maximumPoolSize."));
        }
        if (limits != null && (long) c.getMaximumPoolSize() * instances > limits.usableConnections()) {
            out.add(finding(pool, "maximumPoolSize", Integer.toString(c.getMaximumPoolSize()), Severity.CRITICAL,
                    instances + " instances × maximumPoolSize " + c.getMaximumPoolSize() + " = "
                            + (long) c.getMaximumPoolSize() * instances + " connections, more than the server's "
                            + limits.usableConnections() + " usable ones (max_connections " + limits.maxConnections()
                            + " minus " + limits.reservedConnections() + " reserved): new connections will fail "
                            + "under load.",
                    "Set maximumPoolSize to at most " + Math.max(1, limits.usableConnections() / instances)
                            + " (see PoolSizing), or put PgBouncer in front."));
        }
    }

    private void checkDriverProperties(HikariConfig c, String pool, List<Finding> out) {
        if (c.getJdbcUrl() == null || !c.getJdbcUrl().startsWith("jdbc:postgresql:")) {
            return;
        }
        if (property(c, "tcpKeepAlive") == null || "false".equalsIgnoreCase(property(c, "tcpKeepAlive"))) {
            out.add(finding(pool, "tcpKeepAlive", String.valueOf(property(c, "tcpKeepAlive")), Severity.INFO,
                    "TCP keepalive is off: a connection whose peer vanished (failover, dropped NAT entry) is only "
                            + "noticed by the next statement, and HikariCP warns the pool may not recover.",
                    "Add the data source property tcpKeepAlive=true."));
        }
        if (property(c, "ApplicationName") == null) {
            out.add(finding(pool, "ApplicationName", "null", Severity.INFO,
                    "Sessions carry no application_name: pg_stat_activity cannot tell this pool's sessions apart.",
                    "Add the data source property ApplicationName=" + pool + "."));
        }
        if (property(c, "reWriteBatchedInserts") == null) {
            out.add(finding(pool, "reWriteBatchedInserts", "null", Severity.INFO,
                    "Batched INSERTs are sent one row per statement.",
                    "Add the data source property reWriteBatchedInserts=true (one multi-row INSERT per batch)."));
        }
        String socketTimeout = property(c, "socketTimeout");
        if (socketTimeout == null || "0".equals(socketTimeout.trim())) {
            out.add(finding(pool, "socketTimeout", socketTimeout == null ? "null" : socketTimeout, Severity.INFO,
                    "No socketTimeout: a thread reading from a server that died without closing the socket blocks "
                            + "until the operating system gives up (hours with default TCP settings).",
                    "Add the data source property socketTimeout (seconds) above your statement_timeout, e.g. 300."));
        }
    }

    /** Reads a pgjdbc property from the data source properties or, failing that, the URL's query string. */
    private static @Nullable String property(HikariConfig c, String name) {
        Properties p = c.getDataSourceProperties();
        for (String key : p.stringPropertyNames()) {
            if (key.equalsIgnoreCase(name)) {
                return p.getProperty(key);
            }
        }
        String url = c.getJdbcUrl();
        int q = url == null ? -1 : url.indexOf('?');
        if (q < 0) {
            return null;
        }
        for (String pair : url.substring(q + 1).split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (key.equalsIgnoreCase(name)) {
                return eq < 0 ? "" : pair.substring(eq + 1);
            }
        }
        return null;
    }

    private static Finding finding(String pool, String setting, String value, Severity severity, String message,
                                   String suggestion) {
        return Finding.builder(FindingKind.POOL_MISCONFIGURED, "Pool '" + pool + "': " + setting + " — " + message)
                .severity(severity)
                .subject(pool)
                .evidence("setting", setting)
                .evidence("value", value)
                .suggestion(suggestion)
                .build();
    }

    private static String below(Duration cutoff) {
        long seconds = Math.max(30, cutoff.toSeconds() - Math.max(30, cutoff.toSeconds() / 10));
        return seconds + "s";
    }

    private static String halfOf(Duration cutoff) {
        return String.format(Locale.ROOT, "%ds", Math.max(30, cutoff.toSeconds() / 2));
    }

    /** Builds a {@link HikariConfigReview}. */
    public static final class Builder {
        private ConnectionCutoffs cutoffs = ConnectionCutoffs.none();
        private @Nullable DatabaseLimits limits;
        private int instances = 1;

        private Builder() {}

        /**
         * Sets the idle cut-offs to check {@code maxLifetime} and {@code keepaliveTime} against.
         *
         * @param cutoffs the cut-offs, such as {@code PostgresServerSettings.read(c).cutoffs(networkIdle)}
         * @return this builder
         */
        public Builder cutoffs(ConnectionCutoffs cutoffs) {
            this.cutoffs = Require.nonNull(cutoffs, "cutoffs");
            return this;
        }

        /**
         * Sets the server's connection limits and how many instances run this pool.
         *
         * @param limits the limits
         * @param instances at least 1
         * @return this builder
         */
        public Builder limits(DatabaseLimits limits, int instances) {
            this.limits = Require.nonNull(limits, "limits");
            this.instances = (int) Require.atLeast(instances, 1, "instances");
            return this;
        }

        /** @return the review */
        public HikariConfigReview build() {
            return new HikariConfigReview(this);
        }
    }
}
