package io.perfkit.query.keyset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perfkit.query.fixtures.CountingDataSource;
import io.perfkit.query.fixtures.Fixtures;
import io.perfkit.testkit.RealServers;
import io.perfkit.testkit.TestDatabase;
import io.perfkit.query.stream.RowMapper;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@RealServers
class KeysetPagerIT {
    record Book(long id, String title, BigDecimal price, Timestamp publishedAt) {}

    static final RowMapper<Book> BOOK = rs -> new Book(rs.getLong("id"), rs.getString("title"),
            rs.getBigDecimal("price"), rs.getTimestamp("published_at"));

    private static TestDatabase db;

    @BeforeAll
    static void schema(TestDatabase database) throws SQLException {
        db = database;
        Fixtures.execute(db.dataSource(),
                "CREATE TABLE book (id bigint PRIMARY KEY, author_id int NOT NULL, title text NOT NULL, "
                        + "price numeric(8,2) NOT NULL, published_at timestamptz)",
                "INSERT INTO book SELECT g, g % 3, 'title ' || (g % 7), (g % 5) * 1.25, "
                        + "CASE WHEN g % 4 = 0 THEN NULL "
                        + "ELSE timestamptz '2026-01-01' + (g % 6) * interval '1 day' END "
                        + "FROM generate_series(1, 200) g",
                "CREATE INDEX book_price_id ON book (price DESC, id DESC)");
    }

    @Test
    void pagesThroughAnAuthorsBooksNewestFirst() throws SQLException {
        // tag::keyset[]
        byte[] secret = "change-me: 32+ random bytes from config".getBytes(StandardCharsets.UTF_8);
        KeysetPager pager = KeysetPager.builder("book", CursorCodec.hmacSha256(secret))
                .select("id", "title", "price", "published_at")
                .sortable("title", "price")
                .sortableNullable("published_at")
                .uniqueKey("id")
                .defaultSort(SortColumn.desc("published_at"))
                .where("author_id = ?")
                .maxPageSize(50)
                .build();

        List<Book> all = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection()) {
            String cursor = null; // what the client sends back: ?cursor=...
            do {
                Page<Book> page = pager.fetch(c, PageRequest.of(20, List.of(), cursor), List.of(1), BOOK);
                all.addAll(page.items());
                cursor = page.nextCursor().orElse(null);
            } while (cursor != null);
        }

        assertThat(all).hasSize(67); // every book of author 1, once
        assertThat(all).extracting(Book::id).doesNotHaveDuplicates();
        assertThat(all.get(0).publishedAt()).isNull(); // NULLs first when descending
        // end::keyset[]
    }

    @Test
    void mixedDirectionsMatchTheDatabasesOwnOrder() throws SQLException {
        KeysetPager pager = KeysetPager.builder("book", CursorCodec.hmacSha256(new byte[32]))
                .sortable("title", "price").uniqueKey("id").build();
        List<Long> paged = new ArrayList<>();
        List<Long> expected = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection()) {
            Page<Long> page = pager.fetch(c, PageRequest.first(7, SortColumn.asc("title"), SortColumn.desc("price")),
                    rs -> rs.getLong("id"));
            paged.addAll(page.items());
            while (page.hasMore()) {
                page = pager.fetch(c, PageRequest.after(page.nextCursor().orElseThrow(), 7), rs -> rs.getLong("id"));
                paged.addAll(page.items());
            }
            try (var rs = c.createStatement().executeQuery("SELECT id FROM book ORDER BY title, price DESC, id DESC")) {
                while (rs.next()) {
                    expected.add(rs.getLong(1));
                }
            }
        }
        assertThat(paged).containsExactlyElementsOf(expected);
    }

    @Test
    void theDeepSeekUsesTheIndexInsteadOfCountingPastRows() throws SQLException {
        KeysetPager pager = KeysetPager.builder("book", CursorCodec.hmacSha256(new byte[32]))
                .sortable("price").uniqueKey("id").defaultSort(SortColumn.desc("price")).build();
        try (Connection c = db.dataSource().getConnection()) {
            c.createStatement().execute("SET enable_seqscan = off"); // 200 rows: make the planner show its hand
            Page<Long> first = pager.fetch(c, PageRequest.first(10), rs -> rs.getLong("id"));
            String sql = pager.sql(PageRequest.after(first.nextCursor().orElseThrow(), 10));
            assertThat(sql).contains("(\"price\", \"id\") < (?, ?)");
            try (var ps = c.prepareStatement("EXPLAIN " + sql)) {
                ps.setBigDecimal(1, new BigDecimal("3.75"));
                ps.setLong(2, 100);
                StringBuilder plan = new StringBuilder();
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        plan.append(rs.getString(1)).append('\n');
                    }
                }
                assertThat(plan.toString()).contains("Index Scan using book_price_id").contains("Index Cond");
            }
        }
    }

    @Test
    void aForgedCursorIsRejectedBeforeAnyStatementIsPrepared() throws SQLException {
        KeysetPager pager = KeysetPager.builder("book", CursorCodec.hmacSha256(new byte[32]))
                .uniqueKey("id").build();
        CountingDataSource ds = new CountingDataSource(db.dataSource());
        try (Connection c = ds.getConnection()) {
            Page<Long> page = pager.fetch(c, PageRequest.first(3), rs -> rs.getLong("id"));
            String real = page.nextCursor().orElseThrow();
            String forged = real.substring(0, real.length() - 2) + (real.endsWith("A") ? "BB" : "AA");
            int before = ds.prepared.get();
            for (String bad : List.of(forged, "1 OR 1=1", "'; DROP TABLE book; --", real + "A")) {
                assertThatThrownBy(() -> pager.fetch(c, PageRequest.after(bad, 3), rs -> rs.getLong("id")))
                        .isInstanceOf(InvalidCursorException.class);
            }
            assertThat(ds.prepared.get()).isEqualTo(before);
        }
        try (Connection c = db.dataSource().getConnection();
             var rs = c.createStatement().executeQuery("SELECT count(*) FROM book")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(200);
        }
    }

    @Test
    void aNullInAColumnDeclaredNotNullFailsLoudlyInsteadOfLosingRows() throws SQLException {
        KeysetPager pager = KeysetPager.builder("book", CursorCodec.hmacSha256(new byte[32]))
                .sortable("published_at").uniqueKey("id").defaultSort(SortColumn.desc("published_at")).build();
        try (Connection c = db.dataSource().getConnection()) {
            assertThatThrownBy(() -> pager.fetch(c, PageRequest.first(5), rs -> rs.getLong("id")))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("sortableNullable(\"published_at\")");
        }
    }
}
