package io.perfkit.query.batch;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * Loads the values of many keys in one round trip; what a {@link BatchLoader} calls. {@link AnyArrayQuery}
 * builds one from a SQL query with {@code = ANY(?)}; write your own for anything else (jOOQ, an HTTP batch API).
 *
 * <pre>{@code
 * BatchFunction<Long, Author> authors = ids -> dsl.selectFrom(AUTHOR).where(AUTHOR.ID.in(ids))
 *         .fetchMap(AUTHOR.ID, r -> r.into(Author.class));
 * }</pre>
 *
 * @param <K> the key type; its {@code equals}/{@code hashCode} must match the keys in the returned map
 * @param <V> the value type
 */
@FunctionalInterface
public interface BatchFunction<K, V> {
    /**
     * Loads the given keys.
     *
     * @param keys distinct keys, at most the loader's {@code maxBatchSize}, never empty
     * @return the values found, by key; keys with no value are simply absent, and keys that were not asked for
     *     are ignored
     * @throws SQLException when the load fails
     */
    Map<K, V> load(List<K> keys) throws SQLException;
}
