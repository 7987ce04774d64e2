package io.perfkit.examples.bookstore;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongFunction;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Loads a {@link SeedPlan}'s rows into PostgreSQL with {@code COPY ... FROM STDIN} in chunks of a few megabytes,
 * then builds the indexes and refreshes statistics: the default plan (about a million rows) loads in seconds. A
 * database already holding the same plan is reused as is.
 */
public final class Seeder {
    private static final int CHUNK_CHARS = 4 << 20;

    /**
     * What a seeding run did.
     *
     * @param reused true when the database already held this plan and nothing was written
     * @param rows rows written (zero when reused)
     * @param elapsed how long it took
     */
    public record Result(boolean reused, long rows, Duration elapsed) {}

    private Seeder() {}

    /**
     * Makes the bookstore schema hold exactly the plan's data, writing it unless it is already there.
     *
     * @param dataSource the target database (connections must reach the {@value Schema#NAME} schema first on their
     *     search path, as the service's pool does)
     * @param plan what to generate
     * @return what was done
     */
    public static Result ensure(DataSource dataSource, SeedPlan plan) {
        long start = System.nanoTime();
        DSLContext dsl = DSL.using(dataSource, SQLDialect.POSTGRES);
        if (holds(dsl, plan)) {
            return new Result(true, 0, Duration.ofNanos(System.nanoTime() - start));
        }
        SeedData data = new SeedData(plan);
        long rows;
        try (Connection main = dataSource.getConnection()) {
            DSLContext session = on(main);
            session.execute("SET synchronous_commit TO off");
            session.execute("SET maintenance_work_mem TO '256MB'");
            Schema.recreate(session);
            // Two streams at once: the catalogue and users on a second connection, orders and items on this one.
            ExecutorService second = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "bookstore-seeder");
                t.setDaemon(true);
                return t;
            });
            try {
                Future<Long> catalogue = second.submit(() -> copyCatalogueAndUsers(dataSource, data));
                rows = copyOrders(copy(main), data);
                rows += catalogue.get();
            } finally {
                second.shutdownNow();
            }
            Schema.indexAndAnalyze(session);
            session.execute("INSERT INTO seed_info (authors, books, users, orders, order_items, seed) VALUES (?, ?,"
                    + " ?, ?, (SELECT count(*) FROM order_items), ?)", plan.authors(), plan.books(), plan.users(),
                    plan.orders(), plan.seed());
        } catch (SQLException e) {
            throw new IllegalStateException("Seeding the bookstore failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("Seeding the bookstore failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Seeding the bookstore was interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Seeding the bookstore failed: " + e.getCause().getMessage(),
                    e.getCause());
        }
        return new Result(false, rows, Duration.ofNanos(System.nanoTime() - start));
    }

    /**
     * A context on one connection, through the JavaBeans setters: {@code DSL.using(Connection, ...)}'s overloads
     * include one taking jOOQ's JAXB-annotated {@code Settings}, which javac warns about without JAXB present.
     */
    private static DSLContext on(Connection connection) {
        DefaultConfiguration configuration = new DefaultConfiguration();
        configuration.setConnection(connection);
        configuration.setSQLDialect(SQLDialect.POSTGRES);
        return DSL.using(configuration);
    }

    private static CopyManager copy(Connection connection) throws SQLException {
        return connection.unwrap(PGConnection.class).getCopyAPI();
    }

    private static long copyCatalogueAndUsers(DataSource dataSource, SeedData data) throws SQLException, IOException {
        SeedPlan plan = data.plan();
        long rows = 0;
        try (Connection connection = dataSource.getConnection()) {
            on(connection).execute("SET synchronous_commit TO off");
            CopyManager copy = copy(connection);
            rows += copyTable(copy, "authors (id, name, country)", plan.authors(), id -> {
                SeedData.Author a = data.author(id);
                return new String[] {Long.toString(a.id()), a.name(), a.country()};
            });
            rows += copyTable(copy, "books (id, author_id, title, isbn, genre, price, published_on, pages,"
                    + " description)", plan.books(), id -> {
                        SeedData.Book b = data.book(id);
                        return new String[] {Long.toString(b.id()), Long.toString(b.authorId()), b.title(), b.isbn(),
                            b.genre(), cents(b.priceCents()), b.publishedOn().toString(), Integer.toString(b.pages()),
                            b.description()};
                    });
            rows += copyTable(copy, "users (id, email, name, created_at)", plan.users(), id -> {
                SeedData.User u = data.user(id);
                return new String[] {Long.toString(u.id()), u.email(), u.name(), u.createdAt().toString()};
            });
        }
        return rows;
    }

    private static boolean holds(DSLContext dsl, SeedPlan plan) {
        boolean exists = dsl.fetchValue("SELECT to_regclass(?) IS NOT NULL", Schema.NAME + ".seed_info")
                .equals(Boolean.TRUE);
        if (!exists) {
            return false;
        }
        org.jooq.Result<Record> info = dsl.fetch("SELECT books, users, orders, seed FROM seed_info");
        if (info.size() != 1) {
            return false;
        }
        Record r = info.get(0);
        return r.get(0, Long.class) == plan.books() && r.get(1, Long.class) == plan.users()
                && r.get(2, Long.class) == plan.orders() && r.get(3, Long.class) == plan.seed();
    }

    private static long copyTable(CopyManager copy, String target, long count, LongFunction<String[]> row)
            throws SQLException, IOException {
        String sql = "COPY " + target + " FROM STDIN";
        StringBuilder chunk = new StringBuilder(CHUNK_CHARS + 4096);
        for (long id = 1; id <= count; id++) {
            appendRow(chunk, row.apply(id));
            if (chunk.length() >= CHUNK_CHARS) {
                flush(copy, sql, chunk);
            }
        }
        flush(copy, sql, chunk);
        return count;
    }

    private static long copyOrders(CopyManager copy, SeedData data) throws SQLException, IOException {
        String orderSql = "COPY orders (id, user_id, created_at, status, total) FROM STDIN";
        String itemSql = "COPY order_items (order_id, line_no, book_id, quantity, unit_price) FROM STDIN";
        StringBuilder orders = new StringBuilder(CHUNK_CHARS + 4096);
        StringBuilder items = new StringBuilder(CHUNK_CHARS + 4096);
        long rows = 0;
        for (long id = 1; id <= data.plan().orders(); id++) {
            SeedData.Order o = data.order(id);
            appendRow(orders, new String[] {Long.toString(o.id()), Long.toString(o.userId()),
                o.createdAt().toString(), o.status(), cents(o.totalCents())});
            for (SeedData.Item i : o.items()) {
                appendRow(items, new String[] {Long.toString(i.orderId()), Integer.toString(i.lineNo()),
                    Long.toString(i.bookId()), Integer.toString(i.quantity()), cents(i.unitPriceCents())});
                rows++;
            }
            rows++;
            if (orders.length() + items.length() >= CHUNK_CHARS) {
                flush(copy, orderSql, orders);
                flush(copy, itemSql, items);
            }
        }
        flush(copy, orderSql, orders);
        flush(copy, itemSql, items);
        return rows;
    }

    private static void flush(CopyManager copy, String sql, StringBuilder chunk) throws SQLException, IOException {
        if (chunk.length() > 0) {
            copy.copyIn(sql, new StringReader(chunk.toString()));
            chunk.setLength(0);
        }
    }

    /** Appends one row in COPY's text format: tab-separated, backslash escapes. */
    static void appendRow(StringBuilder out, String[] fields) {
        for (int f = 0; f < fields.length; f++) {
            if (f > 0) {
                out.append('\t');
            }
            String value = fields[f];
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                switch (c) {
                    case '\\':
                        out.append("\\\\");
                        break;
                    case '\t':
                        out.append("\\t");
                        break;
                    case '\n':
                        out.append("\\n");
                        break;
                    case '\r':
                        out.append("\\r");
                        break;
                    default:
                        out.append(c);
                }
            }
        }
        out.append('\n');
    }

    static String cents(long cents) {
        return (cents / 100) + "." + (cents % 100 < 10 ? "0" : "") + (cents % 100);
    }
}
