package io.perfkit.examples.bookstore;

import java.util.List;
import org.jooq.DSLContext;

/**
 * The bookstore's tables, in their own PostgreSQL schema {@value #NAME} so the example never touches a database's
 * other tables.
 *
 * <p>The base schema is what a team typically ships: primary keys, the foreign-key indexes the obvious queries
 * need, and one gap: nothing serves the case-insensitive title search, so the naive search ({@code title ILIKE
 * 'prefix%'}) reads every book. {@link #applyTuning(DSLContext)} adds the expression index that the tuned search
 * ({@code lower(title) LIKE 'prefix%'}) uses; an {@code ILIKE} predicate cannot use a B-tree index at all, so the
 * naive search stays a sequential scan even after tuning, which keeps both modes measurable side by side.
 */
public final class Schema {
    /** The PostgreSQL schema holding the bookstore's tables. */
    public static final String NAME = "bookstore";

    /** The index the tuned search uses; created by {@link #applyTuning(DSLContext)}. */
    public static final String TITLE_SEARCH_INDEX = "books_lower_title_prefix_idx";

    /** Bare tables: keys, constraints and indexes come after the bulk load, which is several times faster. */
    private static final List<String> TABLES = List.of(
            "CREATE TABLE authors ("
                    + " id bigint NOT NULL,"
                    + " name text NOT NULL,"
                    + " country text NOT NULL)",
            "CREATE TABLE books ("
                    + " id bigint NOT NULL,"
                    + " author_id bigint NOT NULL,"
                    + " title text NOT NULL,"
                    + " isbn text NOT NULL,"
                    + " genre text NOT NULL,"
                    + " price numeric(8, 2) NOT NULL,"
                    + " published_on date NOT NULL,"
                    + " pages integer NOT NULL,"
                    + " description text NOT NULL)",
            "CREATE TABLE users ("
                    + " id bigint NOT NULL,"
                    + " email text NOT NULL,"
                    + " name text NOT NULL,"
                    + " created_at timestamptz NOT NULL)",
            "CREATE TABLE orders ("
                    + " id bigint NOT NULL,"
                    + " user_id bigint NOT NULL,"
                    + " created_at timestamptz NOT NULL,"
                    + " status text NOT NULL,"
                    + " total numeric(10, 2) NOT NULL)",
            "CREATE TABLE order_items ("
                    + " order_id bigint NOT NULL,"
                    + " line_no integer NOT NULL,"
                    + " book_id bigint NOT NULL,"
                    + " quantity integer NOT NULL,"
                    + " unit_price numeric(8, 2) NOT NULL)",
            "CREATE TABLE seed_info ("
                    + " authors bigint NOT NULL, books bigint NOT NULL, users bigint NOT NULL,"
                    + " orders bigint NOT NULL, order_items bigint NOT NULL, seed bigint NOT NULL)");

    /**
     * Added after the bulk load: building a key or index once, and checking a foreign key in one join, is much
     * faster than maintaining them row by row.
     */
    private static final List<String> KEYS_AND_INDEXES = List.of(
            "ALTER TABLE authors ADD PRIMARY KEY (id)",
            "ALTER TABLE books ADD PRIMARY KEY (id)",
            "ALTER TABLE books ADD UNIQUE (isbn)",
            "ALTER TABLE users ADD PRIMARY KEY (id)",
            "ALTER TABLE users ADD UNIQUE (email)",
            "ALTER TABLE orders ADD PRIMARY KEY (id)",
            "ALTER TABLE order_items ADD PRIMARY KEY (order_id, line_no)",
            "ALTER TABLE books ADD FOREIGN KEY (author_id) REFERENCES authors (id)",
            "ALTER TABLE orders ADD FOREIGN KEY (user_id) REFERENCES users (id)",
            "ALTER TABLE order_items ADD FOREIGN KEY (order_id) REFERENCES orders (id)",
            "ALTER TABLE order_items ADD FOREIGN KEY (book_id) REFERENCES books (id)",
            "CREATE INDEX books_author_idx ON books (author_id)",
            "CREATE INDEX books_genre_idx ON books (genre)",
            "CREATE INDEX books_published_idx ON books (published_on DESC, id DESC)",
            "CREATE INDEX orders_user_idx ON orders (user_id, created_at DESC)",
            "CREATE INDEX order_items_book_idx ON order_items (book_id)");

    private Schema() {}

    /**
     * Drops the bookstore schema with everything in it and creates the empty tables.
     *
     * @param dsl a context on the target database
     */
    public static void recreate(DSLContext dsl) {
        dsl.execute("DROP SCHEMA IF EXISTS " + NAME + " CASCADE");
        dsl.execute("CREATE SCHEMA " + NAME);
        for (String ddl : TABLES) {
            dsl.execute(ddl);
        }
    }

    /**
     * Adds the keys, foreign keys and base indexes, then vacuums and analyzes the new tables; called once the data
     * is loaded, outside a transaction.
     *
     * <p>{@code VACUUM} as well as {@code ANALYZE}, as after any bulk load: without it the first queries set the
     * hint bits of every freshly copied row (writing pages while they read), and autovacuum's insert-triggered
     * vacuum of the new tables runs during the load test's first phases, so those phases measure the database
     * catching up rather than the endpoint.
     *
     * @param dsl a context on the target database, in auto-commit mode
     */
    public static void indexAndAnalyze(DSLContext dsl) {
        for (String ddl : KEYS_AND_INDEXES) {
            dsl.execute(ddl);
        }
        dsl.execute("VACUUM (ANALYZE) authors, books, users, orders, order_items");
    }

    /**
     * Creates what the tuned mode relies on, if missing: the prefix index for the case-insensitive title search.
     *
     * @param dsl a context on the target database
     */
    public static void applyTuning(DSLContext dsl) {
        dsl.execute("CREATE INDEX IF NOT EXISTS " + TITLE_SEARCH_INDEX + " ON books (lower(title) text_pattern_ops)");
        dsl.execute("ANALYZE books");
    }
}
