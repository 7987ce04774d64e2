package io.perfkit.examples.bookstore;

import java.util.List;
import java.util.Map;

/**
 * Loads the lines of a list of orders. The seam for the orders endpoint's cure: the naive source
 * ({@link #perOrder(Queries)}) loads each order's lines and each line's title one statement at a time, the classic
 * N+1; the tuned one ({@link #batched(Queries)}) loads them all with perf-query's {@code BatchLoader}, in one
 * statement with {@code order_id = ANY(?)}.
 */
public interface OrderItemsSource {
    /**
     * Loads the lines of the given orders.
     *
     * @param orderIds the orders, in display order
     * @return each order's lines by line number; every given id is a key (an empty list if it has none)
     */
    Map<Long, List<Api.OrderItem>> itemsByOrder(List<Long> orderIds);

    /**
     * The naive source: one statement per order, then one per line for the title.
     *
     * @param queries the statements
     * @return the source
     */
    static OrderItemsSource perOrder(Queries queries) {
        return queries::itemsOneByOne;
    }

    /**
     * The tuned source: perf-query's {@code BatchLoader}, one statement for all orders, with the titles joined in.
     *
     * @param queries the statements
     * @return the source
     */
    static OrderItemsSource batched(Queries queries) {
        return queries::itemsBatched;
    }
}
