package io.perfkit.examples.bookstore;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The bookstore's JSON endpoints ({@link Route}), each answered the naive or the tuned way ({@link Mode}). */
final class BookstoreServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(BookstoreServlet.class);

    static final int DEFAULT_PAGE_SIZE = 50;
    static final int DEFAULT_SEARCH_LIMIT = 20;
    static final int DEFAULT_CATALOG_LIMIT = 500;

    private final transient Queries queries;
    private final transient OrderItemsSource naiveItems;
    private final transient OrderItemsSource tunedItems;
    private final transient BookDetailCache cache;
    private final transient ObjectMapper json;
    private final Mode defaultMode;

    BookstoreServlet(Queries queries, OrderItemsSource naiveItems, OrderItemsSource tunedItems, BookDetailCache cache,
            ObjectMapper json, Mode defaultMode) {
        this.queries = queries;
        this.naiveItems = naiveItems;
        this.tunedItems = tunedItems;
        this.cache = cache;
        this.json = json;
        this.defaultMode = defaultMode;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            Route.Match match = RequestFilter.matchOf(request);
            if (match == null) {
                send(response, HttpServletResponse.SC_NOT_FOUND, new Api.Error("no such endpoint: "
                        + request.getMethod() + " " + request.getRequestURI()));
                return;
            }
            Mode mode = Mode.of(request, defaultMode);
            Object body = handle(match, mode, request);
            send(response, body instanceof Api.Error ? HttpServletResponse.SC_NOT_FOUND : HttpServletResponse.SC_OK,
                    body);
        } catch (IllegalArgumentException e) {
            send(response, HttpServletResponse.SC_BAD_REQUEST, new Api.Error(e.getMessage()));
        } catch (RuntimeException e) {
            LOG.error("Request failed: {} {}", request.getMethod(), request.getRequestURI(), e);
            send(response, HttpServletResponse.SC_INTERNAL_SERVER_ERROR, new Api.Error("internal error"));
        }
    }

    private Object handle(Route.Match match, Mode mode, HttpServletRequest request) throws IOException {
        switch (match.route()) {
            case USER_ORDERS:
                return userOrders(match.id(), mode);
            case BOOK_SEARCH:
                return search(request, mode);
            case BOOK_LIST:
                return list(request, mode);
            case BOOK_DETAIL:
                return detail(match.id(), mode).<Object>map(d -> d)
                        .orElseGet(() -> new Api.Error("no book " + match.id()));
            case BOOK_PRICE:
                return changePrice(match.id(), request);
            case CATALOG:
                return catalog(request);
            case HEALTH:
                return Map.of("status", "UP");
            default:
                throw new IllegalStateException("unhandled route " + match.route());
        }
    }

    private Object userOrders(long userId, Mode mode) {
        List<Api.Order> orders;
        if (mode == Mode.TUNED) {
            // Most users have orders: ask whether the user exists only when there is nothing to show.
            orders = queries.ordersOf(userId);
            if (orders.isEmpty() && !queries.userExists(userId)) {
                return new Api.Error("no user " + userId);
            }
        } else {
            if (!queries.userExists(userId)) {
                return new Api.Error("no user " + userId);
            }
            orders = queries.ordersOf(userId);
        }
        List<Long> ids = orders.stream().map(Api.Order::id).toList();
        Map<Long, List<Api.OrderItem>> items = (mode == Mode.TUNED ? tunedItems : naiveItems).itemsByOrder(ids);
        return new Api.UserOrders(userId, orders.stream()
                .map(o -> new Api.Order(o.id(), o.createdAt(), o.status(), o.total(),
                        List.copyOf(items.getOrDefault(o.id(), List.of()))))
                .toList());
    }

    private Api.SearchResult search(HttpServletRequest request, Mode mode) {
        String q = param(request, "q");
        if (q == null || q.strip().length() < 2 || q.length() > 100) {
            throw new IllegalArgumentException("q must be a title prefix of 2 to 100 characters");
        }
        int limit = intParam(request, "limit", DEFAULT_SEARCH_LIMIT, 1, 100);
        return new Api.SearchResult(q, mode == Mode.TUNED ? queries.searchIndexed(q, limit)
                : queries.searchIlike(q, limit));
    }

    private Api.BookPage list(HttpServletRequest request, Mode mode) {
        int size = intParam(request, "size", DEFAULT_PAGE_SIZE, 1, 200);
        if (mode == Mode.TUNED) {
            String cursor = param(request, "cursor");
            return queries.pageAfter(cursor == null ? null : PageCursor.decode(cursor), size);
        }
        return queries.pageByOffset(intParam(request, "page", 0, 0, 1_000_000), size);
    }

    private Optional<Api.BookDetail> detail(long id, Mode mode) {
        return mode == Mode.TUNED ? cache.get(id, queries::bookDetail) : queries.bookDetail(id);
    }

    private Object changePrice(long id, HttpServletRequest request) throws IOException {
        Api.PriceChange change;
        try {
            change = json.readValue(request.getInputStream(), Api.PriceChange.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("the body must be JSON like {\"price\": 12.99}", e);
        }
        BigDecimal price = change == null ? null : change.price();
        if (price == null || price.signum() <= 0 || price.scale() > 2
                || price.compareTo(new BigDecimal("999999.99")) > 0) {
            throw new IllegalArgumentException("price must be positive, below 1,000,000, with at most two decimals");
        }
        if (!queries.updatePrice(id, price)) {
            return new Api.Error("no book " + id);
        }
        // In both modes: a naive request must not leave a stale entry behind for tuned readers.
        cache.invalidate(id);
        return queries.bookDetail(id).<Object>map(d -> d).orElseGet(() -> new Api.Error("no book " + id));
    }

    private Api.Catalog catalog(HttpServletRequest request) {
        String genre = param(request, "genre");
        if (genre == null || genre.isBlank() || genre.length() > 50) {
            throw new IllegalArgumentException("genre must be a genre name, such as Fantasy");
        }
        return queries.catalog(genre, intParam(request, "limit", DEFAULT_CATALOG_LIMIT, 1, 2000));
    }

    private void send(HttpServletResponse response, int status, Object body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    private static @Nullable String param(HttpServletRequest request, String name) {
        return request.getParameter(name);
    }

    static int intParam(HttpServletRequest request, String name, int fallback, int min, int max) {
        String value = request.getParameter(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " must be a number from " + min + " to " + max + ", but was '"
                + value + "'");
    }
}
