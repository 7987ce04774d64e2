package io.perfkit.query.stream;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Turns the current row of a {@link ResultSet} into a value. The same shape as jOOQ's {@code RecordMapper} and
 * Spring's {@code RowMapper}, so existing mapping code ports as a lambda; shared by the perf-query helpers
 * (streaming, batch loading, keyset pagination).
 *
 * <pre>{@code
 * RowMapper<Book> books = rs -> new Book(rs.getLong("id"), rs.getString("title"));
 * }</pre>
 *
 * <p>A mapper reads the current row only: it must not call {@link ResultSet#next()} or close the result set.
 *
 * @param <T> the mapped type
 */
@FunctionalInterface
public interface RowMapper<T> {
    /**
     * Maps the current row.
     *
     * @param rs the result set, positioned on the row to map
     * @return the value for this row; never null
     * @throws SQLException when reading a column fails
     */
    T map(ResultSet rs) throws SQLException;
}
