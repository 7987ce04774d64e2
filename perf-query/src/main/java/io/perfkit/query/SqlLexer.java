package io.perfkit.query;

import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A PostgreSQL-aware SQL lexer: splits a statement into tokens without parsing it, so it never fails on
 * syntax it does not know. It understands what changes token boundaries in PostgreSQL: {@code --} and nested
 * {@code /* *}{@code /} comments, {@code '...'} strings with {@code ''} escapes, {@code E'...'} strings with
 * backslash escapes, {@code B''}/{@code X''}/{@code N''}/{@code U&''} prefixes, dollar quotes
 * ({@code $$...$$}, {@code $tag$...$tag$}), {@code "quoted"} identifiers, {@code ::} casts, numbers with
 * exponents, hex and underscores, JDBC {@code ?} and {@code $n} parameters.
 *
 * <p>Literals, numbers and parameters all become {@link Type#VALUE} tokens; the caller decides what to print.
 */
final class SqlLexer {
    /** Token types. */
    enum Type { WORD, KEYWORD, QUOTED_IDENT, VALUE, OP, LPAREN, RPAREN, LBRACKET, RBRACKET, COMMA, SEMI, DOT }

    /** One token: its type and, for words, quoted identifiers and operators, its text. */
    static final class Token {
        private final Type type;
        private final String text;
        /** The text's only character, or 0 when it has more: most tokens print as one character. */
        final char single;

        Token(Type type, String text) {
            this.type = type;
            this.text = text;
            this.single = text.length() == 1 ? text.charAt(0) : 0;
        }

        Type type() {
            return type;
        }

        String text() {
            return text;
        }

        boolean is(Type t) {
            return type == t;
        }

        boolean isWord(String upper) {
            return type == Type.KEYWORD && text.equals(upper);
        }

        boolean isName() {
            return type == Type.WORD || type == Type.KEYWORD;
        }

        @Override
        public String toString() {
            return type + " " + text;
        }
    }

    /**
     * Keywords, printed in upper case ({@link Type#KEYWORD}); every other bare word is an identifier
     * ({@link Type#WORD}), printed in lower case.
     */
    static final Set<String> KEYWORDS = Set.of(
            "ALL", "AND", "ANY", "ARRAY", "AS", "ASC", "BETWEEN", "BY", "CALL", "CASE", "CAST", "CONFLICT",
            "CREATE", "CROSS", "CURRENT_DATE", "CURRENT_TIMESTAMP", "DEFAULT", "DELETE", "DESC", "DISTINCT", "DO",
            "DROP", "ELSE", "END", "EXCEPT", "EXISTS", "FALSE", "FETCH", "FIRST", "FOR", "FROM", "FULL", "GROUP",
            "HAVING", "ILIKE", "IN", "INNER", "INSERT", "INTERSECT", "INTO", "IS", "JOIN", "KEY", "LATERAL", "LEFT",
            "LIKE", "LIMIT", "MERGE", "NEXT", "NO", "NOT", "NOTHING", "NULL", "NULLS", "OFFSET", "ON", "ONLY", "OR",
            "ORDER", "OUTER", "OVER", "PARTITION", "RETURNING", "RIGHT", "ROW", "ROWS", "SELECT", "SET", "SHARE",
            "SIMILAR", "SKIP", "LOCKED", "NOWAIT", "SOME", "TABLE", "THEN", "TRUE", "TRUNCATE", "UNION", "UPDATE",
            "USING", "VALUES", "WHEN", "WHERE", "WINDOW", "WITH", "ALTER", "MATCHED", "RECURSIVE", "LAST", "SHOW",
            "COMMENT", "GRANT", "REVOKE");

    /**
     * Open-addressed table of the keywords by the hash of their lower-case spelling, so a word in the SQL text is
     * classified without first copying it into a String: {@link #KEYWORD_LOWER} holds the lower-case spellings,
     * {@link #KEYWORD_TOKEN} the shared token each one stands for.
     */
    private static final int KEYWORD_TABLE_MASK = 1023;
    private static final char[][] KEYWORD_LOWER = new char[KEYWORD_TABLE_MASK + 1][];
    private static final int[] KEYWORD_HASH = new int[KEYWORD_TABLE_MASK + 1];
    private static final Token[] KEYWORD_TOKEN = new Token[KEYWORD_TABLE_MASK + 1];
    private static final int LONGEST_KEYWORD;

    static {
        int longest = 0;
        for (String k : KEYWORDS) {
            String lower = asciiCase(k, false);
            int hash = wordHash(lower);
            int slot = mix(hash) & KEYWORD_TABLE_MASK;
            while (KEYWORD_LOWER[slot] != null) {
                slot = (slot + 1) & KEYWORD_TABLE_MASK;
            }
            KEYWORD_LOWER[slot] = lower.toCharArray();
            KEYWORD_HASH[slot] = hash;
            KEYWORD_TOKEN[slot] = new Token(Type.KEYWORD, k);
            longest = Math.max(longest, k.length());
        }
        LONGEST_KEYWORD = longest;
    }

    /** The shared keyword tokens the normaliser and the fingerprint test for, compared by identity. */
    static final Token KW_VALUES = keywordToken("VALUES");
    static final Token KW_IN = keywordToken("IN");
    static final Token KW_ARRAY = keywordToken("ARRAY");
    static final Token KW_INTO = keywordToken("INTO");
    static final Token KW_TABLE = keywordToken("TABLE");
    static final Token KW_FOR = keywordToken("FOR");
    static final Token KW_UPDATE = keywordToken("UPDATE");
    static final Token KW_SHARE = keywordToken("SHARE");
    static final Token KW_NO = keywordToken("NO");
    static final Token KW_KEY = keywordToken("KEY");
    static final Token KW_INSERT = keywordToken("INSERT");
    static final Token KW_MERGE = keywordToken("MERGE");

    /** The one token of a keyword: every {@link Type#KEYWORD} token the lexer returns is one of these. */
    static Token keywordToken(String upper) {
        for (Token t : KEYWORD_TOKEN) {
            if (t != null && t.text().equals(upper)) {
                return t;
            }
        }
        throw new IllegalArgumentException("not a keyword: " + upper);
    }

    /** For ASCII characters: 0 ends a word, {@link #UPPER} is an upper-case letter, 1 any other word character. */
    private static final byte[] WORD_CHAR = new byte[128];
    private static final byte UPPER = 2;
    /** ASCII characters that start a word: letters and {@code _}. */
    private static final boolean[] WORD_START = new boolean[128];

    static {
        for (char c = 0; c < 128; c++) {
            if (c >= 'A' && c <= 'Z') {
                WORD_CHAR[c] = UPPER;
            } else if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '$') {
                WORD_CHAR[c] = 1;
            }
            WORD_START[c] = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_';
        }
    }

    private static final String OPERATOR_CHARS = "+-*/<>=~!@#%^&|`";

    /** ASCII characters that may form an operator, indexed by character. */
    private static final boolean[] IS_OPERATOR_CHAR = new boolean[128];

    /** Shared tokens for the one-character operators, indexed by character. */
    private static final Token[] OPERATOR_1 = new Token[128];

    /** Shared tokens for common two-character operators. */
    private static final Token[] OPERATOR_2 = {
        new Token(Type.OP, "<="), new Token(Type.OP, ">="), new Token(Type.OP, "<>"), new Token(Type.OP, "!="),
        new Token(Type.OP, "||"), new Token(Type.OP, "->"), new Token(Type.OP, "#>"), new Token(Type.OP, "@>"),
        new Token(Type.OP, "<@"), new Token(Type.OP, "&&"), new Token(Type.OP, "~*"), new Token(Type.OP, "!~"),
    };

    static {
        for (int i = 0; i < OPERATOR_CHARS.length(); i++) {
            char c = OPERATOR_CHARS.charAt(i);
            IS_OPERATOR_CHAR[c] = true;
            OPERATOR_1[c] = new Token(Type.OP, String.valueOf(c));
        }
    }

    private static final int IDENTIFIER_CACHE_MASK = 63;

    private final String sql;
    /** The text as an array: a lexer reads every character, and an array element is cheaper than charAt. */
    private final char[] chars;
    private final int length;
    private int pos;
    private Token @Nullable [] identifiers;
    /** Whether a {@code ;}, {@code FOR} or {@code INTO} was seen: without one, a statement has no flags to find. */
    private boolean sawFlagToken;

    private SqlLexer(String sql) {
        this.sql = sql;
        this.chars = sql.toCharArray();
        this.length = chars.length;
    }

    /**
     * Splits the SQL into tokens; comments and whitespace are dropped.
     *
     * @param sql any text; unterminated strings and comments run to the end
     * @return the tokens
     */
    static TokenList tokenize(String sql) {
        SqlLexer lexer = new SqlLexer(sql);
        TokenList tokens = new TokenList(sql.length() / 4);
        Token t;
        while ((t = lexer.next(tokens)) != null) {
            tokens.add(t);
        }
        if (lexer.sawFlagToken) {
            tokens.markFlagTokens();
        }
        return tokens;
    }

    private @Nullable Token next(TokenList previous) {
        skipSpaceAndComments();
        if (pos >= length) {
            return null;
        }
        char c = chars[pos];
        if (c < 128 && WORD_START[c]) {
            return wordOrPrefixedString(); // words are the commonest tokens: before the switch
        }
        switch (c) {
            case '(': pos++; return SIMPLE_LPAREN;
            case ')': pos++; return SIMPLE_RPAREN;
            case '[': pos++; return SIMPLE_LBRACKET;
            case ']': pos++; return SIMPLE_RBRACKET;
            case ',': pos++; return SIMPLE_COMMA;
            case ';': pos++; sawFlagToken = true; return SEMI;
            case '?': pos++; return VALUE;
            case '\'': stringLiteral(false); return VALUE;
            case '"': return quotedIdentifier();
            case '$': return dollar();
            case ':':
                if (pos + 1 < length && chars[pos + 1] == ':') {
                    pos += 2;
                    return CAST;
                }
                pos++;
                return COLON;
            case '.':
                if (pos + 1 < length && isDigit(chars[pos + 1])) {
                    number();
                    return VALUE;
                }
                pos++;
                return SIMPLE_DOT;
            default:
                break;
        }
        if (isDigit(c)) {
            number();
            return VALUE;
        }
        if (isWordStart(c)) {
            return wordOrPrefixedString();
        }
        if (isOperatorChar(c)) {
            return operator(previous);
        }
        pos++;
        return new Token(Type.OP, String.valueOf(c));
    }

    private void skipSpaceAndComments() {
        while (pos < length) {
            char c = chars[pos];
            if (c == ' ' || (c < ' ' || c > 127) && Character.isWhitespace(c)) {
                pos++;
            } else if (c == '-' && pos + 1 < length && chars[pos + 1] == '-') {
                int newline = sql.indexOf('\n', pos + 2);
                pos = newline < 0 ? length : newline;
            } else if (c == '/' && pos + 1 < length && chars[pos + 1] == '*') {
                blockComment();
            } else {
                return;
            }
        }
    }

    private void blockComment() {
        // PostgreSQL block comments nest.
        int depth = 0;
        while (pos < length) {
            if (sql.startsWith("/*", pos)) {
                depth++;
                pos += 2;
            } else if (sql.startsWith("*/", pos)) {
                depth--;
                pos += 2;
                if (depth == 0) {
                    return;
                }
            } else {
                pos++;
            }
        }
    }

    private void stringLiteral(boolean backslashEscapes) {
        pos++; // opening quote
        if (!backslashEscapes) {
            // String.indexOf is an intrinsic that scans many characters per step; literals are most of a long IN list.
            while (true) {
                int quote = sql.indexOf('\'', pos);
                if (quote < 0) {
                    pos = length;
                    return;
                }
                if (quote + 1 < length && chars[quote + 1] == '\'') {
                    pos = quote + 2;
                } else {
                    pos = quote + 1;
                    return;
                }
            }
        }
        while (pos < length) {
            char c = chars[pos];
            if (backslashEscapes && c == '\\') {
                pos += 2;
            } else if (c == '\'') {
                if (pos + 1 < length && chars[pos + 1] == '\'') {
                    pos += 2;
                } else {
                    pos++;
                    return;
                }
            } else {
                pos++;
            }
        }
    }

    private Token quotedIdentifier() {
        int start = pos;
        pos++;
        while (pos < length) {
            if (chars[pos] == '"') {
                if (pos + 1 < length && chars[pos + 1] == '"') {
                    pos += 2;
                    continue;
                }
                pos++;
                break;
            }
            pos++;
        }
        return new Token(Type.QUOTED_IDENT, sql.substring(start, pos));
    }

    private Token dollar() {
        int start = pos;
        int p = pos + 1;
        if (p < length && isDigit(chars[p])) {
            while (p < length && isDigit(chars[p])) {
                p++;
            }
            pos = p;
            return VALUE; // $1 parameter
        }
        while (p < length && (isWordStart(chars[p]) || isDigit(chars[p]))) {
            p++;
        }
        if (p < length && chars[p] == '$') {
            String tag = sql.substring(start, p + 1);
            int end = sql.indexOf(tag, p + 1);
            pos = end < 0 ? length : end + tag.length();
            return VALUE; // dollar-quoted string
        }
        pos++;
        return new Token(Type.OP, "$");
    }

    private void number() {
        if (chars[pos] == '0' && pos + 1 < length && "xXoObB".indexOf(chars[pos + 1]) >= 0) {
            pos += 2;
            while (pos < length && (Character.digit(chars[pos], 16) >= 0 || chars[pos] == '_')) {
                pos++;
            }
            return;
        }
        while (pos < length && (isDigit(chars[pos]) || chars[pos] == '_')) {
            pos++;
        }
        if (pos < length && chars[pos] == '.' && !(pos + 1 < length && chars[pos + 1] == '.')) {
            pos++;
            while (pos < length && isDigit(chars[pos])) {
                pos++;
            }
        }
        if (pos < length && (chars[pos] == 'e' || chars[pos] == 'E')) {
            int p = pos + 1;
            if (p < length && (chars[p] == '+' || chars[p] == '-')) {
                p++;
            }
            if (p < length && isDigit(chars[p])) {
                pos = p;
                while (pos < length && isDigit(chars[pos])) {
                    pos++;
                }
            }
        }
    }

    private Token wordOrPrefixedString() {
        char c = chars[pos];
        if (pos + 1 < length && chars[pos + 1] == '\'' && "eEbBxXnN".indexOf(c) >= 0) {
            pos++;
            stringLiteral(c == 'e' || c == 'E');
            return VALUE;
        }
        if ((c == 'u' || c == 'U') && sql.startsWith("&'", pos + 1)) {
            pos += 2;
            stringLiteral(false);
            return VALUE;
        }
        int start = pos;
        int hash = 0;
        boolean upper = false;
        int p = pos; // a local, so the loop keeps it in a register
        while (p < length) {
            char d = chars[p];
            if (d < 128) {
                byte k = WORD_CHAR[d];
                if (k == 0) {
                    break;
                }
                if (k == UPPER) {
                    upper = true;
                    d += 32;
                }
            } else if (!isWordStart(d)) {
                break;
            }
            hash = wordHashStep(hash, d);
            p++;
        }
        pos = p;
        Token keyword = keyword(start, pos, hash);
        if (keyword != null) {
            return keyword;
        }
        // Identifiers repeat within a statement (aliases, columns): reuse the token of an earlier occurrence.
        Token[] cache = identifiers;
        if (cache == null) {
            cache = new Token[IDENTIFIER_CACHE_MASK + 1];
            identifiers = cache;
        }
        int slot = mix(hash) & IDENTIFIER_CACHE_MASK;
        Token cached = cache[slot];
        if (cached != null && cached.text().length() == pos - start && equalsLowerAscii(cached.text(), start)) {
            return cached;
        }
        Token word;
        if (!upper) {
            word = new Token(Type.WORD, sql.substring(start, pos));
        } else {
            char[] lowered = new char[pos - start];
            for (int i = 0; i < lowered.length; i++) {
                char d = chars[start + i];
                lowered[i] = d >= 'A' && d <= 'Z' ? (char) (d + 32) : d;
            }
            word = new Token(Type.WORD, new String(lowered));
        }
        cache[slot] = word;
        return word;
    }

    /** The keyword spelt, ignoring ASCII case, by {@code sql[start, end)}, whose lower-case hash is given. */
    private @Nullable Token keyword(int start, int end, int lowerHash) {
        int len = end - start;
        if (len > LONGEST_KEYWORD) {
            return null;
        }
        int slot = mix(lowerHash) & KEYWORD_TABLE_MASK;
        char[] k;
        while ((k = KEYWORD_LOWER[slot]) != null) {
            if (KEYWORD_HASH[slot] == lowerHash && k.length == len && equalsLowerAscii(k, start)) {
                Token t = KEYWORD_TOKEN[slot];
                if (t == KW_FOR || t == KW_INTO) {
                    sawFlagToken = true;
                }
                return t;
            }
            slot = (slot + 1) & KEYWORD_TABLE_MASK;
        }
        return null;
    }

    private boolean equalsLowerAscii(char[] lower, int start) {
        for (int i = 0; i < lower.length; i++) {
            char d = chars[start + i];
            if (d >= 'A' && d <= 'Z') {
                d += 32;
            }
            if (d != lower[i]) {
                return false;
            }
        }
        return true;
    }

    private boolean equalsLowerAscii(String lower, int start) {
        for (int i = 0; i < lower.length(); i++) {
            char d = chars[start + i];
            if (d >= 'A' && d <= 'Z') {
                d += 32;
            }
            if (d != lower.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The hash of a lower-case word, as the scanner computes it while reading the word: a rotate and an exclusive
     * or per character, two one-cycle operations, where {@code String.hashCode}'s multiply chain takes four.
     */
    private static int wordHash(String lower) {
        int hash = 0;
        for (int i = 0; i < lower.length(); i++) {
            hash = wordHashStep(hash, lower.charAt(i));
        }
        return hash;
    }

    /** One character of {@link #wordHash}; the scanner and the keyword table must use the same step. */
    private static int wordHashStep(int hash, char lower) {
        return Integer.rotateLeft(hash, 5) ^ lower;
    }

    private static int mix(int h) {
        return h ^ (h >>> 9) ^ (h >>> 17);
    }

    private Token operator(TokenList previous) {
        int start = pos;
        while (pos < length && isOperatorChar(chars[pos])) {
            if (pos > start && (sql.startsWith("--", pos) || sql.startsWith("/*", pos))) {
                break;
            }
            pos++;
        }
        Token op = operatorToken(start, pos);
        if (op == OPERATOR_1['-'] || op == OPERATOR_1['+']) {
            // A sign in front of a number belongs to the literal, as in pg_stat_statements: WHERE x = -1.
            int save = pos;
            skipSpaceAndComments();
            if (pos < length && (isDigit(chars[pos]) || (chars[pos] == '.' && pos + 1 < length
                    && isDigit(chars[pos + 1]))) && startsOperand(previous)) {
                number();
                return VALUE;
            }
            pos = save;
        }
        return op;
    }

    private Token operatorToken(int start, int end) {
        if (end - start == 1) {
            return OPERATOR_1[chars[start]];
        }
        if (end - start == 2) {
            for (Token t : OPERATOR_2) {
                if (sql.startsWith(t.text(), start)) {
                    return t;
                }
            }
        }
        return new Token(Type.OP, sql.substring(start, end));
    }

    private static boolean isOperatorChar(char c) {
        return c < 128 && IS_OPERATOR_CHAR[c];
    }

    private static boolean startsOperand(TokenList previous) {
        Token last = previous.last();
        if (last == null) {
            return true;
        }
        switch (last.type()) {
            case OP: case LPAREN: case LBRACKET: case COMMA: case KEYWORD:
                return true;
            default:
                return false;
        }
    }

    /**
     * Changes the case of ASCII letters only, as PostgreSQL folds unquoted identifiers ({@code downcase_identifier});
     * {@code String.toUpperCase} would turn {@code ß} into {@code SS} and not back.
     */
    static String asciiCase(String s, boolean upper) {
        char[] chars = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            char d = upper ? (c >= 'a' && c <= 'z' ? (char) (c - 32) : c)
                    : (c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
            if (d != c) {
                if (chars == null) {
                    chars = s.toCharArray();
                }
                chars[i] = d;
            }
        }
        return chars == null ? s : new String(chars);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Small enough for the JIT to inline at every token; letters beyond ASCII take the slow path. */
    private static boolean isWordStart(char c) {
        return c < 128 ? (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' : isNonAsciiWordStart(c);
    }

    private static boolean isNonAsciiWordStart(char c) {
        return Character.isLetterOrDigit(c) || Character.getType(c) == Character.NON_SPACING_MARK
                || Character.getType(c) == Character.COMBINING_SPACING_MARK || Character.isSurrogate(c);
    }

    static final Token VALUE = new Token(Type.VALUE, "?");
    static final Token CAST = new Token(Type.OP, "::");
    private static final Token COLON = new Token(Type.OP, ":");
    private static final Token SIMPLE_LPAREN = new Token(Type.LPAREN, "(");
    private static final Token SIMPLE_RPAREN = new Token(Type.RPAREN, ")");
    private static final Token SIMPLE_LBRACKET = new Token(Type.LBRACKET, "[");
    private static final Token SIMPLE_RBRACKET = new Token(Type.RBRACKET, "]");
    private static final Token SIMPLE_COMMA = new Token(Type.COMMA, ",");
    /** The one {@link Type#SEMI} token, so a scan for statement separators compares references. */
    static final Token SEMI = new Token(Type.SEMI, ";");
    private static final Token SIMPLE_DOT = new Token(Type.DOT, ".");
}
