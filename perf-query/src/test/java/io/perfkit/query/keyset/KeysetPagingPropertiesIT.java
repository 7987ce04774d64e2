package io.perfkit.query.keyset;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfkit.query.fixtures.RandomCases;
import io.perfkit.query.fixtures.StandaloneDatabase;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Paging through a table with many duplicate (and NULL) sort values, in every mix of directions, visits every row
 * exactly once and in the database's own ORDER BY order; with rows inserted between pages, every row that was
 * there from the start is still visited exactly once and nothing is visited twice. Each property runs on generated
 * tables, sorts and page sizes (see {@link RandomCases} to replay a failing case).
 */
class KeysetPagingPropertiesIT {
    /** One row: a few distinct values only, so ties are everywhere; {@code a} may be NULL. */
    record Row(long id, Integer a, int b) {}

    private static StandaloneDatabase db;
    private static final KeysetPager PAGER = KeysetPager.builder("item", CursorCodec.hmacSha256(
                    "property-test-secret-of-32-bytes".getBytes(StandardCharsets.US_ASCII)))
            .select("id")
            .sortableNullable("a")
            .sortable("b")
            .uniqueKey("id")
            .build();

    @BeforeAll
    static void createDatabase() throws SQLException {
        db = StandaloneDatabase.create();
        db.execute("CREATE TABLE item (id bigint PRIMARY KEY, a int, b int NOT NULL)");
    }

    @AfterAll
    static void dropDatabase() throws SQLException {
        db.close();
    }

    /** Up to 120 rows with new ids; {@code a} in 0..3 and NULL one time in five, {@code b} in 0..2. */
    static List<Row> table(SplittableRandom random) {
        int size = RandomCases.between(random, 0, 120);
        List<Row> rows = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            Integer a = random.nextInt(5) == 0 ? null : random.nextInt(4);
            rows.add(new Row(1000 + i * 7L, a, random.nextInt(3)));
        }
        return rows;
    }

    /** One of four sort shapes, each column in a random direction. */
    static List<SortColumn> sort(SplittableRandom random) {
        Direction[] directions = Direction.values();
        Direction d1 = directions[random.nextInt(directions.length)];
        Direction d2 = directions[random.nextInt(directions.length)];
        Direction d3 = directions[random.nextInt(directions.length)];
        switch (random.nextInt(4)) {
            case 0:
                return List.of(new SortColumn("a", d1), new SortColumn("b", d2), new SortColumn("id", d3));
            case 1:
                return List.of(new SortColumn("b", d1), new SortColumn("a", d2));
            case 2:
                return List.of(new SortColumn("a", d1));
            default:
                return List.of(new SortColumn("b", d1), new SortColumn("id", d2));
        }
    }

    @Test
    void everyRowExactlyOnceInTheDatabasesOrder() {
        RandomCases.check(60, random -> {
            List<Row> rows = table(random);
            List<SortColumn> sort = sort(random);
            int pageSize = RandomCases.between(random, 1, 17);
            try (Connection c = db.dataSource().getConnection()) {
                load(c, rows);
                List<Long> expected = orderedIds(c, sort);
                List<Long> visited = pageThrough(c, sort, pageSize, null);
                String input = "rows " + rows + ", sort " + sort + ", page size " + pageSize;
                assertThat(visited).as(input).containsExactlyElementsOf(expected);
                assertThat(visited).as(input).hasSize(rows.size());
            }
        });
    }

    @Test
    void concurrentInsertsNeverCauseASkipOrARepeat() {
        RandomCases.check(40, random -> {
            List<Row> rows = table(random);
            List<SortColumn> sort = sort(random);
            int pageSize = RandomCases.between(random, 1, 9);
            List<Row> inserted = table(random);
            try (Connection c = db.dataSource().getConnection()) {
                load(c, rows);
                List<Long> visited = pageThrough(c, sort, pageSize, inserted);
                String input = "rows " + rows + ", sort " + sort + ", page size " + pageSize + ", inserted " + inserted;
                assertThat(new HashSet<>(visited)).as("no row twice; " + input).hasSize(visited.size());
                Set<Long> original = new HashSet<>();
                rows.forEach(r -> original.add(r.id()));
                assertThat(visited).as(input).containsAll(original);
            }
        });
    }

    private static SortColumn[] sortArray(List<SortColumn> sort) {
        return sort.toArray(new SortColumn[0]);
    }

    /** Pages to the end; with {@code concurrent}, inserts its rows (new ids) a few at a time between pages. */
    private static List<Long> pageThrough(Connection c, List<SortColumn> sort, int pageSize, List<Row> concurrent)
            throws SQLException {
        List<Long> visited = new ArrayList<>();
        Page<Long> page = PAGER.fetch(c, PageRequest.first(pageSize, sortArray(sort)), rs -> rs.getLong("id"));
        int next = 0;
        int pages = 0;
        while (true) {
            visited.addAll(page.items());
            if (!page.hasMore()) {
                return visited;
            }
            assertThat(++pages).as("terminates").isLessThan(1_000);
            if (concurrent != null && next < concurrent.size()) {
                List<Row> batch = new ArrayList<>();
                for (int i = 0; i < 3 && next < concurrent.size(); i++, next++) {
                    Row r = concurrent.get(next);
                    batch.add(new Row(-1 - next, r.a(), r.b())); // new ids, sorted anywhere
                }
                insert(c, batch);
            }
            page = PAGER.fetch(c, new PageRequest(pageSize, List.of(), Optional.of(page.nextCursor().orElseThrow())),
                    rs -> rs.getLong("id"));
        }
    }

    /** The reference order, written independently of the pager: PostgreSQL's ORDER BY with explicit NULLS. */
    private static List<Long> orderedIds(Connection c, List<SortColumn> sort) throws SQLException {
        StringBuilder order = new StringBuilder();
        for (SortColumn s : sort) {
            order.append(order.length() == 0 ? "" : ", ").append(s.column())
                    .append(s.direction() == Direction.ASC ? " ASC NULLS LAST" : " DESC NULLS FIRST");
        }
        if (!sort.get(sort.size() - 1).column().equals("id")) {
            order.append(", id ").append(sort.get(sort.size() - 1).direction());
        }
        List<Long> ids = new ArrayList<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT id FROM item ORDER BY " + order)) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }

    private static void load(Connection c, List<Row> rows) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("TRUNCATE item");
        }
        insert(c, rows);
    }

    private static void insert(Connection c, List<Row> rows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO item (id, a, b) VALUES (?, ?, ?)")) {
            for (Row r : rows) {
                ps.setLong(1, r.id());
                ps.setObject(2, r.a(), java.sql.Types.INTEGER);
                ps.setInt(3, r.b());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
