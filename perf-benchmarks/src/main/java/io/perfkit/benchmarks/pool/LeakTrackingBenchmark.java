package io.perfkit.benchmarks.pool;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.perfkit.core.FindingSink;
import io.perfkit.pool.LeakTracker;
import io.perfkit.pool.hikari.TimingMetricsTrackerFactory;
import io.perfkit.testkit.StubDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What leak tracking costs a {@code getConnection()} + {@code close()} cycle on HikariCP (the HikariCP-benchmark
 * "connection cycle", on perf-testkit's stub driver so only the pool is measured), all variants in one run:
 *
 * <ul>
 *   <li>{@code raw}: HikariCP, nothing else (the baseline)</li>
 *   <li>{@code hikariLeakDetection}: HikariCP's own {@code leakDetectionThreshold} (60 s)</li>
 *   <li>{@code perfkitLeakTracker}: perf-pool's {@link LeakTracker} with its defaults (call sites of at most
 *       20 borrows a second), sweeping every second</li>
 *   <li>{@code perfkitLeakTrackerNoCallSites}: the tracker with call-site capture off
 *       ({@code callSitesPerSecond(0)}: call sites only after a report that lacked one)</li>
 *   <li>{@code perfkitLeakTrackerEveryBorrow}: the tracker capturing every borrow's call site
 *       ({@code callSitesPerSecond(EVERY_BORROW)}), what HikariCP's detection does with a lighter stack walk</li>
 *   <li>{@code perfkitTracking}: the tracker plus the {@link TimingMetricsTrackerFactory} the advisor reads</li>
 *   <li>{@code hikariMicrometer}: HikariCP's own Micrometer tracker (what a service with metrics already pays)</li>
 *   <li>{@code perfkitOnMicrometer}: HikariCP's Micrometer tracker, wrapped by the timing factory, plus the
 *       tracker: the full perf-pool set-up</li>
 * </ul>
 *
 * <p>Run with {@code -t 1} (uncontended) and {@code -t 2}; the pool has 8 connections.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LeakTrackingBenchmark {
    @Param({"raw", "hikariLeakDetection", "perfkitLeakTracker", "perfkitLeakTrackerNoCallSites",
            "perfkitLeakTrackerEveryBorrow", "perfkitTracking", "hikariMicrometer", "perfkitOnMicrometer"})
    public String variant = "raw";

    private @Nullable HikariDataSource pool;
    private @Nullable LeakTracker tracker;
    private @Nullable DataSource dataSource;

    /** Builds the pool for the variant. */
    @Setup(Level.Trial)
    public void setUp() {
        HikariConfig c = new HikariConfig();
        c.setDataSource(new StubDataSource());
        c.setPoolName("bench");
        c.setMaximumPoolSize(8);
        c.setMinimumIdle(8);
        c.setAutoCommit(true);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        switch (variant) {
            case "hikariLeakDetection":
                c.setLeakDetectionThreshold(60_000);
                break;
            case "perfkitTracking":
                c.setMetricsTrackerFactory(TimingMetricsTrackerFactory.standalone());
                break;
            case "hikariMicrometer":
                c.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
                break;
            case "perfkitOnMicrometer":
                c.setMetricsTrackerFactory(
                        TimingMetricsTrackerFactory.wrapping(new MicrometerMetricsTrackerFactory(registry)));
                break;
            default:
                break;
        }
        HikariDataSource p = new HikariDataSource(c);
        pool = p;
        if (variant.startsWith("perfkit")) {
            LeakTracker t = LeakTracker.builder("bench").threshold(Duration.ofSeconds(60))
                    .callSitesPerSecond(variant.endsWith("NoCallSites") ? 0
                            : variant.endsWith("EveryBorrow") ? LeakTracker.EVERY_BORROW
                            : LeakTracker.DEFAULT_CALL_SITES_PER_SECOND)
                    .findings(FindingSink.disabled()).build().start();
            tracker = t;
            dataSource = t.wrap(p);
        } else {
            dataSource = p;
        }
    }

    /** Closes the pool and the tracker. */
    @TearDown(Level.Trial)
    public void tearDown() {
        if (tracker != null) {
            tracker.close();
        }
        if (pool != null) {
            pool.close();
        }
    }

    /**
     * One borrow and return.
     *
     * @return the connection, so the borrow is not optimised away
     * @throws SQLException never, from the stub driver
     */
    @Benchmark
    public Connection cycleConnection() throws SQLException {
        Connection c = dataSource.getConnection();
        c.close();
        return c;
    }
}
