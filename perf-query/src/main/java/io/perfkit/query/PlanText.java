package io.perfkit.query;

import io.perfkit.query.SqlLexer.Token;
import io.perfkit.query.SqlLexer.Type;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Reads and redacts the expression strings of a PostgreSQL plan ({@code Filter}, {@code Index Cond}...). */
final class PlanText {
    private static final Set<String> EQUALITY = Set.of("=");
    private static final Set<String> RANGE = Set.of("<", ">", "<=", ">=");

    private PlanText() {
    }

    /** Replaces string literals and numbers with {@code ?}; identifiers, quoted or not, are kept. */
    static String redact(String expression) {
        StringBuilder out = new StringBuilder(expression.length());
        int n = expression.length();
        int i = 0;
        while (i < n) {
            char c = expression.charAt(i);
            if (c == '\'') {
                i = skipQuoted(expression, i, '\'');
                out.append('?');
            } else if (c == '"') {
                int end = skipQuoted(expression, i, '"');
                out.append(expression, i, end);
                i = end;
            } else if (Character.isDigit(c) && (i == 0 || !isIdentifierChar(expression.charAt(i - 1)))) {
                while (i < n && (Character.isLetterOrDigit(expression.charAt(i)) || expression.charAt(i) == '.')) {
                    i++;
                }
                out.append('?');
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static int skipQuoted(String s, int start, char quote) {
        int i = start + 1;
        while (i < s.length()) {
            if (s.charAt(i) == quote) {
                if (i + 1 < s.length() && s.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return s.length();
    }

    private static boolean isIdentifierChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c == '.' || c == '"';
    }

    /** The columns a condition compares with a value, split into equality and range columns. */
    record Columns(List<String> equality, List<String> range) {
        boolean isEmpty() {
            return equality.isEmpty() && range.isEmpty();
        }
    }

    /**
     * Finds the columns an index could serve: {@code col = value} (equality) and {@code col < value} and
     * friends (range). A condition with {@code OR} at any level yields nothing: a b-tree on its columns would
     * not serve it.
     */
    static Columns comparedColumns(String condition) {
        List<Token> tokens = SqlLexer.tokenize(condition);
        Set<String> eq = new LinkedHashSet<>();
        Set<String> range = new LinkedHashSet<>();
        for (Token t : tokens) {
            if (t.isWord("OR")) {
                return new Columns(List.of(), List.of());
            }
        }
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (!t.is(Type.OP) || !(EQUALITY.contains(t.text()) || RANGE.contains(t.text()))) {
                continue;
            }
            if (!isValueAhead(tokens, i + 1)) {
                continue;
            }
            String column = columnBefore(tokens, i);
            if (column != null) {
                (EQUALITY.contains(t.text()) ? eq : range).add(column);
            }
        }
        range.removeAll(eq);
        return new Columns(new ArrayList<>(eq), new ArrayList<>(range));
    }

    /** Sort keys as plain column names, in order, skipping expressions. */
    static List<String> sortColumns(List<String> sortKeys) {
        List<String> out = new ArrayList<>();
        for (String key : sortKeys) {
            List<Token> tokens = SqlLexer.tokenize(key);
            String column = columnBefore(tokens, tokens.size());
            if (column != null) {
                out.add(column);
            }
        }
        return out;
    }

    private static boolean isValueAhead(List<Token> tokens, int from) {
        int i = from;
        while (i < tokens.size() && tokens.get(i).is(Type.LPAREN)) {
            i++;
        }
        if (i < tokens.size() && tokens.get(i).isWord("ANY")) {
            return false; // = ANY (...): a list; fine for equality but keep the rule simple and exact
        }
        return i < tokens.size() && tokens.get(i).is(Type.VALUE);
    }

    /** The column just before {@code end}, skipping parentheses and {@code ::type} casts. */
    private static @Nullable String columnBefore(List<Token> tokens, int end) {
        int i = end - 1;
        while (i >= 0) {
            Token t = tokens.get(i);
            if (t.is(Type.RPAREN)) {
                i--;
            } else if (t.isName() && i > 0 && tokens.get(i - 1).text().equals("::")) {
                i -= 2; // ::text
            } else if (t.is(Type.RPAREN) || t.isWord("DESC") || t.isWord("ASC") || t.isWord("NULLS")
                    || t.isWord("FIRST") || t.isWord("LAST")) {
                i--;
            } else {
                break;
            }
        }
        if (i < 0) {
            return null;
        }
        Token t = tokens.get(i);
        if (t.is(Type.QUOTED_IDENT)) {
            return t.text();
        }
        if (t.is(Type.WORD)) {
            return quoteIfNeeded(t.text());
        }
        return null;
    }

    /** Quotes an identifier unless it is a plain lower-case name that needs no quotes. */
    static String quoteIfNeeded(String identifier) {
        if (identifier.matches("[a-z_][a-z0-9_$]*") && !SqlLexer.KEYWORDS.contains(identifier.toUpperCase(Locale.ROOT))) {
            return identifier;
        }
        if (identifier.startsWith("\"") && identifier.endsWith("\"") && identifier.length() > 1) {
            return identifier;
        }
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
