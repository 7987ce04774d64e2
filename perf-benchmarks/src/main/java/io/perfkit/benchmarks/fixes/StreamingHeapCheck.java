package io.perfkit.benchmarks.fixes;

import io.perfkit.query.stream.RowStreamer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;

/**
 * Heap held while reading 1,000,000 rows of about 120 bytes each: {@link RowStreamer} (fetch size 1,000, in a
 * transaction) against plain pgjdbc with its defaults (the whole result read at {@code executeQuery}). Not a JMH
 * benchmark: it measures the live heap after a full GC taken every 100,000 rows while the result is open, and
 * prints the largest growth over the baseline.
 *
 * <pre>
 * java -Xmx1g -cp perf-benchmarks/target/benchmarks.jar io.perfkit.benchmarks.fixes.StreamingHeapCheck
 * </pre>
 */
public final class StreamingHeapCheck {
    static final int ROWS = 1_000_000;
    static final String SQL = "SELECT g AS id, repeat('x', 100) || g AS payload FROM generate_series(1, "
            + ROWS + ") g";

    private StreamingHeapCheck() {}

    /**
     * Runs both readers and prints the figures.
     *
     * @param args ignored
     * @throws SQLException on database failure
     */
    public static void main(String[] args) throws SQLException {
        try (BenchDatabase db = BenchDatabase.create("")) {
            long raw = rawDefault(db);
            long streamed = streamed(db);
            System.out.printf("rows: %,d%n", ROWS);
            System.out.printf("plain pgjdbc (defaults): max live heap growth %,d KiB%n", raw / 1024);
            System.out.printf("RowStreamer (fetchSize 1000): max live heap growth %,d KiB%n", streamed / 1024);
        }
    }

    private static long liveHeap() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    private static long rawDefault(BenchDatabase db) throws SQLException {
        long base = liveHeap();
        long max = 0;
        long sum = 0;
        try (Connection c = db.pool().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(SQL)) {
            long n = 0;
            while (rs.next()) {
                sum += rs.getString(2).length();
                if (++n % 100_000 == 0) {
                    max = Math.max(max, liveHeap() - base);
                }
            }
        }
        check(sum);
        return max;
    }

    private static long streamed(BenchDatabase db) throws SQLException {
        long base = liveHeap();
        long[] max = {0};
        long[] n = {0};
        RowStreamer streamer = RowStreamer.builder().fetchSize(1_000).build();
        long sum;
        try (Stream<String> rows = streamer.stream(db.pool(), SQL, List.of(), rs -> rs.getString(2))) {
            sum = rows.mapToLong(payload -> {
                if (++n[0] % 100_000 == 0) {
                    max[0] = Math.max(max[0], liveHeap() - base);
                }
                return payload.length();
            }).sum();
        }
        check(sum);
        return max[0];
    }

    private static void check(long sum) {
        if (sum < 100L * ROWS) {
            throw new IllegalStateException("not every row was read: " + sum);
        }
    }
}
