package io.perfkit.query.batch;

import io.perfkit.core.Require;
import io.perfkit.query.stream.RowMapper;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * {@link BatchFunction}s that run one SQL query with a single array parameter, PostgreSQL's
 * {@code WHERE key = ANY(?)}. One array bind keeps one statement shape whatever the number of keys (unlike
 * {@code IN (?, ?, ...)}, which makes a new shape, a new server-side prepared statement and a new metric series
 * per list length).
 *
 * <pre>{@code
 * BatchFunction<Long, Author> authors = AnyArrayQuery.toOne(dataSource,
 *         "SELECT id, name FROM author WHERE id = ANY(?)", "bigint",
 *         rs -> rs.getLong("id"), rs -> new Author(rs.getLong("id"), rs.getString("name")));
 * }</pre>
 *
 * <p>The SQL is yours and must contain exactly one {@code ?}, bound to the array of keys; it is a constant in
 * your code, never built from input. Each batch takes a connection from the {@code DataSource} and closes it.
 */
public final class AnyArrayQuery {
    /**
     * A PostgreSQL type name such as {@code bigint}, {@code int4}, {@code text}, {@code uuid},
     * {@code character varying}.
     */
    private static final Pattern TYPE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*( [A-Za-z_][A-Za-z0-9_]*)*");

    private AnyArrayQuery() {}

    /**
     * A one-to-one batch function: each key has at most one row.
     *
     * @param dataSource where each batch takes its connection
     * @param sql the query, with one {@code ?} for the key array, e.g. {@code ... WHERE id = ANY(?)}
     * @param arrayElementType the SQL type of the keys, as {@link Connection#createArrayOf} wants it
     *     ({@code "bigint"}, {@code "text"}, {@code "uuid"})
     * @param keyMapper reads the key of a row; must return keys equal to the ones asked for (a {@code Long} for
     *     {@code Long} keys)
     * @param valueMapper maps the row
     * @param <K> the key type
     * @param <V> the value type
     * @return the batch function; it fails with {@link IllegalStateException} when two rows have the same key
     */
    public static <K, V> BatchFunction<K, V> toOne(DataSource dataSource, String sql, String arrayElementType,
                                                   RowMapper<K> keyMapper, RowMapper<V> valueMapper) {
        check(dataSource, sql, arrayElementType, keyMapper, valueMapper);
        return new BatchFunction<>() {
            @Override
            public Map<K, V> load(List<K> keys) throws SQLException {
                Map<K, V> result = new HashMap<>(keys.size() * 2);
                query(dataSource, sql, arrayElementType, keys, rs -> {
                    K key = keyMapper.map(rs);
                    V previous = result.put(key, valueMapper.map(rs));
                    Require.state(previous == null,
                            "query returned two rows for one key (%s); use AnyArrayQuery.toMany for one-to-many", key);
                });
                return result;
            }

            @Override
            public String toString() {
                return "AnyArrayQuery.toOne[" + sql + "]";
            }
        };
    }

    /**
     * A one-to-many batch function: each key has any number of rows, returned as a list in the query's row
     * order (add an {@code ORDER BY} to fix it). Every key asked for gets a list, empty when it has no rows.
     *
     * @param dataSource where each batch takes its connection
     * @param sql the query, with one {@code ?} for the key array, e.g. {@code ... WHERE book_id = ANY(?) ORDER BY id}
     * @param arrayElementType the SQL type of the keys
     * @param keyMapper reads the key a row belongs to
     * @param valueMapper maps the row
     * @param <K> the key type
     * @param <V> the element type
     * @return the batch function
     */
    public static <K, V> BatchFunction<K, List<V>> toMany(DataSource dataSource, String sql, String arrayElementType,
                                                          RowMapper<K> keyMapper, RowMapper<V> valueMapper) {
        check(dataSource, sql, arrayElementType, keyMapper, valueMapper);
        return new BatchFunction<>() {
            @Override
            public Map<K, List<V>> load(List<K> keys) throws SQLException {
                Map<K, List<V>> result = new HashMap<>(keys.size() * 2);
                for (K key : keys) {
                    result.put(key, new ArrayList<>(4));
                }
                query(dataSource, sql, arrayElementType, keys, rs -> {
                    List<V> list = result.get(keyMapper.map(rs));
                    if (list != null) {
                        list.add(valueMapper.map(rs));
                    }
                });
                result.replaceAll((k, list) -> List.copyOf(list));
                return result;
            }

            @Override
            public String toString() {
                return "AnyArrayQuery.toMany[" + sql + "]";
            }
        };
    }

    private static void check(DataSource dataSource, String sql, String arrayElementType,
                              RowMapper<?> keyMapper, RowMapper<?> valueMapper) {
        Require.nonNull(dataSource, "dataSource");
        Require.nonBlank(sql, "sql");
        Require.argument(sql.chars().filter(c -> c == '?').count() == 1,
                "sql must contain exactly one ? (the key array), but was: %s", sql);
        Require.nonBlank(arrayElementType, "arrayElementType");
        Require.argument(TYPE_NAME.matcher(arrayElementType).matches(),
                "arrayElementType must be a SQL type name such as bigint, text or uuid, but was '%s'",
                arrayElementType);
        Require.nonNull(keyMapper, "keyMapper");
        Require.nonNull(valueMapper, "valueMapper");
    }

    private interface RowHandler {
        void handle(ResultSet rs) throws SQLException;
    }

    private static void query(DataSource dataSource, String sql, String type, List<?> keys, RowHandler handler)
            throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(sql)) {
            Array array = c.createArrayOf(type, keys.toArray());
            try {
                ps.setArray(1, array);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        handler.handle(rs);
                    }
                }
            } finally {
                array.free();
            }
        }
    }
}
