package io.perfkit.pool.micrometer;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.perfkit.core.Require;
import io.perfkit.pool.LeakTracker;
import io.perfkit.pool.PoolAdvice;
import io.perfkit.pool.PoolAdvisor;
import io.perfkit.pool.postgres.ActivityMonitor;
import io.perfkit.pool.postgres.ActivitySnapshot;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Binds perf-pool's signals to the user's {@link MeterRegistry}. Only what HikariCP does not measure itself:
 *
 * <ul>
 *   <li>{@code perfkit.pool.leaks{pool}}: connections found held longer than the leak threshold (counter);
 *       {@code perfkit.pool.connections.held.too.long{pool}}: how many are held too long now (gauge)</li>
 *   <li>{@code perfkit.pool.recommended.size{pool}}: the advisor's last recommended maximum pool size (gauge);
 *       {@code perfkit.pool.adjustments{pool,direction=grow|shrink}}: adaptive resizes (counter)</li>
 *   <li>{@code perfkit.pool.pg.sessions{application,state}}: server sessions per {@code application_name} and state,
 *       the 20 largest applications by name, the rest as {@code other} (gauges);
 *       {@code perfkit.pool.pg.connections.headroom}: connections left under {@code max_connections};
 *       {@code perfkit.pool.pg.idle.in.transaction} and {@code perfkit.pool.pg.long.running}: sessions over
 *       threshold</li>
 * </ul>
 *
 * <pre>{@code
 * PoolMetrics.bind(leakTracker, registry);
 * PoolMetrics.bind(advisor, registry);
 * PoolMetrics.bind(activityMonitor, registry);
 * }</pre>
 *
 * <p>Gauges hold the tracked object strongly only through the function that reads it; no SQL, URLs or
 * user ids become tags.
 */
public final class PoolMetrics {
    /** How many application names get their own {@code application} tag value. */
    static final int MAX_APPLICATIONS = 20;

    private PoolMetrics() {}

    /**
     * Registers the leak tracker's meters.
     *
     * @param tracker the tracker
     * @param registry the user's registry
     */
    public static void bind(LeakTracker tracker, MeterRegistry registry) {
        Require.nonNull(tracker, "tracker");
        Require.nonNull(registry, "registry");
        FunctionCounter.builder("perfkit.pool.leaks", tracker, LeakTracker::reportedCount)
                .tag("pool", tracker.poolName())
                .description("Connections found held longer than the leak threshold")
                .register(registry);
        Gauge.builder("perfkit.pool.connections.held.too.long", tracker, LeakTracker::heldTooLongCount)
                .tag("pool", tracker.poolName())
                .description("Connections held longer than the leak threshold at the last sweep")
                .register(registry);
    }

    /**
     * Registers the advisor's meters.
     *
     * @param advisor the advisor
     * @param registry the user's registry
     */
    public static void bind(PoolAdvisor advisor, MeterRegistry registry) {
        Require.nonNull(advisor, "advisor");
        Require.nonNull(registry, "registry");
        Gauge.builder("perfkit.pool.recommended.size", advisor, a -> a.lastAdvice()
                        .map(PoolAdvice::recommendedMaximumPoolSize).map(Integer::doubleValue).orElse(Double.NaN))
                .tag("pool", advisor.poolName())
                .description("The pool advisor's last recommended maximumPoolSize")
                .register(registry);
        FunctionCounter.builder("perfkit.pool.adjustments", advisor, PoolAdvisor::growCount)
                .tags("pool", advisor.poolName(), "direction", "grow").register(registry);
        FunctionCounter.builder("perfkit.pool.adjustments", advisor, PoolAdvisor::shrinkCount)
                .tags("pool", advisor.poolName(), "direction", "shrink").register(registry);
    }

    /**
     * Registers gauges fed by the activity monitor's snapshots.
     *
     * @param monitor the monitor
     * @param registry the user's registry
     */
    public static void bind(ActivityMonitor monitor, MeterRegistry registry) {
        Require.nonNull(monitor, "monitor");
        Require.nonNull(registry, "registry");
        MultiGauge sessions = MultiGauge.builder("perfkit.pool.pg.sessions")
                .description("PostgreSQL client sessions per application_name and state")
                .register(registry);
        Gauge.builder("perfkit.pool.pg.connections.headroom", monitor, m -> m.lastSnapshot()
                .map(s -> (double) s.headroom()).orElse(Double.NaN)).register(registry);
        Gauge.builder("perfkit.pool.pg.idle.in.transaction", monitor, m -> m.lastSnapshot()
                .map(s -> (double) s.idleInTransaction().size()).orElse(Double.NaN)).register(registry);
        Gauge.builder("perfkit.pool.pg.long.running", monitor, m -> m.lastSnapshot()
                .map(s -> (double) s.longRunning().size()).orElse(Double.NaN)).register(registry);
        monitor.addListener(s -> sessions.register(rows(s), true));
    }

    private static List<MultiGauge.Row<?>> rows(ActivitySnapshot s) {
        List<Map.Entry<String, Map<String, Integer>>> apps = new ArrayList<>(s.states().entrySet());
        apps.sort(Comparator.<Map.Entry<String, Map<String, Integer>>>comparingInt(
                e -> -e.getValue().values().stream().mapToInt(Integer::intValue).sum())
                .thenComparing(Map.Entry::getKey));
        Map<String, Integer> other = new java.util.TreeMap<>();
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        for (int i = 0; i < apps.size(); i++) {
            Map.Entry<String, Map<String, Integer>> app = apps.get(i);
            if (i >= MAX_APPLICATIONS) {
                app.getValue().forEach((state, n) -> other.merge(state, n, Integer::sum));
                continue;
            }
            String name = app.getKey().isEmpty() ? "unnamed" : app.getKey();
            app.getValue().forEach((state, n) -> rows.add(MultiGauge.Row.of(
                    Tags.of("application", name, "state", state), n)));
        }
        other.forEach((state, n) -> rows.add(MultiGauge.Row.of(Tags.of("application", "other", "state", state), n)));
        return rows;
    }
}
