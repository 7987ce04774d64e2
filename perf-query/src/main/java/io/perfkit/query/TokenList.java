package io.perfkit.query;

import io.perfkit.query.SqlLexer.Token;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.Objects;
import java.util.RandomAccess;
import org.jspecify.annotations.Nullable;

/**
 * The lexer's output: an append-only array of tokens. {@code ArrayList}'s modification count and its capacity
 * and range checks cost a measurable share of fingerprinting, which adds and reads every token once or twice.
 */
final class TokenList extends AbstractList<Token> implements RandomAccess {
    private Token[] tokens;
    private int size;
    private boolean flagTokens;

    TokenList(int capacity) {
        this.tokens = new Token[Math.max(8, capacity)];
    }

    @Override
    public boolean add(Token t) {
        if (size == tokens.length) {
            tokens = Arrays.copyOf(tokens, size * 2);
        }
        tokens[size++] = t;
        return true;
    }

    @Override
    public Token get(int index) {
        Objects.checkIndex(index, size);
        return tokens[index];
    }

    @Override
    public int size() {
        return size;
    }

    /** Notes that the tokens hold a {@code ;}, {@code FOR} or {@code INTO}, which {@link Fingerprint} looks for. */
    void markFlagTokens() {
        flagTokens = true;
    }

    /** @return false when no token can set a {@link Fingerprint} flag, so the scan for them can be skipped */
    boolean hasFlagTokens() {
        return flagTokens;
    }

    /** @return the last token, or null when there is none */
    @Nullable Token last() {
        return size == 0 ? null : tokens[size - 1];
    }
}
