package io.perfkit.benchmarks.query;

import com.p6spy.engine.spy.P6DataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.perfkit.core.FindingSink;
import io.perfkit.core.WorkScope;
import io.perfkit.query.QueryMonitor;
import io.perfkit.testkit.StubDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;
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
 * What a JDBC wrapper adds per statement, on the stub driver (no network, so only the wrapper's own cost shows):
 * the raw stub, perf-query with metrics and N+1 detection on (inside a {@link WorkScope}) and plan capture armed
 * but not triggered (and without metrics, and without a scope, to show what each part costs), datasource-proxy
 * with its query counter, and p6spy with logging below its level.
 *
 * <p>{@code executeQuery}: a prepared statement executed again with a new value, its one row read, the result
 * set closed: the SQL is already known. {@code executeQuerySampled}: the same in {@link Mode#SampleTime}, each
 * call timed on its own, for the median (p50) the target is stated in; the timing adds the same clock reads to
 * every wrapper, so compare with {@code raw}. {@code prepareExecuteClose}: HikariCP-benchmark's statement cycle.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Dp6spy.config.appender=com.p6spy.engine.spy.appender.Slf4JLogger",
        "-Dorg.slf4j.simpleLogger.log.p6spy=warn", "-Dp6spy.config.autoflush=false"})
public class StatementOverheadBenchmark {
    private static final String SQL = "SELECT id, name FROM customers WHERE id = ?";

    /** Which wrapper: {@code raw} is the stub driver alone. */
    @Param({"raw", "perfkit", "perfkit-no-metrics", "perfkit-no-scope", "datasource-proxy", "p6spy"})
    public String wrapper = "raw";

    private @Nullable QueryMonitor monitor;
    private @Nullable WorkScope scope;
    private DataSource dataSource = new StubDataSource();
    private Connection connection;
    private PreparedStatement statement;
    private int value;

    /**
     * Wraps the stub, opens a connection and prepares the statement.
     *
     * @throws SQLException never, from the stub
     */
    @Setup(Level.Trial)
    public void setUp() throws SQLException {
        StubDataSource stub = new StubDataSource(1, 2);
        switch (wrapper) {
            case "perfkit":
            case "perfkit-no-metrics":
            case "perfkit-no-scope":
                QueryMonitor.Builder builder = QueryMonitor.builder().findingSink(FindingSink.disabled())
                        .slowQueryThreshold(Duration.ofSeconds(10));
                if (!wrapper.equals("perfkit-no-metrics")) {
                    builder.meterRegistry(new SimpleMeterRegistry());
                }
                monitor = builder.build();
                dataSource = monitor.wrap(stub);
                if (!wrapper.equals("perfkit-no-scope")) {
                    scope = WorkScope.open("benchmark");
                }
                break;
            case "datasource-proxy":
                dataSource = ProxyDataSourceBuilder.create(stub).countQuery().build();
                break;
            case "p6spy":
                dataSource = new P6DataSource(stub);
                break;
            default:
                dataSource = stub;
                break;
        }
        connection = dataSource.getConnection();
        statement = connection.prepareStatement(SQL);
    }

    /**
     * Closes what the set-up opened.
     *
     * @throws SQLException never, from the stub
     */
    @TearDown(Level.Trial)
    public void tearDown() throws SQLException {
        statement.close();
        connection.close();
        if (scope != null) {
            scope.close();
        }
        if (monitor != null) {
            monitor.close();
        }
    }

    /**
     * Executes the prepared statement with a new value and reads its row.
     *
     * @return the value read, so the work is not eliminated
     * @throws SQLException never, from the stub
     */
    @Benchmark
    public long executeQuery() throws SQLException {
        statement.setInt(1, value++ & 1023);
        try (ResultSet rs = statement.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * {@link #executeQuery()} timed per call, for percentiles (the p50 target).
     *
     * @return the value read, so the work is not eliminated
     * @throws SQLException never, from the stub
     */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    public long executeQuerySampled() throws SQLException {
        return executeQuery();
    }

    /**
     * Prepares, executes and closes a statement on the open connection.
     *
     * @return the value read
     * @throws SQLException never, from the stub
     */
    @Benchmark
    public long prepareExecuteClose() throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(SQL)) {
            ps.setInt(1, value++ & 1023);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
