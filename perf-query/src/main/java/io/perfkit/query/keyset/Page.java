package io.perfkit.query.keyset;

import io.perfkit.core.Require;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One page of rows and the way to the next.
 *
 * @param items the rows of this page, at most the requested size
 * @param nextCursor the cursor of the next page, present exactly when {@code hasMore}
 * @param hasMore whether at least one more row follows this page
 * @param <T> the row type
 */
public record Page<T>(List<T> items, Optional<String> nextCursor, boolean hasMore) {
    /**
     * Validates and copies the parts.
     *
     * @param items the rows
     * @param nextCursor the next cursor
     * @param hasMore whether more rows follow
     */
    public Page {
        items = List.copyOf(Require.nonNull(items, "items"));
        Require.nonNull(nextCursor, "nextCursor");
        Require.argument(hasMore == nextCursor.isPresent(), "nextCursor must be present exactly when hasMore");
    }

    static <T> Page<T> of(List<T> items, @Nullable String nextCursor) {
        return new Page<>(items, Optional.ofNullable(nextCursor), nextCursor != null);
    }
}
