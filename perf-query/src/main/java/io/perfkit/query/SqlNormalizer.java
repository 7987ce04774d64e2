package io.perfkit.query;

import io.perfkit.query.SqlLexer.Token;
import io.perfkit.query.SqlLexer.Type;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Prints lexer tokens as normalised SQL, folding lists whose length varies with the data: {@code IN (?, ?, ?)}
 * becomes {@code IN (?)}, {@code ARRAY[?, ?]} becomes {@code ARRAY[?]}, and {@code VALUES (?, ?), (?, ?)}
 * becomes {@code VALUES (?, ?)} when every row has the same shape (pt-query-digest's and PostgreSQL 18's
 * {@code query_id_squash_values} rule).
 */
final class SqlNormalizer {
    private SqlNormalizer() {
    }

    static String render(List<Token> tokens) {
        return render(tokens, new Out(tokens.size() * 3)).text();
    }

    /**
     * Renders the tokens into {@code out}, which also hashes what it is given: FNV-1a's serial multiply then runs
     * between the renderer's other work instead of as a separate loop over the text, where it costs a microsecond
     * for 2 KB.
     */
    static Out render(List<Token> tokens, Out out) {
        @Nullable Token prev = null;
        @Nullable Token prev2 = null;
        int i = 0;
        int n = endOfStatement(tokens);
        while (i < n) {
            Token t = tokens.get(i);
            int folded = foldedListEnd(tokens, i, prev);
            if (folded > i) {
                space(out, prev2, prev, t);
                out.append(t.is(Type.LBRACKET) ? "[?]" : "(?)");
                prev2 = tokens.get(folded - 2);
                prev = tokens.get(folded - 1);
                i = folded;
                continue;
            }
            if (prev == SqlLexer.KW_VALUES && t.is(Type.LPAREN)) {
                int end = foldValuesRows(tokens, i);
                space(out, prev2, prev, t);
                out.append(render(tokens.subList(i, groupEnd(tokens, i))));
                prev2 = tokens.get(end - 2);
                prev = tokens.get(end - 1);
                i = end;
                continue;
            }
            space(out, prev2, prev, t);
            append(out, t);
            prev2 = prev;
            prev = t;
            i++;
        }
        return out;
    }

    /** For {@code IN (v, v, ...)} and {@code ARRAY[v, v, ...]} of values only, the index after the list. */
    private static int foldedListEnd(List<Token> tokens, int i, @Nullable Token prev) {
        if (prev != SqlLexer.KW_IN && prev != SqlLexer.KW_ARRAY) {
            return i; // compares references only: this runs for every token
        }
        Token t = tokens.get(i);
        boolean in = t.is(Type.LPAREN) && prev == SqlLexer.KW_IN;
        boolean array = t.is(Type.LBRACKET) && prev == SqlLexer.KW_ARRAY;
        if (!in && !array) {
            return i;
        }
        Type close = in ? Type.RPAREN : Type.RBRACKET;
        int j = i + 1;
        boolean expectValue = true;
        while (j < tokens.size()) {
            Token x = tokens.get(j);
            if (x.is(close) && !expectValue) {
                return j + 1;
            }
            if (expectValue && x.is(Type.VALUE)) {
                expectValue = false;
            } else if (!expectValue && x.is(Type.COMMA)) {
                expectValue = true;
            } else if (!expectValue && x == SqlLexer.CAST && j + 1 < tokens.size()
                    && tokens.get(j + 1).isName()) {
                j++; // a cast on each element: IN (?::int, ?::int)
            } else {
                return i;
            }
            j++;
        }
        return i;
    }

    /** Index after the last row of a {@code VALUES} list whose rows all print alike, else after the first row. */
    private static int foldValuesRows(List<Token> tokens, int start) {
        int firstEnd = groupEnd(tokens, start);
        String first = renderRange(tokens, start, firstEnd);
        int end = firstEnd;
        while (end + 1 < tokens.size() && tokens.get(end).is(Type.COMMA) && tokens.get(end + 1).is(Type.LPAREN)) {
            int next = groupEnd(tokens, end + 1);
            if (!renderRange(tokens, end + 1, next).equals(first)) {
                return firstEnd;
            }
            end = next;
        }
        return end;
    }

    /** Index after the parenthesis that closes the one at {@code start}. */
    private static int groupEnd(List<Token> tokens, int start) {
        int depth = 0;
        for (int j = start; j < tokens.size(); j++) {
            Type type = tokens.get(j).type();
            if (type == Type.LPAREN) {
                depth++;
            } else if (type == Type.RPAREN && --depth == 0) {
                return j + 1;
            }
        }
        return tokens.size();
    }

    private static String renderRange(List<Token> tokens, int from, int to) {
        return render(tokens.subList(from, to));
    }

    /**
     * The index after the statement's last token that is not a {@code ;}: trailing semicolons (and the empty
     * statements between them) do not change the statement, so {@code a;;} and {@code a} normalise alike.
     */
    static int endOfStatement(List<Token> tokens) {
        int n = tokens.size();
        while (n > 0 && tokens.get(n - 1) == SqlLexer.SEMI) {
            n--;
        }
        return n;
    }

    /**
     * The normalised text being built, and the FNV-1a hash of it that {@link Fingerprint#id()} is made of. A plain
     * growable array rather than a {@code StringBuilder}: most appends are one character, and the builder's
     * per-append capacity and coder checks cost more than the character itself. Latin-1 text (nearly all SQL) is
     * kept one byte per character, as the final {@code String} stores it, until a character beyond Latin-1 turns
     * the buffer into UTF-16: half the bytes to allocate, and {@link #text()} is a plain copy.
     */
    static final class Out {
        private byte @Nullable [] latin1;
        private char @Nullable [] utf16;
        private int length;
        private long hash = Fingerprint.FNV_OFFSET;

        Out(int capacity) {
            this.latin1 = new byte[Math.max(16, capacity)];
        }

        void append(char c) {
            byte[] to = latin1;
            if (to != null && c <= 0xff && length < to.length) {
                to[length++] = (byte) c;
            } else {
                appendSlow(c);
            }
            hash = (hash ^ c) * Fingerprint.FNV_PRIME;
        }

        void append(String s) {
            int n = s.length();
            byte[] to = latin1;
            if (to == null || length + n > to.length) {
                for (int i = 0; i < n; i++) {
                    append(s.charAt(i));
                }
                return;
            }
            // one pass that copies and hashes: tokens are short, so a bulk copy's call costs more than it saves
            int at = length;
            long h = hash;
            for (int i = 0; i < n; i++) {
                char c = s.charAt(i);
                if (c > 0xff) {
                    hash = h;
                    length = at + i;
                    for (int k = i; k < n; k++) {
                        append(s.charAt(k));
                    }
                    return;
                }
                to[at + i] = (byte) c;
                h = (h ^ c) * Fingerprint.FNV_PRIME;
            }
            length = at + n;
            hash = h;
        }

        /** Grows the buffer, or turns it into UTF-16 for a character beyond Latin-1, and appends {@code c}. */
        private void appendSlow(char c) {
            byte[] bytes = latin1;
            if (bytes != null && c <= 0xff) {
                latin1 = bytes = Arrays.copyOf(bytes, bytes.length * 2);
                bytes[length++] = (byte) c;
                return;
            }
            char[] chars = utf16;
            if (bytes != null) {
                chars = new char[Math.max(bytes.length, length + 1) * 2];
                for (int i = 0; i < length; i++) {
                    chars[i] = (char) (bytes[i] & 0xff);
                }
                latin1 = null;
            } else if (length == chars.length) {
                chars = Arrays.copyOf(chars, chars.length * 2);
            }
            utf16 = chars;
            chars[length++] = c;
        }

        String text() {
            byte[] bytes = latin1;
            return bytes != null ? new String(bytes, 0, length, StandardCharsets.ISO_8859_1)
                    : new String(utf16, 0, length);
        }

        long hash() {
            return hash;
        }
    }

    /** Keyword and cast tokens are shared instances (see {@link SqlLexer#keywordToken}), so tests compare identity. */
    private static void space(Out out, @Nullable Token prev2, @Nullable Token prev, Token t) {
        if (prev == null) {
            return;
        }
        Type type = t.type();
        if (type == Type.RPAREN || type == Type.RBRACKET || type == Type.COMMA || type == Type.SEMI
                || type == Type.DOT || type == Type.LBRACKET) {
            return;
        }
        Type prevType = prev.type();
        if (type == Type.LPAREN) {
            boolean tableName = prev2 == SqlLexer.KW_INTO || prev2 == SqlLexer.KW_TABLE;
            if (!tableName && (prevType == Type.QUOTED_IDENT || prevType == Type.WORD || prevType == Type.LPAREN)) {
                return; // a function call: count(*)
            }
        } else if (t == SqlLexer.CAST) {
            return;
        }
        if (prevType == Type.LPAREN || prevType == Type.LBRACKET || prevType == Type.DOT) {
            return;
        }
        if (prev == SqlLexer.CAST || prevType == Type.OP && prev.text().equals("{")) {
            return;
        }
        out.append(' ');
    }

    private static void append(Out out, Token t) {
        // the lexer already cased keywords up and identifiers down
        char single = t.single;
        if (single != 0) {
            out.append(single); // most tokens are one character: cheaper than copying a String
        } else {
            out.append(t.text());
        }
    }
}
