package io.perfkit.query.keyset;

import io.perfkit.core.Require;

/**
 * One column of a page's sort order. The name must be one the {@link KeysetPager} was told is sortable;
 * anything else is rejected before any SQL is built.
 *
 * <pre>{@code
 * PageRequest.first(20, SortColumn.desc("published_at"), SortColumn.asc("title"));
 * }</pre>
 *
 * @param column the column name, as declared sortable on the pager
 * @param direction the direction
 */
public record SortColumn(String column, Direction direction) {
    /**
     * Validates the parts.
     *
     * @param column the column name
     * @param direction the direction
     */
    public SortColumn {
        Require.nonNull(column, "column");
        Require.nonNull(direction, "direction");
    }

    /**
     * @param column the column name
     * @return an ascending sort on {@code column}
     */
    public static SortColumn asc(String column) {
        return new SortColumn(column, Direction.ASC);
    }

    /**
     * @param column the column name
     * @return a descending sort on {@code column}
     */
    public static SortColumn desc(String column) {
        return new SortColumn(column, Direction.DESC);
    }
}
