package io.perfkit.examples.bookstore;

import io.perfkit.query.batch.BatchLoader;
import io.perfkit.query.batch.BatchLoaderStats;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

/**
 * Every statement the bookstore runs, through jOOQ's plain-SQL API (the service has no generated classes). Each
 * endpoint's naive and tuned variants sit side by side; they return equal results.
 */
public final class Queries {
    private static final String SUMMARY_COLUMNS =
            "b.id, b.title, a.name AS author, b.genre, b.price, b.published_on FROM books b"
                    + " JOIN authors a ON a.id = b.author_id";

    private final DSLContext dsl;
    private final BatchLoader<Long, List<Api.OrderItem>> itemsByOrder;

    /**
     * Creates the statements over a context.
     *
     * @param dsl a jOOQ context whose connections reach the bookstore schema
     */
    public Queries(DSLContext dsl) {
        this.dsl = dsl;
        this.itemsByOrder = BatchLoader.<Long, List<Api.OrderItem>>builder(this::loadItems).name("order-items").build();
    }

    // ---- orders with items -------------------------------------------------------------------------------------

    /**
     * Tells whether a user exists.
     *
     * @param userId the user
     * @return true if so
     */
    public boolean userExists(long userId) {
        return dsl.fetchOptional("SELECT 1 FROM users WHERE id = ?", userId).isPresent();
    }

    /**
     * A user's orders without their lines, newest first.
     *
     * @param userId the user
     * @return the orders, with empty item lists
     */
    public List<Api.Order> ordersOf(long userId) {
        List<Api.Order> orders = new ArrayList<>();
        for (Record r : dsl.fetch("SELECT id, created_at, status, total FROM orders WHERE user_id = ?"
                + " ORDER BY created_at DESC, id DESC", userId)) {
            orders.add(new Api.Order(r.get(0, Long.class), r.get(1, OffsetDateTime.class).toInstant().toString(),
                    r.get(2, String.class), r.get(3, BigDecimal.class), List.of()));
        }
        return orders;
    }

    /** The N+1 way: one statement per order for its lines, and one per line for the book's title. */
    Map<Long, List<Api.OrderItem>> itemsOneByOne(List<Long> orderIds) {
        Map<Long, List<Api.OrderItem>> result = new LinkedHashMap<>();
        for (long orderId : orderIds) {
            List<Api.OrderItem> items = new ArrayList<>();
            for (Record r : dsl.fetch("SELECT line_no, book_id, quantity, unit_price FROM order_items"
                    + " WHERE order_id = ? ORDER BY line_no", orderId)) {
                long bookId = r.get(1, Long.class);
                String title = dsl.fetchValue(dsl.resultQuery("SELECT title FROM books WHERE id = ?", bookId)
                        .coerce(DSL.field("title", String.class)));
                items.add(new Api.OrderItem(r.get(0, Integer.class), bookId, title == null ? "" : title,
                        r.get(2, Integer.class), r.get(3, BigDecimal.class)));
            }
            result.put(orderId, items);
        }
        return result;
    }

    /**
     * The batched way, through perf-query's {@link BatchLoader}: one statement for every order's lines, titles
     * joined in ({@code order_id = ANY(?)}, one array bind whatever the number of orders), chunked at 1,000 orders,
     * each order loaded at most once per request.
     */
    Map<Long, List<Api.OrderItem>> itemsBatched(List<Long> orderIds) {
        Map<Long, List<Api.OrderItem>> found;
        try {
            found = itemsByOrder.loadAll(orderIds);
        } catch (SQLException e) {
            throw new DataAccessException("Loading the lines of " + orderIds.size() + " orders failed", e);
        }
        Map<Long, List<Api.OrderItem>> result = new LinkedHashMap<>();
        for (long orderId : orderIds) {
            result.put(orderId, found.getOrDefault(orderId, List.of()));
        }
        return result;
    }

    /** @return what the tuned orders' {@link BatchLoader} did so far: batches, keys asked for and loaded */
    public BatchLoaderStats orderItemsLoaderStats() {
        return itemsByOrder.stats();
    }

    /** The batch function behind {@link #itemsBatched}: the lines of the given orders, by order. */
    private Map<Long, List<Api.OrderItem>> loadItems(List<Long> orderIds) {
        Map<Long, List<Api.OrderItem>> result = new HashMap<>();
        for (long orderId : orderIds) {
            result.put(orderId, new ArrayList<>());
        }
        Long[] ids = orderIds.toArray(new Long[0]);
        for (Record r : dsl.fetch("SELECT oi.order_id, oi.line_no, oi.book_id, b.title, oi.quantity, oi.unit_price"
                + " FROM order_items oi JOIN books b ON b.id = oi.book_id"
                + " WHERE oi.order_id = ANY(?) ORDER BY oi.order_id, oi.line_no", DSL.val(ids))) {
            List<Api.OrderItem> items = result.get(r.get(0, Long.class));
            if (items != null) {
                items.add(new Api.OrderItem(r.get(1, Integer.class), r.get(2, Long.class), r.get(3, String.class),
                        r.get(4, Integer.class), r.get(5, BigDecimal.class)));
            }
        }
        result.replaceAll((id, items) -> List.copyOf(items));
        return result;
    }

    // ---- search --------------------------------------------------------------------------------------------------

    /**
     * The naive search: {@code ILIKE}, which no B-tree index can serve, so PostgreSQL reads every book.
     *
     * @param prefix the title prefix, taken literally
     * @param limit the most results
     * @return matching books by title, then id
     */
    public List<Api.BookSummary> searchIlike(String prefix, int limit) {
        return summaries(dsl.fetch("SELECT " + SUMMARY_COLUMNS + " WHERE b.title ILIKE ? ESCAPE '!'"
                + " ORDER BY b.title, b.id LIMIT ?", likePrefix(prefix), limit));
    }

    /**
     * The tuned search: {@code lower(title) LIKE 'prefix%'}, served by the expression index
     * {@value Schema#TITLE_SEARCH_INDEX}.
     *
     * @param prefix the title prefix, taken literally
     * @param limit the most results
     * @return matching books by title, then id (the same as {@link #searchIlike(String, int)})
     */
    public List<Api.BookSummary> searchIndexed(String prefix, int limit) {
        return summaries(dsl.fetch("SELECT " + SUMMARY_COLUMNS + " WHERE lower(b.title) LIKE ? ESCAPE '!'"
                + " ORDER BY b.title, b.id LIMIT ?", likePrefix(prefix.toLowerCase(Locale.ROOT)), limit));
    }

    /** Escapes LIKE's wildcards so user input is matched literally, and appends the prefix wildcard. */
    static String likePrefix(String prefix) {
        StringBuilder sb = new StringBuilder(prefix.length() + 2);
        for (int i = 0; i < prefix.length(); i++) {
            char c = prefix.charAt(i);
            if (c == '%' || c == '_' || c == '!') {
                sb.append('!');
            }
            sb.append(c);
        }
        return sb.append('%').toString();
    }

    // ---- deep listing --------------------------------------------------------------------------------------------

    /**
     * The naive listing: {@code OFFSET page * size}, which reads and discards every row before the page.
     *
     * @param page the page, from 0
     * @param size rows per page
     * @return the page, newest first
     */
    public Api.BookPage pageByOffset(int page, int size) {
        return page(dsl.fetch("SELECT " + SUMMARY_COLUMNS + " ORDER BY b.published_on DESC, b.id DESC"
                + " OFFSET ? LIMIT ?", (long) page * size, size), size);
    }

    /**
     * The tuned listing: a keyset seek past the previous page's last row, which reads only the page. Hand-written
     * rather than perf-query's {@code KeysetPager}: that pages a single table (this joins authors) and signs its
     * cursors, and the naive offset pages must hand out the same {@link PageCursor} as these (see
     * docs/examples.md).
     *
     * @param after the previous page's cursor, or null for the first page
     * @param size rows per page
     * @return the page, newest first (the same rows as the equivalent offset page)
     */
    public Api.BookPage pageAfter(@Nullable PageCursor after, int size) {
        if (after == null) {
            return page(dsl.fetch("SELECT " + SUMMARY_COLUMNS + " ORDER BY b.published_on DESC, b.id DESC"
                    + " LIMIT ?", size), size);
        }
        return page(dsl.fetch("SELECT " + SUMMARY_COLUMNS + " WHERE (b.published_on, b.id) < (?, ?)"
                + " ORDER BY b.published_on DESC, b.id DESC LIMIT ?", after.publishedOn(), after.id(), size), size);
    }

    private static Api.BookPage page(List<? extends Record> rows, int size) {
        List<Api.BookSummary> books = summaries(rows);
        String next = null;
        if (books.size() == size) {
            Api.BookSummary last = books.get(books.size() - 1);
            next = new PageCursor(LocalDate.parse(last.publishedOn()), last.id()).encode();
        }
        return new Api.BookPage(books, next);
    }

    // ---- detail and price updates --------------------------------------------------------------------------------

    /**
     * Loads a book's details: the book with its author, then the copies sold.
     *
     * @param id the book
     * @return the details, or empty when there is no such book
     */
    public Optional<Api.BookDetail> bookDetail(long id) {
        Record r = dsl.fetchOne("SELECT b.id, b.title, b.isbn, b.genre, b.price, b.published_on, b.pages,"
                + " b.description, a.id, a.name, a.country FROM books b JOIN authors a ON a.id = b.author_id"
                + " WHERE b.id = ?", id);
        if (r == null) {
            return Optional.empty();
        }
        Long sold = dsl.fetchValue(dsl.resultQuery("SELECT coalesce(sum(quantity), 0) FROM order_items"
                + " WHERE book_id = ?", id).coerce(DSL.field("sold", Long.class)));
        return Optional.of(new Api.BookDetail(r.get(0, Long.class), r.get(1, String.class), r.get(2, String.class),
                r.get(3, String.class), r.get(4, BigDecimal.class), r.get(5, LocalDate.class).toString(),
                r.get(6, Integer.class), r.get(7, String.class),
                new Api.Author(r.get(8, Long.class), r.get(9, String.class), r.get(10, String.class)),
                sold == null ? 0 : sold));
    }

    /**
     * Sets a book's price.
     *
     * @param id the book
     * @param price the new price
     * @return true if the book exists
     */
    public boolean updatePrice(long id, BigDecimal price) {
        return dsl.execute("UPDATE books SET price = ? WHERE id = ?", price, id) == 1;
    }

    // ---- catalog -------------------------------------------------------------------------------------------------

    /**
     * A genre's books with their blurbs, by title: the large response of the service.
     *
     * @param genre the genre
     * @param limit the most books
     * @return the catalog
     */
    public Api.Catalog catalog(String genre, int limit) {
        List<Api.CatalogEntry> books = new ArrayList<>();
        for (Record r : dsl.fetch("SELECT b.id, b.title, a.name, b.price, b.published_on, b.pages, b.description"
                + " FROM books b JOIN authors a ON a.id = b.author_id WHERE b.genre = ?"
                + " ORDER BY b.title, b.id LIMIT ?", genre, limit)) {
            books.add(new Api.CatalogEntry(r.get(0, Long.class), r.get(1, String.class), r.get(2, String.class),
                    r.get(3, BigDecimal.class), r.get(4, LocalDate.class).toString(), r.get(5, Integer.class),
                    r.get(6, String.class)));
        }
        return new Api.Catalog(genre, books);
    }

    /**
     * The genres present, for clients that pick one.
     *
     * @return the genre names, sorted
     */
    public List<String> genres() {
        return dsl.fetch("SELECT DISTINCT genre FROM books ORDER BY genre").getValues(0, String.class);
    }

    private static List<Api.BookSummary> summaries(List<? extends Record> rows) {
        List<Api.BookSummary> books = new ArrayList<>(rows.size());
        for (Record r : rows) {
            books.add(new Api.BookSummary(r.get(0, Long.class), r.get(1, String.class), r.get(2, String.class),
                    r.get(3, String.class), r.get(4, BigDecimal.class), r.get(5, LocalDate.class).toString()));
        }
        return books;
    }
}
