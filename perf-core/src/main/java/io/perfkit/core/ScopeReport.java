package io.perfkit.core;

import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;

/**
 * What one {@link WorkScope} recorded: how long it ran, how many statements it executed and how long they
 * took, how its cache reads went, and the findings made inside it. Includes what nested scopes recorded once
 * they closed. Obtained from {@link WorkScope#report()}.
 *
 * @param name the scope's name, such as {@code "GET /books"}
 * @param duration how long the scope ran, or has run so far when it is still open
 * @param queryCount how many statements (a batch counts once) were executed
 * @param databaseTime the time spent executing them, as seen by the application
 * @param cacheHits cache reads served from any cache tier
 * @param cacheMisses cache reads that went to the loader
 * @param findings the findings made inside the scope, in order
 * @param closed whether the scope was closed when the report was taken
 */
public record ScopeReport(
        String name,
        Duration duration,
        long queryCount,
        Duration databaseTime,
        long cacheHits,
        long cacheMisses,
        List<Finding> findings,
        boolean closed) {

    /**
     * Validates and copies the components.
     *
     * @throws NullPointerException if a component is null
     */
    public ScopeReport {
        Require.nonNull(name, "name");
        Require.nonNull(duration, "duration");
        Require.nonNull(databaseTime, "databaseTime");
        findings = List.copyOf(findings);
    }

    /**
     * Returns the share of cache reads that were hits.
     *
     * @return a value between 0 and 1, or empty when the scope read no cache
     */
    public OptionalDouble cacheHitRate() {
        long reads = cacheHits + cacheMisses;
        return reads == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) cacheHits / reads);
    }

    /**
     * Counts the findings of one kind.
     *
     * @param kind the kind
     * @return how many findings of that kind the scope holds
     */
    public long findingCount(FindingKind kind) {
        Require.nonNull(kind, "kind");
        return findings.stream().filter(f -> f.kind() == kind).count();
    }
}
