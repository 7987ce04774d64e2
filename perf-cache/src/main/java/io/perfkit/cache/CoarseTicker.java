package io.perfkit.cache;

import io.perfkit.core.Ticker;

/** Time for L1 expiry and early refresh without a clock read per hit: advanced every millisecond. */
final class CoarseTicker implements Ticker {
    private volatile long now = System.nanoTime();

    void advance() {
        now = System.nanoTime();
    }

    @Override
    public long read() {
        return now;
    }
}
