package io.perfkit.query.keyset;

import io.perfkit.core.Require;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a client asks for: a page size, and either a sort order (first page) or the cursor of the previous page.
 * The cursor carries its sort order, so a client only sends the cursor back.
 *
 * <pre>{@code
 * PageRequest first = PageRequest.first(20, SortColumn.desc("published_at"));
 * PageRequest next = PageRequest.after(page.nextCursor().orElseThrow(), 20);
 * }</pre>
 *
 * @param size the largest number of rows wanted
 * @param sort the sort order; empty means the pager's default (first page) or the cursor's (later pages)
 * @param cursor the previous page's {@link Page#nextCursor()}, or empty for the first page
 */
public record PageRequest(int size, List<SortColumn> sort, Optional<String> cursor) {
    /**
     * Validates the parts. The size is checked against the pager's maximum when the page is fetched.
     *
     * @param size the page size, at least 1
     * @param sort the sort order
     * @param cursor the cursor
     */
    public PageRequest {
        if (size < 1) {
            throw new InvalidPageRequestException("page size must be >= 1, but was " + size);
        }
        sort = List.copyOf(Require.nonNull(sort, "sort"));
        Require.nonNull(cursor, "cursor");
    }

    /**
     * @param size the page size
     * @param sort the sort order; none means the pager's default
     * @return a request for the first page
     */
    public static PageRequest first(int size, SortColumn... sort) {
        return new PageRequest(size, List.of(sort), Optional.empty());
    }

    /**
     * @param cursor the previous page's next cursor, as the client sent it back
     * @param size the page size
     * @return a request for the page after the cursor, in the cursor's sort order
     */
    public static PageRequest after(String cursor, int size) {
        return new PageRequest(size, List.of(), Optional.of(Require.nonNull(cursor, "cursor")));
    }

    /**
     * Builds a request from what a web endpoint received: a blank or absent cursor means the first page.
     *
     * @param size the page size
     * @param sort the sort order, used for the first page
     * @param cursor the cursor, or null/blank
     * @return the request
     */
    public static PageRequest of(int size, List<SortColumn> sort, @Nullable String cursor) {
        return new PageRequest(size, sort,
                cursor == null || cursor.isBlank() ? Optional.empty() : Optional.of(cursor));
    }
}
