package io.perfkit.examples.bookstore;

import java.math.BigDecimal;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The JSON bodies the bookstore returns; the same in both modes. */
public final class Api {
    private Api() {}

    /**
     * An author.
     *
     * @param id the id
     * @param name the full name
     * @param country the country
     */
    public record Author(long id, String name, String country) {}

    /**
     * A book in a list: search results, listings.
     *
     * @param id the id
     * @param title the title
     * @param author the author's name
     * @param genre the genre
     * @param price the price
     * @param publishedOn the publication date, ISO-8601
     */
    public record BookSummary(long id, String title, String author, String genre, BigDecimal price,
            String publishedOn) {}

    /**
     * A book with everything the detail page shows.
     *
     * @param id the id
     * @param title the title
     * @param isbn the ISBN-13
     * @param genre the genre
     * @param price the price
     * @param publishedOn the publication date, ISO-8601
     * @param pages the page count
     * @param description the blurb
     * @param author the author
     * @param copiesSold copies sold over all orders
     */
    public record BookDetail(long id, String title, String isbn, String genre, BigDecimal price, String publishedOn,
            int pages, String description, Author author, long copiesSold) {}

    /**
     * One page of the listing, newest first.
     *
     * @param books the books on the page
     * @param nextCursor the keyset cursor of the next page, or null on the last page
     */
    public record BookPage(List<BookSummary> books, @Nullable String nextCursor) {}

    /**
     * The result of a title search.
     *
     * @param query the title prefix searched for
     * @param books the matching books, by title
     */
    public record SearchResult(String query, List<BookSummary> books) {}

    /**
     * A book in the catalog export, with its blurb.
     *
     * @param id the id
     * @param title the title
     * @param author the author's name
     * @param price the price
     * @param publishedOn the publication date, ISO-8601
     * @param pages the page count
     * @param description the blurb
     */
    public record CatalogEntry(long id, String title, String author, BigDecimal price, String publishedOn, int pages,
            String description) {}

    /**
     * A genre's catalog, by title.
     *
     * @param genre the genre
     * @param books the books
     */
    public record Catalog(String genre, List<CatalogEntry> books) {}

    /**
     * One line of an order.
     *
     * @param lineNo the line number, from 1
     * @param bookId the book
     * @param title the book's title
     * @param quantity copies ordered
     * @param unitPrice the price paid per copy
     */
    public record OrderItem(int lineNo, long bookId, String title, int quantity, BigDecimal unitPrice) {}

    /**
     * An order with its lines.
     *
     * @param id the id
     * @param createdAt when it was placed, ISO-8601 UTC
     * @param status PAID, SHIPPED or DELIVERED
     * @param total the order total
     * @param items the lines, in order
     */
    public record Order(long id, String createdAt, String status, BigDecimal total, List<OrderItem> items) {}

    /**
     * A user's orders, newest first.
     *
     * @param userId the user
     * @param orders the orders
     */
    public record UserOrders(long userId, List<Order> orders) {}

    /**
     * A new price for a book.
     *
     * @param price the price, positive, at most two decimals
     */
    public record PriceChange(@Nullable BigDecimal price) {}

    /**
     * An error.
     *
     * @param error what was wrong with the request
     */
    public record Error(String error) {}
}
