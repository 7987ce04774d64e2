package io.perfkit.query.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perfkit.query.fixtures.CountingDataSource;
import io.perfkit.query.fixtures.Fixtures;
import io.perfkit.testkit.RealServers;
import io.perfkit.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@RealServers
class RowStreamerIT {
    private static final int ROWS = 20_000;
    private static TestDatabase db;
    private CountingDataSource ds;

    @BeforeAll
    static void createTable(TestDatabase database) throws SQLException {
        db = database;
        Fixtures.execute(db.dataSource(), "CREATE TABLE event (id bigint PRIMARY KEY, payload text NOT NULL)",
                "INSERT INTO event SELECT g, 'payload-' || g FROM generate_series(1, " + ROWS + ") g");
    }

    @BeforeEach
    void counting() {
        ds = new CountingDataSource(db.dataSource());
    }

    @Test
    void readClosesTheStreamEvenWhenTheConsumerStopsEarly() throws SQLException {
        // tag::stream-read[]
        RowStreamer streamer = RowStreamer.builder().fetchSize(500).build();

        List<String> firstThree = streamer.read(ds, "SELECT payload FROM event WHERE id > ? ORDER BY id",
                List.of(100L), rs -> rs.getString(1),
                rows -> rows.limit(3).collect(Collectors.toList()));

        assertThat(firstThree).containsExactly("payload-101", "payload-102", "payload-103");
        assertThat(ds.open()).as("connection returned").isZero();
        // end::stream-read[]
    }

    @Test
    void streamDeliversEveryRowInOrderAndClosesItselfAtTheEnd() throws SQLException {
        RowStreamer streamer = RowStreamer.builder().fetchSize(777).build();
        long[] expected = {1};
        try (Stream<Long> ids = streamer.stream(ds, "SELECT id FROM event ORDER BY id", List.of(),
                rs -> rs.getLong(1))) {
            assertThat(ids.peek(id -> assertThat(id).isEqualTo(expected[0]++)).count()).isEqualTo(ROWS);
            assertThat(ds.open()).as("released at the end of the rows, before close").isZero();
        }
    }

    @Test
    void streamInTryWithResources() throws SQLException {
        // tag::stream-try[]
        RowStreamer streamer = RowStreamer.ofDefaults(); // fetchSize 1,000
        long even;
        try (Stream<Long> ids = streamer.stream(ds, "SELECT id FROM event WHERE id <= ?", List.of(10_000L),
                rs -> rs.getLong("id"))) {
            even = ids.filter(id -> id % 2 == 0).count();
        }
        // end::stream-try[]
        assertThat(even).isEqualTo(5_000);
        assertThat(ds.open()).isZero();
    }

    @Test
    void rowsComeFromAServerSideCursorNotAFullyBufferedResult() throws SQLException {
        RowStreamer streamer = RowStreamer.builder().fetchSize(100).build();
        try (Connection c = db.dataSource().getConnection();
             RowCursor<Long> cursor = streamer.cursor(c, "SELECT id FROM event ORDER BY id", List.of(),
                     rs -> rs.getLong(1))) {
            assertThat(cursor.next()).isEqualTo(1L);
            // The portal stays open on the server while we hold the cursor: rows are fetched 100 at a time.
            assertThat(openPortals(c)).isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void plainJdbcWithoutFetchSizeBuffersEverything() throws SQLException {
        // The contrast for the test above: pgjdbc's default reads the whole result at executeQuery.
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id FROM event")) {
            assertThat(rs.next()).isTrue();
            assertThat(openPortals(c)).isZero();
        }
    }

    private static int openPortals(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_cursors WHERE name <> ''")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void callersAutocommitConnectionIsRestoredAndLeftOpen() throws SQLException {
        try (Connection c = db.dataSource().getConnection()) {
            assertThat(c.getAutoCommit()).isTrue();
            try (Stream<Long> ids = RowStreamer.ofDefaults().stream(c, "SELECT id FROM event", List.of(),
                    rs -> rs.getLong(1))) {
                assertThat(c.getAutoCommit()).as("streaming needs a transaction").isFalse();
                assertThat(ids.findFirst()).isPresent();
            }
            assertThat(c.getAutoCommit()).isTrue();
            assertThat(c.isClosed()).isFalse();
        }
    }

    @Test
    void callersOpenTransactionIsLeftOpenAndUntouched() throws SQLException {
        try (Connection c = db.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO event VALUES (-1, 'uncommitted')");
            }
            try (Stream<String> rows = RowStreamer.ofDefaults().stream(c, "SELECT payload FROM event WHERE id = -1",
                    List.of(), rs -> rs.getString(1))) {
                assertThat(rows.findFirst()).contains("uncommitted");
            }
            assertThat(c.getAutoCommit()).isFalse();
            c.rollback(); // the caller still owns its transaction: the row goes away
        }
        try (Stream<String> rows = RowStreamer.ofDefaults().stream(ds, "SELECT payload FROM event WHERE id = -1",
                List.of(), rs -> rs.getString(1))) {
            assertThat(rows.findFirst()).isEmpty();
        }
    }

    @Test
    void aFailingMapperClosesTheCursorBeforeTheExceptionArrives() throws SQLException {
        RowCursor<String> cursor = RowStreamer.ofDefaults().cursor(ds, "SELECT id FROM event ORDER BY id", List.of(),
                rs -> {
                    if (rs.getLong(1) == 3) {
                        throw new IllegalStateException("bad row");
                    }
                    return "ok";
                });
        assertThat(cursor.next()).isEqualTo("ok");
        assertThat(cursor.next()).isEqualTo("ok");
        assertThatThrownBy(cursor::next).hasMessage("bad row");
        assertThat(cursor.isClosed()).isTrue();
        assertThat(ds.open()).isZero();
        assertThat(cursor.hasNext()).isFalse();
    }

    @Test
    void aDriverErrorWhileFetchingIsRethrownUncheckedWithTheCauseAndReleasesTheConnection() throws SQLException {
        // Division by zero at row 1500, after the first fetch of 1000 rows has succeeded.
        RowCursor<Long> cursor = RowStreamer.builder().fetchSize(1000).build().cursor(ds,
                "SELECT 10 / (1500 - id) FROM event ORDER BY id", List.of(), rs -> rs.getLong(1));
        assertThatThrownBy(() -> {
            while (cursor.hasNext()) {
                cursor.next();
            }
        }).isInstanceOf(StreamReadException.class)
                .satisfies(e -> assertThat(((StreamReadException) e).getCause().getSQLState()).isEqualTo("22012"));
        assertThat(cursor.rowsRead()).isEqualTo(1000);
        assertThat(ds.open()).isZero();
    }

    @Test
    void aQueryThatCannotStartLeavesNothingOpen() {
        assertThatThrownBy(() -> RowStreamer.ofDefaults().stream(ds, "SELECT nope FROM event", List.of(),
                rs -> rs.getLong(1))).isInstanceOf(SQLException.class);
        assertThat(ds.open()).isZero();
    }

    @Test
    void aCursorNobodyClosesIsClosedByTheGarbageCollector() throws Exception {
        leakOne();
        for (int i = 0; i < 100 && ds.open() != 0; i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertThat(ds.open()).isZero();
    }

    private void leakOne() throws SQLException {
        RowCursor<Long> leaked = RowStreamer.ofDefaults().cursor(ds, "SELECT id FROM event", List.of(),
                rs -> rs.getLong(1));
        assertThat(leaked.next()).isNotNull();
        assertThat(ds.open()).isEqualTo(1);
    }

    @Test
    void streamedUpdateReturningKeepsItsEffectWhenTheConsumerStopsEarly() throws SQLException {
        Fixtures.execute(db.dataSource(), "CREATE TABLE counter (id int PRIMARY KEY, n int NOT NULL)",
                "INSERT INTO counter SELECT g, 0 FROM generate_series(1, 10) g");
        Optional<Integer> first = RowStreamer.ofDefaults().read(ds,
                "UPDATE counter SET n = n + 1 RETURNING id", List.of(), rs -> rs.getInt(1), Stream::findFirst);
        assertThat(first).isPresent();
        try (Stream<Integer> sum = RowStreamer.ofDefaults().stream(ds, "SELECT sum(n)::int FROM counter", List.of(),
                rs -> rs.getInt(1))) {
            assertThat(sum.findFirst()).contains(10);
        }
    }

    @Test
    void settingsAreValidatedAndNamed() {
        assertThatThrownBy(() -> RowStreamer.builder().fetchSize(0)).hasMessageContaining("fetchSize");
        assertThatThrownBy(() -> RowStreamer.builder().queryTimeoutSeconds(-1))
                .hasMessageContaining("queryTimeoutSeconds");
        assertThatThrownBy(() -> RowStreamer.ofDefaults().stream(ds, " ", List.of(), rs -> 1))
                .hasMessageContaining("sql");
    }
}
