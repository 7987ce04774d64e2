package io.perfkit.examples.bookstore;

import io.perfkit.core.ScopeReport;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the requests' {@link io.perfkit.core.WorkScope}s recorded, summed per route and mode: the load test reads
 * it to report statements per request and cache hit rates. Thread-safe; {@link #snapshot(Route, Mode)} and
 * {@link Totals#minus(Totals)} give the figures of one measured phase.
 */
public final class ScopeStats {
    private final Map<Route, Map<Mode, Counters>> counters = new EnumMap<>(Route.class);

    /** Creates empty statistics. */
    public ScopeStats() {
        for (Route route : Route.values()) {
            Map<Mode, Counters> byMode = new EnumMap<>(Mode.class);
            for (Mode mode : Mode.values()) {
                byMode.put(mode, new Counters());
            }
            counters.put(route, byMode);
        }
    }

    private static final class Counters {
        final LongAdder requests = new LongAdder();
        final LongAdder queries = new LongAdder();
        final LongAdder databaseNanos = new LongAdder();
        final LongAdder cacheHits = new LongAdder();
        final LongAdder cacheMisses = new LongAdder();
        final LongAdder findings = new LongAdder();
        final LongAdder overBudget = new LongAdder();
    }

    /**
     * Sums of what the requests of one route and mode recorded.
     *
     * @param requests requests served
     * @param queries statements executed
     * @param databaseNanos time spent in statements
     * @param cacheHits cache reads served from the cache
     * @param cacheMisses cache reads that went to the database
     * @param findings findings made
     * @param overBudget requests that broke the service's per-request budget
     */
    public record Totals(long requests, long queries, long databaseNanos, long cacheHits, long cacheMisses,
            long findings, long overBudget) {
        /**
         * Subtracts an earlier snapshot.
         *
         * @param earlier the snapshot taken at the start of a phase
         * @return what happened since
         */
        public Totals minus(Totals earlier) {
            return new Totals(requests - earlier.requests, queries - earlier.queries,
                    databaseNanos - earlier.databaseNanos, cacheHits - earlier.cacheHits,
                    cacheMisses - earlier.cacheMisses, findings - earlier.findings, overBudget - earlier.overBudget);
        }

        /** @return statements per request, or 0 without requests */
        public double queriesPerRequest() {
            return requests == 0 ? 0 : (double) queries / requests;
        }

        /** @return the cache hit rate between 0 and 1, or -1 when no cache was read */
        public double cacheHitRate() {
            long reads = cacheHits + cacheMisses;
            return reads == 0 ? -1 : (double) cacheHits / reads;
        }
    }

    void record(Route route, Mode mode, ScopeReport report, boolean overBudget) {
        Counters c = counters.get(route).get(mode);
        c.requests.increment();
        c.queries.add(report.queryCount());
        c.databaseNanos.add(report.databaseTime().toNanos());
        c.cacheHits.add(report.cacheHits());
        c.cacheMisses.add(report.cacheMisses());
        c.findings.add(report.findings().size());
        if (overBudget) {
            c.overBudget.increment();
        }
    }

    /**
     * Reads the current sums.
     *
     * @param route the route
     * @param mode the mode
     * @return the sums so far
     */
    public Totals snapshot(Route route, Mode mode) {
        Counters c = counters.get(route).get(mode);
        return new Totals(c.requests.sum(), c.queries.sum(), c.databaseNanos.sum(), c.cacheHits.sum(),
                c.cacheMisses.sum(), c.findings.sum(), c.overBudget.sum());
    }
}
