package io.perfkit.examples.bookstore;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** The bookstore's endpoints, each with its route template (the bounded name used for scopes and metrics). */
public enum Route {
    /** {@code GET /users/{id}/orders}: a user's orders with their lines (N+1 vs one batched statement). */
    USER_ORDERS("GET", "/users/{id}/orders"),
    /** {@code GET /books/search?q=}: books whose title starts with a prefix (sequential scan vs index). */
    BOOK_SEARCH("GET", "/books/search"),
    /** {@code GET /books?page=|cursor=}: the listing, newest first (OFFSET vs keyset). */
    BOOK_LIST("GET", "/books"),
    /** {@code GET /books/{id}}: one book's details (no cache vs cache). */
    BOOK_DETAIL("GET", "/books/{id}"),
    /** {@code PUT /books/{id}/price}: changes a price and invalidates the cached details. */
    BOOK_PRICE("PUT", "/books/{id}/price"),
    /** {@code GET /catalog?genre=}: a genre's books with blurbs, the large response (plain vs gzip and ETag). */
    CATALOG("GET", "/catalog"),
    /** {@code GET /health}: liveness. */
    HEALTH("GET", "/health");

    private final String method;
    private final String template;

    Route(String method, String template) {
        this.method = method;
        this.template = template;
    }

    /** @return the HTTP method */
    public String method() {
        return method;
    }

    /** @return the route template, such as {@code /books/{id}} */
    public String template() {
        return template;
    }

    /** @return method and template, such as {@code GET /books/{id}} */
    public String label() {
        return method + " " + template;
    }

    /**
     * A matched request: the route and the id in its path, if the template has one.
     *
     * @param route the route
     * @param id the path id, or -1
     */
    record Match(Route route, long id) {}

    /**
     * Matches a request to a route.
     *
     * @param method the HTTP method
     * @param path the path within the service, such as {@code /books/42}
     * @return the match, or null when no route matches (including a non-numeric id)
     * @throws IllegalArgumentException when an id in the path is not a positive number
     */
    static @Nullable Match match(String method, String path) {
        String m = method.toUpperCase(Locale.ROOT);
        String[] parts = path.length() > 1 && path.endsWith("/")
                ? path.substring(1, path.length() - 1).split("/") : path.substring(1).split("/");
        if (parts.length == 1) {
            switch (parts[0]) {
                case "books":
                    return m.equals("GET") ? new Match(BOOK_LIST, -1) : null;
                case "catalog":
                    return m.equals("GET") ? new Match(CATALOG, -1) : null;
                case "health":
                    return m.equals("GET") ? new Match(HEALTH, -1) : null;
                default:
                    return null;
            }
        }
        if (parts.length == 2 && parts[0].equals("books")) {
            if (parts[1].equals("search")) {
                return m.equals("GET") ? new Match(BOOK_SEARCH, -1) : null;
            }
            return m.equals("GET") ? new Match(BOOK_DETAIL, id(parts[1])) : null;
        }
        if (parts.length == 3 && parts[0].equals("books") && parts[2].equals("price")) {
            return m.equals("PUT") ? new Match(BOOK_PRICE, id(parts[1])) : null;
        }
        if (parts.length == 3 && parts[0].equals("users") && parts[2].equals("orders")) {
            return m.equals("GET") ? new Match(USER_ORDERS, id(parts[1])) : null;
        }
        return null;
    }

    private static long id(String segment) {
        try {
            long id = Long.parseLong(segment);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("the id in the path must be a positive number, but was '" + segment + "'");
    }
}
