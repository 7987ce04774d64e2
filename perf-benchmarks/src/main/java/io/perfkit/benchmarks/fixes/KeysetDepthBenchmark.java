package io.perfkit.benchmarks.fixes;

import io.perfkit.query.keyset.CursorCodec;
import io.perfkit.query.keyset.KeysetPager;
import io.perfkit.query.keyset.Page;
import io.perfkit.query.keyset.PageRequest;
import io.perfkit.query.keyset.SortColumn;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
 * Page time at depth on a 1,000,000-row table sorted newest first with ties ({@code created_at DESC, id DESC},
 * ten rows per timestamp), 20 rows per page: {@link KeysetPager} from a cursor against the raw
 * {@code LIMIT 20 OFFSET n} query, at pages 1, 2 and 10,000, in the same run. Page 1 has no seek (no WHERE);
 * pages 2 and 10,000 run the same seek statement, so they show how the seek scales with depth.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class KeysetDepthBenchmark {
    static final int ROWS = 1_000_000;
    static final int PAGE_SIZE = 20;
    static final String OFFSET_SQL = "SELECT id, created_at, title FROM item ORDER BY created_at DESC, id DESC "
            + "LIMIT ? OFFSET ?";

    /** The page number, 1-based. */
    @Param({"1", "2", "10000"})
    public int page;

    private BenchDatabase db;
    private Connection connection;
    private KeysetPager pager;
    private PageRequest keysetRequest;

    /**
     * Creates and fills the table, and walks the pager to the page's cursor.
     *
     * @throws SQLException on database failure
     */
    @Setup(Level.Trial)
    public void setUp() throws SQLException {
        db = BenchDatabase.create("");
        db.execute("CREATE TABLE item (id bigint PRIMARY KEY, created_at timestamptz NOT NULL, title text NOT NULL)",
                "INSERT INTO item SELECT g, timestamptz '2026-01-01' + (g / 10) * interval '1 second', 'title ' || g "
                        + "FROM generate_series(1, " + ROWS + ") g",
                "CREATE INDEX item_created_id ON item (created_at DESC, id DESC)",
                "VACUUM ANALYZE item");
        connection = db.pool().getConnection();
        pager = KeysetPager.builder("item", CursorCodec.hmacSha256(
                        "benchmark-secret-benchmark-secret".getBytes(StandardCharsets.US_ASCII)))
                .select("id", "created_at", "title")
                .sortable("created_at")
                .uniqueKey("id")
                .defaultSort(SortColumn.desc("created_at"))
                .build();
        keysetRequest = PageRequest.first(PAGE_SIZE);
        for (int p = 1; p < page; p++) {
            Page<Long> previous = pager.fetch(connection, keysetRequest, rs -> rs.getLong(1));
            keysetRequest = PageRequest.after(previous.nextCursor().orElseThrow(), PAGE_SIZE);
        }
        // Both queries must return the same page, or the comparison means nothing.
        if (!keyset().equals(offset())) {
            throw new IllegalStateException("keyset and OFFSET pages differ at page " + page);
        }
    }

    /**
     * Drops the database.
     *
     * @throws SQLException on database failure
     */
    @TearDown(Level.Trial)
    public void tearDown() throws SQLException {
        connection.close();
        db.close();
    }

    /**
     * perfkit: the page after a cursor.
     *
     * @return the page's ids
     * @throws SQLException on database failure
     */
    @Benchmark
    public List<Long> keyset() throws SQLException {
        return pager.fetch(connection, keysetRequest, rs -> rs.getLong(1)).items();
    }

    /**
     * The raw baseline: the same page with OFFSET.
     *
     * @return the page's ids
     * @throws SQLException on database failure
     */
    @Benchmark
    public List<Long> offset() throws SQLException {
        List<Long> ids = new ArrayList<>(PAGE_SIZE);
        try (PreparedStatement ps = connection.prepareStatement(OFFSET_SQL)) {
            ps.setInt(1, PAGE_SIZE);
            ps.setInt(2, (page - 1) * PAGE_SIZE);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        return ids;
    }
}
