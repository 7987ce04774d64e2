package io.perfkit.query.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perfkit.query.fixtures.Fixtures;
import io.perfkit.testkit.RealServers;
import io.perfkit.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

@RealServers
class BatchWriterIT {
    record Book(String isbn, String title, int price) {}

    private static TestDatabase db;

    @BeforeAll
    static void schema(TestDatabase database) throws SQLException {
        db = database;
        Fixtures.execute(db.dataSource(), "CREATE TABLE book (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
                + "isbn text NOT NULL CONSTRAINT book_isbn_key UNIQUE, title text NOT NULL, "
                + "price int NOT NULL CONSTRAINT book_price_positive CHECK (price > 0))");
    }

    @BeforeEach
    void empty() throws SQLException {
        Fixtures.execute(db.dataSource(), "TRUNCATE book RESTART IDENTITY");
    }

    static List<Book> books(int from, int count) {
        List<Book> books = new ArrayList<>(count);
        for (int i = from; i < from + count; i++) {
            books.add(new Book("isbn-" + i, "title " + i, 1 + i % 90));
        }
        return books;
    }

    static DataSource dataSource(boolean rewrite) {
        return Fixtures.dataSource(db, "reWriteBatchedInserts=" + rewrite);
    }

    @Test
    void insertsTenThousandRowsInTenBatches() throws SQLException {
        // tag::batch-writer[]
        BatchWriter<Book> writer = BatchWriter.<Book>insertInto("book")
                .column("isbn", Book::isbn)
                .column("title", Book::title)
                .column("price", Book::price)
                .batchSize(1_000)
                .build();

        WriteResult result = writer.write(dataSource(true), books(0, 10_000));

        assertThat(result.rows()).isEqualTo(10_000);
        assertThat(result.batches()).isEqualTo(10);
        assertThat(result.reWriteBatchedInserts()).isTrue(); // pgjdbc sent multi-row INSERTs
        assertThat(count("SELECT count(*) FROM book")).isEqualTo(10_000);
        // end::batch-writer[]
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void upsertUpdatesExistingRowsAndInsertsNewOnes(boolean rewrite) throws SQLException {
        // tag::upsert[]
        BatchWriter<Book> upsert = BatchWriter.<Book>insertInto("book").column("isbn", Book::isbn)
                .column("title", Book::title).column("price", Book::price)
                .onConflictDoUpdate("isbn").batchSize(64).build();
        // end::upsert[]
        upsert.write(dataSource(rewrite), books(0, 100));
        List<Book> changed = new ArrayList<>();
        for (Book b : books(50, 100)) {
            changed.add(new Book(b.isbn(), b.title() + " (2nd edition)", b.price()));
        }
        WriteResult result = upsert.write(dataSource(rewrite), changed);

        assertThat(count("SELECT count(*) FROM book")).isEqualTo(150);
        assertThat(count("SELECT count(*) FROM book WHERE title LIKE '%(2nd edition)'")).isEqualTo(100);
        assertThat(result.affectedRows()).isEqualTo(rewrite ? OptionalLong.empty() : OptionalLong.of(100));
        assertThat(result.reWriteBatchedInserts()).isEqualTo(rewrite);
    }

    @Test
    void doNothingSkipsConflictingRows() throws SQLException {
        BatchWriter<Book> insertOrIgnore = BatchWriter.<Book>insertInto("book").column("isbn", Book::isbn)
                .column("title", Book::title).column("price", Book::price).onConflictDoNothing("isbn").build();
        insertOrIgnore.write(dataSource(false), books(0, 10));
        WriteResult again = insertOrIgnore.write(dataSource(false), books(5, 10));
        assertThat(again.affectedRows()).hasValue(5);
        assertThat(count("SELECT count(*) FROM book")).isEqualTo(15);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void generatedKeysComeBackInInputOrder(boolean rewrite) throws SQLException {
        BatchWriter<Book> writer = BatchWriter.<Book>insertInto("book").column("isbn", Book::isbn)
                .column("title", Book::title).column("price", Book::price).returningKeys("id").batchSize(300).build();
        List<Long> ids;
        try (Connection c = dataSource(rewrite).getConnection()) {
            ids = writer.writeReturningKeys(c, books(0, 1_000), rs -> rs.getLong("id"));
        }
        assertThat(ids).hasSize(1_000);
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, isbn FROM book")) {
            while (rs.next()) {
                long id = rs.getLong(1);
                assertThat(ids.get(Integer.parseInt(rs.getString(2).substring(5)))).isEqualTo(id);
            }
        }
    }

    @Test
    void aConstraintViolationNamesTheExactRowAndNothingIsCommitted() throws SQLException {
        BatchWriter<Book> writer = BatchWriter.<Book>insertInto("book").column("isbn", Book::isbn)
                .column("title", Book::title).column("price", Book::price).batchSize(100).build();
        List<Book> rows = books(0, 1_000);
        rows.set(733, new Book("isbn-12", "duplicate of row 12", 5));

        // tag::failing-row[]
        assertThatThrownBy(() -> writer.write(dataSource(false), rows))
                .isInstanceOfSatisfying(BatchWriteException.class, e -> {
                    assertThat(e.rowIndex()).contains(733);
                    assertThat(e.row()).contains(rows.get(733));
                    assertThat(e.constraint()).contains("book_isbn_key");
                    assertThat(e.getSQLState()).isEqualTo("23505");
                    assertThat(e.getMessage()).startsWith("rows[733] failed: SQLState 23505, constraint book_isbn_key")
                            .doesNotContain("duplicate of row 12").doesNotContain("isbn-12");
                });
        // end::failing-row[]
        assertThat(count("SELECT count(*) FROM book")).isZero();
    }

    @Test
    void withDriverRewriteTheFailureNamesTheRangeOfRows() throws SQLException {
        BatchWriter<Book> writer = BatchWriter.<Book>insertInto("book").column("isbn", Book::isbn)
                .column("title", Book::title).column("price", Book::price).batchSize(100).build();
        List<Book> rows = books(0, 1_000);
        rows.set(450, new Book("isbn-450", "free", 0)); // violates the CHECK

        assertThatThrownBy(() -> writer.write(dataSource(true), rows))
                .isInstanceOfSatisfying(BatchWriteException.class, e -> {
                    assertThat(e.firstRow()).isLessThanOrEqualTo(450);
                    assertThat(e.lastRow()).isGreaterThanOrEqualTo(450);
                    assertThat(e.lastRow() - e.firstRow()).isLessThan(100);
                    assertThat(e.constraint()).contains("book_price_positive");
                    assertThat(e.getMessage()).contains("reWriteBatchedInserts");
                });
        assertThat(count("SELECT count(*) FROM book")).isZero();
    }

    @Test
    void insideTheCallersTransactionTheCallerDecides() throws SQLException {
        BatchWriter<Book> writer = BatchWriter.<Book>insertInto("book").column("isbn", Book::isbn)
                .column("title", Book::title).column("price", Book::price).build();
        try (Connection c = db.dataSource().getConnection()) {
            c.setAutoCommit(false);
            writer.write(c, books(0, 10));
            assertThat(c.getAutoCommit()).isFalse();
            c.rollback();
        }
        assertThat(count("SELECT count(*) FROM book")).isZero();
        try (Connection c = db.dataSource().getConnection()) {
            writer.write(c, books(0, 10));
            assertThat(c.getAutoCommit()).as("restored").isTrue();
        }
        assertThat(count("SELECT count(*) FROM book")).isEqualTo(10);
    }

    @Test
    void nullRowsAndNullValuesAreHandled() throws SQLException {
        BatchWriter<Book> writer = BatchWriter.<Book>insertInto("book").column("isbn", Book::isbn)
                .column("title", Book::title).column("price", Book::price).build();
        List<Book> rows = new ArrayList<>(books(0, 3));
        rows.add(null);
        assertThatThrownBy(() -> writer.write(dataSource(false), rows)).hasMessageContaining("rows[3]");
        assertThatThrownBy(() -> writer.write(dataSource(false), List.of(new Book("x", null, 1))))
                .isInstanceOfSatisfying(BatchWriteException.class, e -> assertThat(e.getSQLState()).isEqualTo("23502"));
        assertThat(count("SELECT count(*) FROM book")).isZero();
        assertThat(writer.write(dataSource(false), List.of()).rows()).isZero();
    }

    private static long count(String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
