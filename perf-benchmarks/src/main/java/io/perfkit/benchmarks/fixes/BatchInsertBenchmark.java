package io.perfkit.benchmarks.fixes;

import io.perfkit.query.write.BatchWriter;
import io.perfkit.query.write.WriteResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
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
 * Inserting 100,000 rows in one transaction: a row-by-row loop ({@code executeUpdate} per row, the missing-batch
 * finding), a raw JDBC batch loop (the raw library beside us), and {@link BatchWriter} with pgjdbc's
 * {@code reWriteBatchedInserts} off and on. One operation = 100,000 rows into an emptied table.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(1)
public class BatchInsertBenchmark {
    static final int ROWS = 100_000;
    static final String INSERT = "INSERT INTO event (id, kind, payload) VALUES (?, ?, ?)";

    record Event(long id, int kind, String payload) {}

    /** pgjdbc's reWriteBatchedInserts on the pool's URL. */
    @Param({"false", "true"})
    public boolean reWriteBatchedInserts;

    private BenchDatabase db;
    private List<Event> events;
    private BatchWriter<Event> writer;

    /**
     * Creates the table and the rows to insert.
     *
     * @throws SQLException on database failure
     */
    @Setup(Level.Trial)
    public void setUp() throws SQLException {
        db = BenchDatabase.create("reWriteBatchedInserts=" + reWriteBatchedInserts);
        db.execute("CREATE TABLE event (id bigint PRIMARY KEY, kind int NOT NULL, payload text NOT NULL)");
        events = new ArrayList<>(ROWS);
        for (int i = 0; i < ROWS; i++) {
            events.add(new Event(i, i % 17, "payload of event " + i));
        }
        writer = BatchWriter.<Event>insertInto("event")
                .column("id", Event::id).column("kind", Event::kind).column("payload", Event::payload)
                .batchSize(1_000)
                .build();
    }

    /**
     * Empties the table before each insert.
     *
     * @throws SQLException on database failure
     */
    @Setup(Level.Invocation)
    public void truncate() throws SQLException {
        db.execute("TRUNCATE event");
    }

    /**
     * Drops the database.
     *
     * @throws SQLException on database failure
     */
    @TearDown(Level.Trial)
    public void tearDown() throws SQLException {
        db.close();
    }

    /**
     * The missing-batch shape: one round trip per row (in one transaction, its best case).
     *
     * @return rows inserted
     * @throws SQLException on database failure
     */
    @Benchmark
    public int rowByRow() throws SQLException {
        int n = 0;
        try (Connection c = db.pool().getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                for (Event e : events) {
                    ps.setLong(1, e.id());
                    ps.setInt(2, e.kind());
                    ps.setString(3, e.payload());
                    n += ps.executeUpdate();
                }
            }
            c.commit();
            c.setAutoCommit(true);
        }
        return n;
    }

    /**
     * The raw library: addBatch/executeBatch every 1,000 rows, hand-written.
     *
     * @return batches executed
     * @throws SQLException on database failure
     */
    @Benchmark
    public int rawJdbcBatch() throws SQLException {
        int batches = 0;
        try (Connection c = db.pool().getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                int pending = 0;
                for (Event e : events) {
                    ps.setLong(1, e.id());
                    ps.setInt(2, e.kind());
                    ps.setString(3, e.payload());
                    ps.addBatch();
                    if (++pending == 1_000) {
                        ps.executeBatch();
                        batches++;
                        pending = 0;
                    }
                }
                if (pending > 0) {
                    ps.executeBatch();
                    batches++;
                }
            }
            c.commit();
            c.setAutoCommit(true);
        }
        return batches;
    }

    /**
     * perfkit: BatchWriter, 1,000 rows per batch.
     *
     * @return the result
     * @throws SQLException on database failure
     */
    @Benchmark
    public WriteResult batchWriter() throws SQLException {
        return writer.write(db.pool(), events);
    }
}
