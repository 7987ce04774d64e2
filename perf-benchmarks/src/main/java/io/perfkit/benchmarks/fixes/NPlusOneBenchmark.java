package io.perfkit.benchmarks.fixes;

import io.perfkit.query.batch.AnyArrayQuery;
import io.perfkit.query.batch.BatchLoader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The N+1 loop and its cure: list 100 books, then find each book's author. The raw loop runs one
 * {@code SELECT ... WHERE id = ?} per book (101 round trips); {@link BatchLoader} with {@link AnyArrayQuery} runs one
 * {@code WHERE id = ANY(?)} (2 round trips). Both through the same HikariCP pool on local PostgreSQL; the loader's
 * cache is off so every operation really loads. Round trips per operation are counted and printed at tear-down.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class NPlusOneBenchmark {
    record Book(long id, long authorId, String title) {}

    record Author(long id, String name) {}

    private BenchDatabase db;
    private BatchLoader<Long, Author> authors;
    private final AtomicLong naiveOps = new AtomicLong();
    private final AtomicLong naiveQueries = new AtomicLong();
    private final AtomicLong batchOps = new AtomicLong();
    private final AtomicLong batchQueries = new AtomicLong();

    /**
     * Creates 10,000 authors and 100,000 books.
     *
     * @throws SQLException on database failure
     */
    @Setup(Level.Trial)
    public void setUp() throws SQLException {
        db = BenchDatabase.create("");
        db.execute("CREATE TABLE author (id bigint PRIMARY KEY, name text NOT NULL)",
                "CREATE TABLE book (id bigint PRIMARY KEY, author_id bigint NOT NULL, title text NOT NULL)",
                "INSERT INTO author SELECT g, 'author ' || g FROM generate_series(1, 10000) g",
                "INSERT INTO book SELECT g, 1 + (g * 7919) % 10000, 'book ' || g FROM generate_series(1, 100000) g",
                "VACUUM ANALYZE");
        authors = BatchLoader.builder(AnyArrayQuery.toOne(db.pool(),
                        "SELECT id, name FROM author WHERE id = ANY(?)", "bigint",
                        rs -> rs.getLong(1), rs -> new Author(rs.getLong(1), rs.getString(2))))
                .cache(BatchLoader.CacheScope.NONE)
                .build();
    }

    /**
     * Prints round trips per operation and drops the database.
     *
     * @throws SQLException on database failure
     */
    @TearDown(Level.Trial)
    public void tearDown() throws SQLException {
        if (naiveOps.get() > 0) {
            System.out.printf("%nround trips per operation, N+1 loop: %.1f%n",
                    (double) naiveQueries.get() / naiveOps.get());
        }
        if (batchOps.get() > 0) {
            System.out.printf("%nround trips per operation, BatchLoader: %.1f%n",
                    (double) batchQueries.get() / batchOps.get());
        }
        db.close();
    }

    private List<Book> listBooks(Connection c) throws SQLException {
        List<Book> books = new ArrayList<>(100);
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, author_id, title FROM book WHERE id > ? ORDER BY id LIMIT 100")) {
            ps.setLong(1, 5_000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    books.add(new Book(rs.getLong(1), rs.getLong(2), rs.getString(3)));
                }
            }
        }
        return books;
    }

    /**
     * The raw baseline: the N+1 loop.
     *
     * @return the authors, in book order
     * @throws SQLException on database failure
     */
    @Benchmark
    public List<Optional<Author>> nPlusOneLoop() throws SQLException {
        try (Connection c = db.pool().getConnection()) {
            List<Book> books = listBooks(c);
            List<Optional<Author>> result = new ArrayList<>(books.size());
            long queries = 1;
            try (PreparedStatement ps = c.prepareStatement("SELECT id, name FROM author WHERE id = ?")) {
                for (Book b : books) {
                    ps.setLong(1, b.authorId());
                    queries++;
                    try (ResultSet rs = ps.executeQuery()) {
                        result.add(rs.next() ? Optional.of(new Author(rs.getLong(1), rs.getString(2)))
                                : Optional.empty());
                    }
                }
            }
            naiveOps.incrementAndGet();
            naiveQueries.addAndGet(queries);
            return result;
        }
    }

    /**
     * perfkit: the list query, then one batch for all authors.
     *
     * @return the authors, in book order
     * @throws SQLException on database failure
     */
    @Benchmark
    public List<Optional<Author>> batchLoader() throws SQLException {
        List<Book> books;
        try (Connection c = db.pool().getConnection()) {
            books = listBooks(c);
        }
        long before = authors.stats().batches();
        List<Long> ids = new ArrayList<>(books.size());
        for (Book b : books) {
            ids.add(b.authorId());
        }
        List<Optional<Author>> result = authors.loadMany(ids);
        batchOps.incrementAndGet();
        batchQueries.addAndGet(1 + authors.stats().batches() - before);
        return result;
    }
}
