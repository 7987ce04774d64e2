package io.perfkit.query.keyset;

import io.perfkit.core.Require;
import io.perfkit.query.stream.RowMapper;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Keyset ("seek") pagination over one table, the cure for deep {@code OFFSET}: each page starts right after the
 * last row of the previous one, found through the index on the sort columns, instead of reading and throwing
 * away every earlier row. Page 10,000 costs what page 1 costs.
 *
 * <pre>{@code
 * KeysetPager books = KeysetPager.builder("book", CursorCodec.hmacSha256(secret))
 *     .select("id", "title", "published_at")
 *     .sortable("title")
 *     .sortableNullable("published_at")
 *     .uniqueKey("id")
 *     .defaultSort(SortColumn.desc("published_at"))
 *     .where("author_id = ?")
 *     .build();
 *
 * Page<Book> page = books.fetch(connection, PageRequest.of(20, List.of(), cursorParam), List.of(authorId), BOOK);
 * }</pre>
 *
 * <h2>The query</h2>
 * For sort columns {@code s1..sn} and the unique key {@code id} appended as the last tie-breaker, a page after a
 * cursor is {@code SELECT ... WHERE (where) AND (seek) ORDER BY s1 d1, ..., id dn LIMIT size + 1} (the limit written
 * as a literal, so PostgreSQL can cache one generic plan per page size); the extra row
 * tells whether there is a next page. When every column has the same direction and none is nullable, the seek is
 * the row comparison {@code (s1, ..., id) < (?, ..., ?)}, which PostgreSQL answers with one index range scan on
 * an index over the same columns in the same order. With mixed directions the row comparison would be wrong, so
 * the seek is expanded to {@code s1 > ? OR (s1 = ? AND s2 < ?) OR ...}, each column compared in its own
 * direction.
 *
 * <h2>NULLs</h2>
 * A column declared {@link Builder#sortableNullable} sorts as PostgreSQL sorts it by default (NULLs last
 * ascending, first descending), and the seek handles NULL cursor values with {@code IS NULL}/{@code IS NOT NULL}
 * terms, so rows with NULLs are neither skipped nor repeated. A column declared {@link Builder#sortable} that
 * turns out to hold a NULL fails the fetch with {@link IllegalStateException} naming the column, instead of
 * silently losing rows.
 *
 * <h2>What is safe to take from a client</h2>
 * The page size (checked against {@link Builder#maxPageSize}), the sort column names (only names declared
 * sortable are accepted; names are also checked to be plain identifiers and quoted), the directions, and the
 * cursor (signed by {@link CursorCodec}; a forged, altered or foreign one is an {@link InvalidCursorException}).
 * Each of these fails with an {@link InvalidPageRequestException} (HTTP 400) before any SQL is sent. The table, the
 * select list, the {@code where} text and the unique key are yours: constants in code, never input.
 *
 * <h2>Consistency while rows change</h2>
 * Each page is its own query, so paging sees rows committed between pages: a row inserted or moved
 * <em>ahead</em> of the cursor will be seen, one inserted or moved <em>behind</em> it will not, and every row
 * that existed throughout and kept its sort values is returned exactly once, never skipped or repeated (unlike
 * OFFSET, which repeats or skips a row for every row inserted or deleted before the current page).
 *
 * <p>Immutable and thread-safe; build one per listing at start-up.
 */
public final class KeysetPager {
    /** The default largest page size a request may ask for: {@value}. */
    public static final int DEFAULT_MAX_PAGE_SIZE = 1_000;

    private final String table;
    private final List<String> select; // raw names; empty means *
    private final Map<String, Boolean> sortable; // name -> nullable, in declaration order
    private final String uniqueKey;
    private final List<SortColumn> defaultSort;
    private final @Nullable String where;
    private final int whereParams;
    private final int maxPageSize;
    private final CursorCodec cursors;
    private final long fingerprint;

    private KeysetPager(Builder b) {
        this.table = b.table;
        this.select = List.copyOf(b.select);
        this.sortable = Collections.unmodifiableMap(new LinkedHashMap<>(b.sortable));
        this.uniqueKey = Require.nonNull(b.uniqueKey, "uniqueKey");
        this.defaultSort = List.copyOf(b.defaultSort);
        this.where = b.where;
        this.whereParams = b.where == null ? 0 : (int) b.where.chars().filter(c -> c == '?').count();
        this.maxPageSize = b.maxPageSize;
        this.cursors = b.cursors;
        this.fingerprint = fingerprint(table, select, uniqueKey, where);
    }

    /**
     * Starts a pager over {@code table}.
     *
     * @param table the table or view, optionally {@code schema.table}; a plain identifier, quoted in the SQL (so
     *     give it as stored: lower case unless it was created quoted)
     * @param cursors signs and checks the cursors
     * @return a builder
     */
    public static Builder builder(String table, CursorCodec cursors) {
        return new Builder(table, cursors);
    }

    /**
     * Fetches a page of a pager without a {@code where} clause.
     *
     * @param connection the connection to use; not closed
     * @param request what the client asked for
     * @param mapper maps each row
     * @param <T> the row type
     * @return the page
     * @throws InvalidPageRequestException when the request is not valid (HTTP 400); no SQL was sent
     * @throws SQLException when the query fails
     */
    public <T> Page<T> fetch(Connection connection, PageRequest request, RowMapper<T> mapper) throws SQLException {
        return fetch(connection, request, List.of(), mapper);
    }

    /**
     * Fetches a page.
     *
     * @param connection the connection to use; not closed
     * @param request what the client asked for
     * @param whereParams values for the {@code ?} placeholders of the {@code where} clause, in order; use the same
     *     values for every page of one listing
     * @param mapper maps each row
     * @param <T> the row type
     * @return the page
     * @throws InvalidPageRequestException when the request is not valid (HTTP 400); no SQL was sent
     * @throws SQLException when the query fails
     */
    public <T> Page<T> fetch(Connection connection, PageRequest request, List<? extends @Nullable Object> whereParams,
                             RowMapper<T> mapper) throws SQLException {
        Require.nonNull(connection, "connection");
        Require.nonNull(mapper, "mapper");
        Query query = prepare(request, whereParams);
        int size = request.size();
        List<T> items = new ArrayList<>(Math.min(size, 256));
        List<@Nullable Object> lastKey = null;
        boolean more = false;
        try (PreparedStatement ps = connection.prepareStatement(query.sql)) {
            for (int i = 0; i < query.params.size(); i++) {
                ps.setObject(i + 1, query.params.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (items.size() == size) {
                        more = true;
                        break;
                    }
                    T item = mapper.map(rs);
                    Require.state(item != null, "mapper returned null for row %s", items.size() + 1);
                    items.add(item);
                    if (items.size() == size) {
                        lastKey = readKey(rs, query.sort);
                    }
                }
            }
        }
        String next = more && lastKey != null
                ? cursors.encode(new CursorCodec.Position(fingerprint, query.sort, lastKey)) : null;
        return Page.of(items, next);
    }

    /**
     * Returns the SQL a request would run, for logging, {@code EXPLAIN} and tests; validates the request like
     * {@code fetch} does.
     *
     * @param request the request
     * @return the SQL text with {@code ?} placeholders
     * @throws InvalidPageRequestException when the request is not valid
     */
    public String sql(PageRequest request) {
        int params = whereParams;
        List<@Nullable Object> dummy = new ArrayList<>(params);
        for (int i = 0; i < params; i++) {
            dummy.add(null);
        }
        return prepare(request, dummy).sql;
    }

    /** The SQL and bind values of one page. */
    static final class Query {
        final String sql;
        final List<@Nullable Object> params;
        final List<SortColumn> sort;

        Query(String sql, List<@Nullable Object> params, List<SortColumn> sort) {
            this.sql = sql;
            this.params = params;
            this.sort = sort;
        }
    }

    Query prepare(PageRequest request, List<? extends @Nullable Object> whereValues) {
        Require.nonNull(request, "request");
        Require.nonNull(whereValues, "whereParams");
        Require.argument(whereValues.size() == whereParams,
                "whereParams must hold %s values for the where clause, but held %s", whereParams, whereValues.size());
        if (request.size() > maxPageSize) {
            throw new InvalidPageRequestException("page size must be <= " + maxPageSize + ", but was "
                    + request.size());
        }
        List<SortColumn> sort;
        List<@Nullable Object> after = null;
        if (request.cursor().isPresent()) {
            CursorCodec.Position position = cursors.decode(request.cursor().get(), fingerprint);
            sort = position.sort();
            validateSort(sort, true);
            if (!request.sort().isEmpty() && !effectiveSort(request.sort()).equals(sort)) {
                throw new InvalidPageRequestException("sort does not match the cursor's sort; send the cursor alone "
                        + "or start again from the first page");
            }
            after = position.values();
        } else {
            sort = effectiveSort(request.sort().isEmpty() ? defaultSort : request.sort());
        }

        StringBuilder sql = new StringBuilder(160).append("SELECT ");
        if (select.isEmpty()) {
            sql.append('*');
        } else {
            List<String> columns = new ArrayList<>(select);
            for (SortColumn s : sort) {
                if (!columns.contains(s.column())) {
                    columns.add(s.column());
                }
            }
            for (int i = 0; i < columns.size(); i++) {
                sql.append(i == 0 ? "" : ", ").append(quote(columns.get(i)));
            }
        }
        sql.append(" FROM ").append(table);
        List<@Nullable Object> params = new ArrayList<>(whereValues.size() + sort.size() * sort.size() + 1);
        String seek = after == null ? null : seek(sort, after, params);
        if (where != null || seek != null) {
            sql.append(" WHERE ");
            if (where != null) {
                sql.append('(').append(where).append(')');
                params.addAll(0, whereValues);
                if (seek != null) {
                    sql.append(" AND ");
                }
            }
            if (seek != null) {
                sql.append('(').append(seek).append(')');
            }
        }
        sql.append(" ORDER BY ");
        for (int i = 0; i < sort.size(); i++) {
            SortColumn s = sort.get(i);
            sql.append(i == 0 ? "" : ", ").append(quote(s.column())).append(' ').append(s.direction().name());
        }
        // The limit is written as a literal, not bound: it is an int checked against maxPageSize, so it cannot
        // inject anything, and with a known limit PostgreSQL's plan cache settles on a generic plan for the seek
        // (a bound LIMIT makes every generic plan look costly, so the seek would be re-planned on every page).
        sql.append(" LIMIT ").append(request.size() + 1);
        return new Query(sql.toString(), Collections.unmodifiableList(params), sort);
    }

    /** Validates a client's sort order and appends the unique key as the final tie-breaker. */
    private List<SortColumn> effectiveSort(List<SortColumn> requested) {
        validateSort(requested, false);
        if (!requested.isEmpty() && requested.get(requested.size() - 1).column().equals(uniqueKey)) {
            return requested;
        }
        List<SortColumn> sort = new ArrayList<>(requested.size() + 1);
        sort.addAll(requested);
        Direction last = requested.isEmpty() ? Direction.ASC : requested.get(requested.size() - 1).direction();
        sort.add(new SortColumn(uniqueKey, last));
        return List.copyOf(sort);
    }

    private void validateSort(List<SortColumn> sort, boolean fromCursor) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < sort.size(); i++) {
            String column = sort.get(i).column();
            boolean known = column.equals(uniqueKey) || sortable.containsKey(column);
            if (!known || !Identifiers.isValid(column)) {
                if (fromCursor) {
                    throw new InvalidCursorException("cursor sorts by a column that is no longer sortable");
                }
                throw new InvalidPageRequestException("cannot sort by '" + printable(column) + "'; sortable columns: "
                        + sortableNames());
            }
            if (!seen.add(column)) {
                throw new InvalidPageRequestException("sort names column '" + column + "' twice");
            }
            if (column.equals(uniqueKey) && i != sort.size() - 1) {
                throw new InvalidPageRequestException("'" + column + "' is unique, so it can only be the last sort "
                        + "column");
            }
        }
    }

    private String seek(List<SortColumn> sort, List<@Nullable Object> values, List<@Nullable Object> params) {
        boolean uniform = true;
        for (SortColumn s : sort) {
            uniform &= s.direction() == sort.get(0).direction() && !isNullable(s.column());
        }
        if (uniform) {
            StringBuilder row = new StringBuilder("(");
            StringBuilder marks = new StringBuilder("(");
            for (int i = 0; i < sort.size(); i++) {
                row.append(i == 0 ? "" : ", ").append(quote(sort.get(i).column()));
                marks.append(i == 0 ? "?" : ", ?");
                params.add(requireNonNullValue(sort.get(i).column(), values.get(i)));
            }
            return row.append(") ").append(sort.get(0).direction() == Direction.ASC ? '>' : '<').append(' ')
                    .append(marks).append(')').toString();
        }
        // (s1 after v1) OR (s1 = v1 AND s2 after v2) OR ... with NULL-aware terms.
        List<String> disjuncts = new ArrayList<>(sort.size());
        for (int i = 0; i < sort.size(); i++) {
            SortColumn s = sort.get(i);
            String column = quote(s.column());
            Object value = values.get(i);
            String after;
            List<@Nullable Object> afterParams = new ArrayList<>(1);
            if (value == null) {
                requireNullable(s.column());
                after = s.direction() == Direction.ASC ? null : column + " IS NOT NULL"; // NULL sorts largest
            } else if (s.direction() == Direction.ASC) {
                after = isNullable(s.column()) ? "(" + column + " > ? OR " + column + " IS NULL)" : column + " > ?";
                afterParams.add(value);
            } else {
                after = column + " < ?";
                afterParams.add(value);
            }
            if (after != null) {
                StringBuilder term = new StringBuilder();
                for (int j = 0; j < i; j++) {
                    Object v = values.get(j);
                    String c = quote(sort.get(j).column());
                    if (v == null) {
                        term.append(c).append(" IS NULL AND ");
                    } else {
                        term.append(c).append(" = ? AND ");
                        params.add(v);
                    }
                }
                term.append(after);
                params.addAll(afterParams);
                disjuncts.add("(" + term + ")");
            }
        }
        return disjuncts.isEmpty() ? "FALSE" : String.join(" OR ", disjuncts);
    }

    private List<@Nullable Object> readKey(ResultSet rs, List<SortColumn> sort) throws SQLException {
        List<@Nullable Object> key = new ArrayList<>(sort.size());
        for (SortColumn s : sort) {
            Object value = rs.getObject(s.column());
            if (value == null && !isNullable(s.column())) {
                throw new IllegalStateException("sort column " + s.column() + " returned NULL; declare it with "
                        + "sortableNullable(\"" + s.column() + "\")" + (s.column().equals(uniqueKey)
                        ? " (the unique key must never be NULL)" : ""));
            }
            key.add(value);
        }
        return Collections.unmodifiableList(key);
    }

    private boolean isNullable(String column) {
        return Boolean.TRUE.equals(sortable.get(column)) && !column.equals(uniqueKey);
    }

    private void requireNullable(String column) {
        if (!isNullable(column)) {
            throw new InvalidCursorException("cursor holds NULL for a column that is not nullable");
        }
    }

    private static Object requireNonNullValue(String column, @Nullable Object value) {
        if (value == null) {
            throw new InvalidCursorException("cursor holds NULL for column " + column + ", which is not nullable");
        }
        return value;
    }

    private static String quote(String column) {
        return '"' + column + '"';
    }

    private String sortableNames() {
        List<String> names = new ArrayList<>(sortable.keySet());
        if (!names.contains(uniqueKey)) {
            names.add(uniqueKey);
        }
        return names.toString();
    }

    /** Echoes a rejected name back safely: bounded, control characters replaced. */
    private static String printable(String s) {
        String cut = s.length() > 64 ? s.substring(0, 64) + "..." : s;
        StringBuilder b = new StringBuilder(cut.length());
        cut.codePoints().forEach(cp -> b.appendCodePoint(Character.isISOControl(cp) ? '?' : cp));
        return b.toString();
    }

    private static long fingerprint(String table, List<String> select, String uniqueKey, @Nullable String where) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            String text = "keyset/1|" + table + '|' + String.join(",", select) + '|' + uniqueKey + '|'
                    + (where == null ? "" : where);
            return ByteBuffer.wrap(sha.digest(text.getBytes(StandardCharsets.UTF_8))).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JDK", e);
        }
    }

    /** @return the fingerprint cursors of this pager carry */
    long fingerprint() {
        return fingerprint;
    }

    /** @return the largest page size a request may ask for */
    public int maxPageSize() {
        return maxPageSize;
    }

    /** @return the columns a request may sort by, including the unique key */
    public Set<String> sortableColumns() {
        Set<String> names = new java.util.LinkedHashSet<>(sortable.keySet());
        names.add(uniqueKey);
        return Collections.unmodifiableSet(names);
    }

    @Override
    public String toString() {
        return "KeysetPager[" + table + ", sortable=" + sortableNames() + "]";
    }

    /** Builds a {@link KeysetPager}; every name is validated as it is set. */
    public static final class Builder {
        private final String table;
        private final CursorCodec cursors;
        private final List<String> select = new ArrayList<>();
        private final Map<String, Boolean> sortable = new LinkedHashMap<>();
        private @Nullable String uniqueKey;
        private List<SortColumn> defaultSort = List.of();
        private @Nullable String where;
        private int maxPageSize = DEFAULT_MAX_PAGE_SIZE;

        private Builder(String table, CursorCodec cursors) {
            this.table = Identifiers.table(table, "table");
            this.cursors = Require.nonNull(cursors, "cursors");
        }

        /**
         * Sets the columns to select; by default {@code *}. Sort columns missing from the list are added.
         *
         * @param columns plain column names
         * @return this builder
         */
        public Builder select(String... columns) {
            Require.state(select.isEmpty(), "select was already set to %s", select);
            Require.argument(columns.length > 0, "select needs at least one column");
            for (String c : columns) {
                Identifiers.column(c, "select column");
                Require.argument(!select.contains(c), "select names column '%s' twice", c);
                select.add(c);
            }
            return this;
        }

        /**
         * Declares columns a request may sort by, each declared NOT NULL (a NULL found later fails the fetch).
         * Each should lead an index together with the unique key, in the directions you allow.
         *
         * @param columns plain column names
         * @return this builder
         */
        public Builder sortable(String... columns) {
            for (String c : columns) {
                addSortable(c, false);
            }
            return this;
        }

        /**
         * Declares nullable columns a request may sort by; their NULLs sort last ascending and first descending.
         *
         * @param columns plain column names
         * @return this builder
         */
        public Builder sortableNullable(String... columns) {
            for (String c : columns) {
                addSortable(c, true);
            }
            return this;
        }

        private void addSortable(String column, boolean nullable) {
            Identifiers.column(column, "sortable column");
            Require.argument(!sortable.containsKey(column), "sortable column '%s' was already declared", column);
            sortable.put(column, nullable);
        }

        /**
         * Sets the column that identifies a row (the primary key), appended to every sort as the final
         * tie-breaker; it must be unique and NOT NULL.
         *
         * @param column a plain column name
         * @return this builder
         */
        public Builder uniqueKey(String column) {
            Require.state(uniqueKey == null, "uniqueKey was already set to %s", uniqueKey);
            Identifiers.column(column, "uniqueKey");
            this.uniqueKey = column;
            return this;
        }

        /**
         * Sets the sort used when a first-page request names none; by default the unique key ascending.
         *
         * @param sort sortable columns
         * @return this builder
         */
        public Builder defaultSort(SortColumn... sort) {
            this.defaultSort = List.of(sort);
            return this;
        }

        /**
         * Sets a fixed filter, ANDed with the seek: trusted SQL written in your code (never built from input),
         * with {@code ?} placeholders whose values are given to each {@code fetch}.
         *
         * @param condition a boolean SQL expression such as {@code author_id = ? AND deleted_at IS NULL}
         * @return this builder
         */
        public Builder where(String condition) {
            Require.state(where == null, "where was already set to %s", where);
            Require.nonBlank(condition, "where");
            Require.argument(condition.indexOf(';') < 0, "where must be one expression without ';', but was %s",
                    condition);
            this.where = condition;
            return this;
        }

        /**
         * Sets the largest page size a request may ask for.
         *
         * @param rows at least 1; default {@link #DEFAULT_MAX_PAGE_SIZE}
         * @return this builder
         */
        public Builder maxPageSize(int rows) {
            Require.argument(rows >= 1, "maxPageSize must be >= 1, but was %s", rows);
            this.maxPageSize = rows;
            return this;
        }

        /**
         * @return the pager
         * @throws IllegalStateException when the unique key is missing or the default sort is not sortable
         */
        public KeysetPager build() {
            Require.state(uniqueKey != null, "uniqueKey is required: the column that identifies a row, "
                    + "used as the final tie-breaker");
            Require.state(!sortable.containsKey(uniqueKey) || !sortable.get(uniqueKey),
                    "uniqueKey %s cannot be nullable", uniqueKey);
            KeysetPager pager = new KeysetPager(this);
            try {
                pager.effectiveSort(defaultSort);
            } catch (InvalidPageRequestException e) {
                throw new IllegalStateException("defaultSort is not valid: " + e.getMessage(), e);
            }
            return pager;
        }
    }
}
