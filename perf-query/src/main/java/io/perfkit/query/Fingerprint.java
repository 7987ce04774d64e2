package io.perfkit.query;

import io.perfkit.core.Require;
import io.perfkit.query.SqlLexer.Token;
import io.perfkit.query.SqlLexer.Type;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The shape of a SQL statement: its text with every literal, number and parameter replaced by {@code ?},
 * {@code IN} lists, {@code ARRAY[...]} constructors and multi-row {@code VALUES} folded to one element,
 * comments dropped, whitespace normalised, keywords in upper case and unquoted identifiers in lower case.
 * Statements that differ only in their values, their formatting or the length of their lists have the same
 * fingerprint, and the same {@link #id()}: the name the query goes by in metrics, findings and plans.
 *
 * <pre>{@code
 * Fingerprint f = Fingerprint.of("select * from orders where customer_id in (1, 2, 3) -- hot path");
 * f.normalizedSql();  // "SELECT * FROM orders WHERE customer_id IN (?)"
 * f.id();             // "q3f9a1c07d2e4" (stable across JVMs and versions of the same normalised text)
 * }</pre>
 *
 * <p>Computed by a lexer, never a parser: any text has a fingerprint. Immutable and thread-safe. A
 * {@link QueryMonitor} caches fingerprints per distinct SQL string, so they are computed once.
 */
public final class Fingerprint {
    private static final Pattern EQUALS_PARAM = Pattern.compile("([a-z_][a-z0-9_$]*(?:\\.[a-z_][a-z0-9_$]*)?) = \\?");

    private final String id;
    private final String normalizedSql;
    private final StatementKind kind;
    private final boolean locking;
    private final boolean multiStatement;

    static final long FNV_OFFSET = 0xcbf29ce484222325L;
    static final long FNV_PRIME = 0x100000001b3L;

    private Fingerprint(String normalizedSql, long hash, StatementKind kind, boolean locking,
                        boolean multiStatement) {
        this.normalizedSql = normalizedSql;
        this.kind = kind;
        this.locking = locking;
        this.multiStatement = multiStatement;
        this.id = idOfHash(hash);
    }

    /**
     * Computes the fingerprint of a statement. Costs a few microseconds for a 2 KB statement; cache the result.
     *
     * @param sql the statement as the application passed it to JDBC
     * @return its fingerprint
     * @throws NullPointerException if {@code sql} is null
     */
    public static Fingerprint of(String sql) {
        Require.nonNull(sql, "sql");
        TokenList tokens = SqlLexer.tokenize(sql);
        // literals, lists, comments and spaces shrink most statements by half or more; a longer text grows the buffer
        int capacity = Math.min(tokens.size() * 3, sql.length() / 2 + 16);
        SqlNormalizer.Out normalized = SqlNormalizer.render(tokens, new SqlNormalizer.Out(capacity));
        int flags = flags(tokens);
        return new Fingerprint(normalized.text(), normalized.hash(), kindOf(tokens), (flags & LOCKING) != 0,
                (flags & MULTI_STATEMENT) != 0);
    }

    /** @return the short stable id: {@code "q"} and 12 hex digits of a 64-bit FNV-1a hash of the normalised SQL */
    public String id() {
        return id;
    }

    /** @return the normalised SQL; it holds no literal values, so it may be logged */
    public String normalizedSql() {
        return normalizedSql;
    }

    /** @return what the statement does */
    public StatementKind kind() {
        return kind;
    }

    /**
     * Tells whether re-running the statement to measure it cannot change data: a single {@code SELECT} (or
     * {@code WITH ... SELECT}) with no row locks ({@code FOR UPDATE/SHARE}) and no {@code SELECT INTO}.
     * Plan capture runs {@code EXPLAIN ANALYZE} only for these, and inside a READ ONLY transaction.
     *
     * @return true when the statement only reads
     */
    public boolean isReadOnly() {
        return kind == StatementKind.SELECT && !locking && !multiStatement;
    }

    /** @return true when the text holds more than one statement separated by {@code ;} */
    public boolean isMultiStatement() {
        return multiStatement;
    }

    /**
     * Suggests the batched form of a statement that was run once per key: the first {@code column = ?} after
     * {@code WHERE} becomes {@code column = ANY(?)}, to be bound once with a {@code java.sql.Array} of all keys.
     *
     * @return the batched statement, or empty when the shape has no {@code column = ?} condition
     */
    public java.util.Optional<String> batchedRewrite() {
        int where = normalizedSql.indexOf(" WHERE ");
        if (where < 0) {
            return java.util.Optional.empty();
        }
        Matcher m = EQUALS_PARAM.matcher(normalizedSql);
        if (!m.find(where)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(normalizedSql.substring(0, m.start()) + m.group(1) + " = ANY(?)"
                + normalizedSql.substring(m.end()));
    }

    static String idOf(String normalized) {
        long h = FNV_OFFSET;
        for (int i = 0; i < normalized.length(); i++) {
            h ^= normalized.charAt(i);
            h *= FNV_PRIME;
        }
        return idOfHash(h);
    }

    private static String idOfHash(long h) {
        String hex = Long.toHexString(h >>> 16);
        return "q" + "000000000000".substring(hex.length()) + hex;
    }

    private static StatementKind kindOf(List<Token> tokens) {
        Token first = firstWord(tokens);
        if (first == null) {
            return StatementKind.OTHER;
        }
        switch (first.text()) {
            case "SELECT": case "VALUES": case "TABLE": case "SHOW":
                return StatementKind.SELECT;
            case "INSERT": return StatementKind.INSERT;
            case "UPDATE": return StatementKind.UPDATE;
            case "DELETE": return StatementKind.DELETE;
            case "MERGE": return StatementKind.MERGE;
            case "CALL": return StatementKind.CALL;
            case "CREATE": case "ALTER": case "DROP": case "TRUNCATE": case "COMMENT": case "GRANT": case "REVOKE":
                return StatementKind.DDL;
            case "WITH": return kindOfWith(tokens);
            default: return StatementKind.OTHER;
        }
    }

    private static StatementKind kindOfWith(List<Token> tokens) {
        for (int i = 1; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.isWord("INSERT")) {
                return StatementKind.INSERT;
            }
            if (t.isWord("DELETE")) {
                return StatementKind.DELETE;
            }
            if (t.isWord("MERGE")) {
                return StatementKind.MERGE;
            }
            if (t.isWord("UPDATE") && !tokens.get(i - 1).isWord("FOR") && !tokens.get(i - 1).isWord("KEY")) {
                return StatementKind.UPDATE;
            }
        }
        return StatementKind.SELECT;
    }

    private static @Nullable Token firstWord(List<Token> tokens) {
        for (Token t : tokens) {
            if (t.isName()) {
                return t;
            }
            if (t.is(Type.OP) && t.text().equals("{")) {
                continue; // JDBC escape: {call proc(?)}
            }
            if (!t.is(Type.LPAREN)) {
                return null;
            }
        }
        return null;
    }

    private static final int LOCKING = 1;
    private static final int MULTI_STATEMENT = 2;

    /**
     * One pass for both flags: {@link #LOCKING} for row locks ({@code FOR UPDATE/SHARE/NO KEY/KEY SHARE}) or a
     * {@code SELECT ... INTO new_table}, {@link #MULTI_STATEMENT} for a {@code ;} before the last token that is not
     * one.
     */
    private static int flags(TokenList tokens) {
        if (!tokens.hasFlagTokens()) {
            return 0;
        }
        int flags = 0;
        int n = tokens.size();
        int end = SqlNormalizer.endOfStatement(tokens);
        for (int i = 0; i < n; i++) {
            Token t = tokens.get(i);
            if (t == SqlLexer.SEMI) {
                if (i < end) {
                    flags |= MULTI_STATEMENT;
                }
            } else if (i + 1 < n && t == SqlLexer.KW_FOR) {
                Token next = tokens.get(i + 1);
                if (next == SqlLexer.KW_UPDATE || next == SqlLexer.KW_SHARE || next == SqlLexer.KW_NO
                        || next == SqlLexer.KW_KEY) {
                    flags |= LOCKING;
                }
            } else if (i + 1 < n && t == SqlLexer.KW_INTO && i > 0 && tokens.get(0) != SqlLexer.KW_INSERT
                    && tokens.get(0) != SqlLexer.KW_MERGE) {
                flags |= LOCKING; // SELECT ... INTO new_table
            }
        }
        return flags;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof Fingerprint && ((Fingerprint) o).normalizedSql.equals(normalizedSql);
    }

    @Override
    public int hashCode() {
        return normalizedSql.hashCode();
    }

    /** @return the id and the normalised SQL */
    @Override
    public String toString() {
        return id + " " + normalizedSql;
    }
}
