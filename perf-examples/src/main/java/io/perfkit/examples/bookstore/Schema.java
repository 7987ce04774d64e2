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

    private static final List<String> TABLES = List.of(
            "CREATE TABLE authors ("
                    + " id bigint PRIMARY KEY,"
                    + " name text NOT NULL,"
                    + " country text NOT NULL)",
            "CREATE TABLE books ("
                    + " id bigint PRIMARY KEY,"
                    + " author_id bigint NOT NULL REFERENCES authors (id),"
                    + " title text NOT NULL,"
                    + " isbn text NOT NULL UNIQUE,"
                    + " genre text NOT NULL,"
                    + " price numeric(8, 2) NOT NULL,"
                    + " published_on date NOT NULL,"
                    + " pages integer NOT NULL,"
                    + " description text NOT NULL)",
            "CREATE TABLE users ("
                    + " id bigint PRIMARY KEY,"
                    + " email text NOT NULL UNIQUE,"
                    + " name text NOT NULL,"
                    + " created_at timestamptz NOT NULL)",
            "CREATE TABLE orders ("
                    + " id bigint PRIMARY KEY,"
                    + " user_id bigint NOT NULL REFERENCES users (id),"
                    + " created_at timestamptz NOT NULL,"
                    + " status text NOT NULL,"
                    + " total numeric(10, 2) NOT NULL)",
            "CREATE TABLE order_items ("
                    + " order_id bigint NOT NULL REFERENCES orders (id),"
                    + " line_no integer NOT NULL,"
                    + " book_id bigint NOT NULL REFERENCES books (id),"
                    + " quantity integer NOT NULL,"
                    + " unit_price numeric(8, 2) NOT NULL,"
                    + " PRIMARY KEY (order_id, line_no))",
            "CREATE TABLE seed_info ("
                    + " authors bigint NOT NULL, books bigint NOT NULL, users bigint NOT NULL,"
                    + " orders bigint NOT NULL, order_items bigint NOT NULL, seed bigint NOT NULL)");

    /** Built after the bulk load: building an index once is much faster than maintaining it row by row. */
    private static final List<String> BASE_INDEXES = List.of(
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
     * Creates the base indexes and refreshes the planner statistics; called once the data is loaded.
     *
     * @param dsl a context on the target database
     */
    public static void indexAndAnalyze(DSLContext dsl) {
        for (String ddl : BASE_INDEXES) {
            dsl.execute(ddl);
        }
        dsl.execute("ANALYZE authors, books, users, orders, order_items");
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
