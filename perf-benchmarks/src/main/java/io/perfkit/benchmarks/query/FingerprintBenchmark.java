package io.perfkit.benchmarks.query;

import io.perfkit.query.Fingerprint;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Fingerprinting a statement the monitor has not seen: the cost paid once per distinct SQL string (after that
 * the fingerprint comes from the cache). The statement is a realistic 2 KB report query: joins, comments,
 * string and numeric literals, casts, an IN list.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FingerprintBenchmark {
    /** A 2 KB statement. */
    public final String sql2k = build();

    private static String build() {
        StringBuilder sb = new StringBuilder("/* monthly report */ SELECT o.id, o.created_at::date AS day, c.name,"
                + " sum(i.quantity * i.unit_price) AS total, count(DISTINCT i.sku) AS skus\n"
                + "FROM orders o\n  JOIN customers c ON c.id = o.customer_id\n"
                + "  JOIN order_items i ON i.order_id = o.id\n"
                + "WHERE o.created_at >= '2026-01-01'::timestamptz AND o.created_at < '2026-02-01'::timestamptz\n"
                + "  AND c.region = E'north\\'east' AND o.status IN (");
        for (int i = 0; i < 60; i++) {
            sb.append(i == 0 ? "" : ", ").append('\'').append("status-").append(i).append('\'');
        }
        sb.append(")\n  -- only paying customers\n  AND c.tier IN (1, 2, 3, 4, 5, 6, 7, 8, 9, 10)\n");
        while (sb.length() < 1900) {
            sb.append("  AND coalesce(o.discount, 0.0) < 99.5 AND o.note NOT LIKE '%test%'\n");
        }
        sb.append("GROUP BY o.id, day, c.name HAVING sum(i.quantity) > 10 ORDER BY total DESC LIMIT 100");
        return sb.toString();
    }

    /**
     * Computes the fingerprint of the 2 KB statement.
     *
     * @return the fingerprint
     */
    @Benchmark
    public Fingerprint fingerprintNew2kStatement() {
        return Fingerprint.of(sql2k);
    }
}
