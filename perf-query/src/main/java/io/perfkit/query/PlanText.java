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

    /** Where a LIKE pattern is fixed: at its start ({@code 'abc%'}), not ({@code '%abc%'}), or unknown ({@code $1}). */
    enum Anchor { LEFT, NONE, UNKNOWN }

    /**
     * A pattern match {@code expr ~~ pattern} (LIKE) or {@code expr ~~* pattern} (ILIKE) an index could serve.
     *
     * @param column the column, validated and quoted when needed
     * @param lower true when the matched expression is {@code lower(column)}
     * @param caseInsensitive true for ILIKE ({@code ~~*})
     * @param varchar true when the plan shows the column cast to text ({@code (col)::text}): not a text column
     * @param anchor where the pattern is fixed
     */
    record PatternMatch(String column, boolean lower, boolean caseInsensitive, boolean varchar, Anchor anchor) {
        /** @return the indexed expression: the column or {@code lower(column)} */
        String expression() {
            return lower ? "lower(" + column + ")" : column;
        }
    }

    /**
     * Where each LIKE/ILIKE pattern in a condition is fixed, in the order the operators appear. Reads the raw,
     * unredacted text: this is what lets a redacted plan still say whether a prefix index would serve it.
     */
    static List<Anchor> patternAnchors(String condition) {
        List<Anchor> out = new ArrayList<>();
        int n = condition.length();
        int i = 0;
        while (i < n) {
            char c = condition.charAt(i);
            if (c == '\'' || c == '"') {
                i = skipQuoted(condition, i, c);
                continue;
            }
            if (c != '~' || !condition.startsWith("~~", i)) {
                i++;
                continue;
            }
            int end = i + 2;
            if (end < n && condition.charAt(end) == '*') {
                end++;
            }
            boolean negated = i > 0 && condition.charAt(i - 1) == '!';
            int v = end;
            while (v < n && condition.charAt(v) == ' ') {
                v++;
            }
            if (!negated) {
                out.add(anchorAt(condition, v));
            }
            i = end;
        }
        return out;
    }

    private static Anchor anchorAt(String condition, int valueStart) {
        if (valueStart >= condition.length() || condition.charAt(valueStart) != '\'') {
            return Anchor.UNKNOWN; // $1, a column, a function call: not known when planned
        }
        if (valueStart + 1 >= condition.length()) {
            return Anchor.UNKNOWN;
        }
        char first = condition.charAt(valueStart + 1);
        return first == '%' || first == '_' ? Anchor.NONE : Anchor.LEFT;
    }

    /**
     * Finds the LIKE/ILIKE matches on a column or {@code lower(column)} in a condition ({@code NOT LIKE} and
     * conditions with {@code OR} yield nothing), taking their anchors from {@code anchors}, the
     * {@link #patternAnchors} of the raw condition (the condition itself may be redacted).
     */
    static List<PatternMatch> patternMatches(String condition, List<Anchor> anchors) {
        List<Token> tokens = SqlLexer.tokenize(condition);
        List<PatternMatch> out = new ArrayList<>();
        for (Token t : tokens) {
            if (t.isWord("OR")) {
                return out;
            }
        }
        int k = 0;
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (!t.is(Type.OP) || !(t.text().equals("~~") || t.text().equals("~~*"))) {
                continue;
            }
            Anchor anchor = k < anchors.size() ? anchors.get(k) : Anchor.UNKNOWN;
            k++;
            PatternMatch m = patternOperand(tokens, i, t.text().equals("~~*"), anchor);
            if (m != null) {
                out.add(m);
            }
        }
        return out;
    }

    /** The left operand of the operator at {@code op}: {@code col}, {@code (col)::text} or {@code lower(col)}. */
    private static @Nullable PatternMatch patternOperand(List<Token> tokens, int op, boolean ilike, Anchor anchor) {
        int i = op - 1;
        boolean cast = false;
        if (i >= 1 && tokens.get(i).isName() && tokens.get(i - 1).text().equals("::")) {
            cast = true;
            i -= 2;
        }
        if (i < 0) {
            return null;
        }
        Token last = tokens.get(i);
        if (last.is(Type.WORD) || last.is(Type.QUOTED_IDENT)) {
            return isColumnStart(tokens, i) ? new PatternMatch(name(last), false, ilike, cast, anchor) : null;
        }
        // (col)::text, or lower(col)
        if (!last.is(Type.RPAREN) || i < 2) {
            return null;
        }
        Token inner = tokens.get(i - 1);
        if (!(inner.is(Type.WORD) || inner.is(Type.QUOTED_IDENT)) || !tokens.get(i - 2).is(Type.LPAREN)) {
            return null;
        }
        if (i >= 3 && tokens.get(i - 3).is(Type.WORD) && tokens.get(i - 3).text().equalsIgnoreCase("lower")) {
            return cast || !isColumnStart(tokens, i - 3) ? null
                    : new PatternMatch(name(inner), true, ilike, false, anchor);
        }
        return cast && isColumnStart(tokens, i - 2) ? new PatternMatch(name(inner), false, ilike, true, anchor) : null;
    }

    /** True when the token at {@code i} starts an operand: not the tail of {@code t.col} or of a function call. */
    private static boolean isColumnStart(List<Token> tokens, int i) {
        return i == 0 || tokens.get(i - 1).is(Type.LPAREN) || tokens.get(i - 1).isWord("AND")
                || tokens.get(i - 1).isWord("NOT");
    }

    private static String name(Token t) {
        return quoteIfNeeded(t.text());
    }

    /** Quotes an identifier unless it is a plain lower-case name that needs no quotes. */
    static String quoteIfNeeded(String identifier) {
        if (identifier.matches("[a-z_][a-z0-9_$]*")
                && !SqlLexer.KEYWORDS.contains(identifier.toUpperCase(Locale.ROOT))) {
            return identifier;
        }
        if (identifier.startsWith("\"") && identifier.endsWith("\"") && identifier.length() > 1) {
            return identifier;
        }
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
