package io.perfkit.query.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perfkit.core.WorkScope;
import io.perfkit.query.fixtures.CountingDataSource;
import io.perfkit.query.fixtures.Fixtures;
import io.perfkit.testkit.RealServers;
import io.perfkit.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@RealServers
class BatchLoaderIT {
    record Author(long id, String name) {}

    record Book(long id, long authorId, String title) {}

    private static TestDatabase db;

    @BeforeAll
    static void schema(TestDatabase database) throws SQLException {
        db = database;
        Fixtures.execute(db.dataSource(),
                "CREATE TABLE author (id bigint PRIMARY KEY, name text NOT NULL, ref uuid NOT NULL)",
                "CREATE TABLE book (id bigint PRIMARY KEY, author_id bigint NOT NULL, title text NOT NULL)",
                "INSERT INTO author SELECT g, 'author ' || g, md5(g::text)::uuid FROM generate_series(1, 60) g",
                "INSERT INTO book SELECT g, 1 + (g % 50), 'book ' || g FROM generate_series(1, 100) g");
    }

    @Test
    void oneQueryLoadsTheAuthorsOfAHundredBooks() throws SQLException {
        // tag::batch-loader[]
        CountingDataSource dataSource = new CountingDataSource(db.dataSource());
        BatchLoader<Long, Author> authors = BatchLoader.builder(AnyArrayQuery.toOne(dataSource,
                        "SELECT id, name FROM author WHERE id = ANY(?)", "bigint",
                        rs -> rs.getLong("id"),
                        rs -> new Author(rs.getLong("id"), rs.getString("name"))))
                .name("authors")
                .build();

        List<Book> books = books(dataSource);                  // 1 query
        List<Optional<Author>> byBook = authors.loadMany(      // 1 query, not 100
                books.stream().map(Book::authorId).toList());

        assertThat(dataSource.prepared.get()).isEqualTo(2);
        assertThat(byBook).hasSize(100);
        for (int i = 0; i < books.size(); i++) {
            assertThat(byBook.get(i).orElseThrow().id()).isEqualTo(books.get(i).authorId());
        }
        assertThat(authors.stats().keysLoaded()).isEqualTo(50); // de-duplicated
        // end::batch-loader[]
    }

    private static List<Book> books(CountingDataSource ds) throws SQLException {
        List<Book> books = new ArrayList<>();
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT id, author_id, title FROM book ORDER BY id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                books.add(new Book(rs.getLong(1), rs.getLong(2), rs.getString(3)));
            }
        }
        return books;
    }

    @Test
    void toManyGroupsRowsPerKeyAndGivesKeysWithoutRowsAnEmptyList() throws SQLException {
        BatchLoader<Long, List<String>> titles = BatchLoader.builder(AnyArrayQuery.toMany(db.dataSource(),
                "SELECT author_id, title FROM book WHERE author_id = ANY(?) ORDER BY id", "bigint",
                rs -> rs.getLong(1), rs -> rs.getString(2))).build();

        List<Optional<List<String>>> result = titles.loadMany(List.of(2L, 55L, 1L));

        assertThat(result.get(0)).contains(List.of("book 1", "book 51"));
        assertThat(result.get(1)).contains(List.of());
        assertThat(result.get(2)).contains(List.of("book 50", "book 100"));
    }

    @Test
    void chunksVeryLargeKeySetsAndKeepsOneStatementShape() throws SQLException {
        CountingDataSource ds = new CountingDataSource(db.dataSource());
        BatchLoader<Long, Author> authors = BatchLoader.builder(AnyArrayQuery.toOne(ds,
                "SELECT id, name FROM author WHERE id = ANY(?)", "bigint",
                rs -> rs.getLong("id"), rs -> new Author(rs.getLong("id"), rs.getString("name"))))
                .maxBatchSize(2_000).build();
        List<Long> keys = new ArrayList<>();
        for (long i = 1; i <= 5_000; i++) {
            keys.add(i);
        }
        List<Optional<Author>> result = authors.loadMany(keys);
        assertThat(ds.prepared.get()).isEqualTo(3);
        assertThat(result.stream().filter(Optional::isPresent).count()).isEqualTo(60);
        assertThat(result.get(59)).contains(new Author(60, "author 60"));
        assertThat(result.get(60)).isEmpty();
    }

    @Test
    void uuidKeysWork() throws SQLException {
        UUID ref;
        try (Connection c = db.dataSource().getConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT ref FROM author WHERE id = 7")) {
            rs.next();
            ref = rs.getObject(1, UUID.class);
        }
        BatchLoader<UUID, Long> byRef = BatchLoader.builder(AnyArrayQuery.toOne(db.dataSource(),
                "SELECT ref, id FROM author WHERE ref = ANY(?)", "uuid",
                rs -> rs.getObject(1, UUID.class), rs -> rs.getLong(2))).build();
        assertThat(byRef.loadMany(List.of(ref, UUID.randomUUID()))).containsExactly(Optional.of(7L), Optional.empty());
    }

    @Test
    void deferredStyleInsideAWorkScope() throws SQLException {
        CountingDataSource ds = new CountingDataSource(db.dataSource());
        BatchLoader<Long, Author> authors = BatchLoader.builder(AnyArrayQuery.toOne(ds,
                "SELECT id, name FROM author WHERE id = ANY(?)", "bigint",
                rs -> rs.getLong("id"), rs -> new Author(rs.getLong("id"), rs.getString("name")))).build();
        try (WorkScope scope = WorkScope.open("GET /books")) {
            var futures = new ArrayList<java.util.concurrent.CompletableFuture<Optional<Author>>>();
            for (long id = 1; id <= 20; id++) {
                futures.add(authors.loadLater(id));
            }
            authors.dispatch();
            assertThat(futures.get(19).join()).contains(new Author(20, "author 20"));
            assertThat(authors.loadLater(3L)).isCompletedWithValue(Optional.of(new Author(3, "author 3")));
        }
        assertThat(ds.prepared.get()).isEqualTo(1);
    }

    @Test
    void aOneToOneQueryThatReturnsTwoRowsPerKeyIsAnError() {
        BatchLoader<Long, String> wrong = BatchLoader.builder(AnyArrayQuery.toOne(db.dataSource(),
                "SELECT author_id, title FROM book WHERE author_id = ANY(?)", "bigint",
                rs -> rs.getLong(1), rs -> rs.getString(2))).build();
        assertThatThrownBy(() -> wrong.load(1L)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("toMany");
    }

    @Test
    void queriesAreValidatedWhenTheFunctionIsBuilt() {
        assertThatThrownBy(() -> AnyArrayQuery.toOne(db.dataSource(), "SELECT id FROM author WHERE id = 1", "bigint",
                rs -> 1L, rs -> 1L)).hasMessageContaining("exactly one ?");
        assertThatThrownBy(() -> AnyArrayQuery.toOne(db.dataSource(), "SELECT id FROM author WHERE id = ANY(?)",
                "bigint); DROP TABLE author; --", rs -> 1L, rs -> 1L)).hasMessageContaining("arrayElementType");
    }
}
