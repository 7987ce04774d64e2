package io.perfkit.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Declarative limits on one unit of work, checked against its {@link ScopeReport}: how many statements it may
 * execute, how long it may spend in the database or in total, how many findings of each kind it may have, and
 * the cache hit rate it must reach. Every breach is reported with the numbers, not just the first. For latency
 * percentiles of a Micrometer timer, see {@code io.perfkit.core.micrometer.LatencyBudget}.
 *
 * <pre>{@code
 * Budget budget = Budget.builder()
 *     .maxQueries(10)
 *     .maxFindings(FindingKind.N_PLUS_ONE, 0)
 *     .maxDatabaseTime(Duration.ofMillis(50))
 *     .build();
 * try (WorkScope scope = WorkScope.open("GET /orders")) {
 *     orders.list();
 *     budget.check(scope.report()).assertWithinBudget();
 * }
 * }</pre>
 */
public final class Budget {
    private final long maxQueries;
    private final @Nullable Duration maxDatabaseTime;
    private final @Nullable Duration maxDuration;
    private final double minCacheHitRate;
    private final Map<FindingKind, Long> maxFindings;

    private Budget(Builder b) {
        this.maxQueries = b.maxQueries;
        this.maxDatabaseTime = b.maxDatabaseTime;
        this.maxDuration = b.maxDuration;
        this.minCacheHitRate = b.minCacheHitRate;
        this.maxFindings = new EnumMap<>(b.maxFindings);
    }

    /** @return a builder with no limits set */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Checks every limit against the report.
     *
     * @param report what a scope recorded
     * @return every breach, or none
     */
    public BudgetReport check(ScopeReport report) {
        Require.nonNull(report, "report");
        String subject = report.name();
        List<Breach> breaches = new ArrayList<>();
        if (maxQueries >= 0 && report.queryCount() > maxQueries) {
            breaches.add(new Breach("queries", Long.toString(maxQueries), Long.toString(report.queryCount()),
                    subject));
        }
        if (maxDatabaseTime != null && report.databaseTime().compareTo(maxDatabaseTime) > 0) {
            breaches.add(Breach.ofDuration("database time", maxDatabaseTime, report.databaseTime(), subject));
        }
        if (maxDuration != null && report.duration().compareTo(maxDuration) > 0) {
            breaches.add(Breach.ofDuration("duration", maxDuration, report.duration(), subject));
        }
        for (Map.Entry<FindingKind, Long> limit : maxFindings.entrySet()) {
            long count = report.findingCount(limit.getKey());
            if (count > limit.getValue()) {
                breaches.add(new Breach(limit.getKey() + " findings", limit.getValue().toString(),
                        Long.toString(count), subject));
            }
        }
        if (minCacheHitRate >= 0) {
            report.cacheHitRate().ifPresent(rate -> {
                if (rate < minCacheHitRate) {
                    // A hit rate that is too low is a breach "below" the limit; say so in the limit's name.
                    breaches.add(new Breach("cache miss rate", percent(1 - minCacheHitRate), percent(1 - rate),
                            subject));
                }
            });
        }
        return new BudgetReport(breaches);
    }

    private static String percent(double share) {
        return String.format(java.util.Locale.ROOT, "%.1f %%", share * 100);
    }

    @Override
    public String toString() {
        return "Budget[maxQueries=" + (maxQueries < 0 ? "-" : maxQueries) + ", maxDatabaseTime=" + maxDatabaseTime
                + ", maxDuration=" + maxDuration + ", maxFindings=" + maxFindings
                + ", minCacheHitRate=" + (minCacheHitRate < 0 ? "-" : minCacheHitRate) + "]";
    }

    /** Builds a {@link Budget}; every limit is optional, and each may be set once. */
    public static final class Builder {
        private long maxQueries = -1;
        private @Nullable Duration maxDatabaseTime;
        private @Nullable Duration maxDuration;
        private double minCacheHitRate = -1;
        private final Map<FindingKind, Long> maxFindings = new EnumMap<>(FindingKind.class);

        private Builder() {}

        /**
         * Limits the statements one scope may execute.
         *
         * @param max at least 0
         * @return this builder
         */
        public Builder maxQueries(long max) {
            Require.state(maxQueries < 0, "maxQueries was already set to %s", maxQueries);
            this.maxQueries = Require.atLeast(max, 0, "maxQueries");
            return this;
        }

        /**
         * Limits the time one scope may spend executing statements.
         *
         * @param max a positive duration
         * @return this builder
         */
        public Builder maxDatabaseTime(Duration max) {
            Require.state(maxDatabaseTime == null, "maxDatabaseTime was already set to %s", maxDatabaseTime);
            this.maxDatabaseTime = Require.positive(max, "maxDatabaseTime");
            return this;
        }

        /**
         * Limits how long one scope may run in total.
         *
         * @param max a positive duration
         * @return this builder
         */
        public Builder maxDuration(Duration max) {
            Require.state(maxDuration == null, "maxDuration was already set to %s", maxDuration);
            this.maxDuration = Require.positive(max, "maxDuration");
            return this;
        }

        /**
         * Limits the findings of one kind a scope may have; {@code 0} forbids the kind.
         *
         * @param kind the kind
         * @param max at least 0
         * @return this builder
         */
        public Builder maxFindings(FindingKind kind, long max) {
            Require.nonNull(kind, "kind");
            Require.state(!maxFindings.containsKey(kind), "maxFindings(%s) was already set to %s", kind,
                    maxFindings.get(kind));
            maxFindings.put(kind, Require.atLeast(max, 0, "maxFindings(" + kind + ")"));
            return this;
        }

        /**
         * Requires a scope that read a cache to have at least this hit rate; a scope without cache reads passes.
         *
         * @param min between 0 and 1, such as {@code 0.8}
         * @return this builder
         */
        public Builder minCacheHitRate(double min) {
            Require.state(minCacheHitRate < 0, "minCacheHitRate was already set to %s", minCacheHitRate);
            this.minCacheHitRate = Require.between(min, 0, 1, "minCacheHitRate");
            return this;
        }

        /**
         * Builds the budget.
         *
         * @return the budget
         * @throws IllegalStateException if no limit was set
         */
        public Budget build() {
            Require.state(maxQueries >= 0 || maxDatabaseTime != null || maxDuration != null
                            || minCacheHitRate >= 0 || !maxFindings.isEmpty(),
                    "a Budget needs at least one limit (maxQueries, maxDatabaseTime, maxDuration, maxFindings"
                            + " or minCacheHitRate)");
            return new Budget(this);
        }
    }
}
