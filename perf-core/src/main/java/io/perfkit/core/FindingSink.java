package io.perfkit.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;

/**
 * Where findings go. Built-ins: {@link #logging() SLF4J}, {@link #collecting() in-memory},
 * {@link #strict(FindingKind...) strict} (throws, for tests and CI gates), a Micrometer counter
 * ({@code io.perfkit.core.micrometer.MicrometerFindingSink}) and {@link #all(FindingSink...) several at once}.
 *
 * <p>Implementations are called on whatever thread made the finding (an application thread, or a perfkit
 * background thread for plan analysis and pool sampling), possibly concurrently; they must be thread-safe,
 * fast and should not block. perfkit modules never call a sink directly: they publish through a
 * {@link FindingPublisher}, which de-duplicates and guards, so a sink that throws is counted and logged and
 * never breaks the application's call. The one exception is the {@link StrictFindingSink}'s
 * {@link FindingAssertionError}, which is meant to fail a test.
 *
 * <pre>{@code
 * CollectingFindingSink collected = FindingSink.collecting();
 * FindingSink sink = FindingSink.all(FindingSink.logging(), collected);
 * }</pre>
 */
@FunctionalInterface
public interface FindingSink {

    /**
     * Receives one finding.
     *
     * @param finding the finding, never null
     */
    void accept(Finding finding);

    /**
     * Returns a sink that drops every finding.
     *
     * @return the no-op sink
     */
    static FindingSink disabled() {
        return DisabledFindingSink.INSTANCE;
    }

    /**
     * Returns a sink that logs through SLF4J on the logger {@code io.perfkit.findings}: {@code CRITICAL} as
     * error, {@code WARNING} as warn, {@code INFO} as info, with the suggestion on the same record.
     *
     * @return the logging sink
     */
    static FindingSink logging() {
        return LoggingFindingSink.INSTANCE;
    }

    /**
     * Returns a new sink that keeps every finding in memory, for tests and reports.
     *
     * @return a new collecting sink
     */
    static CollectingFindingSink collecting() {
        return new CollectingFindingSink();
    }

    /**
     * Returns a new sink that fails on findings of the given kinds (every kind when none is given) by throwing
     * {@link FindingAssertionError}, for tests and CI gates. It also remembers what it rejected, so a finding
     * made on a background thread still fails the test at {@link StrictFindingSink#verify()}.
     *
     * @param kinds the kinds that fail; none means all
     * @return a new strict sink
     */
    static StrictFindingSink strict(FindingKind... kinds) {
        Require.nonNull(kinds, "kinds");
        EnumSet<FindingKind> set = EnumSet.noneOf(FindingKind.class);
        set.addAll(kinds.length == 0 ? Arrays.asList(FindingKind.values()) : Arrays.asList(kinds));
        return new StrictFindingSink(set);
    }

    /**
     * Returns a sink that hands each finding to every given sink in order. A sink that throws does not stop
     * the others; the first exception is rethrown once all have been called.
     *
     * @param sinks the sinks, at least one
     * @return a composite sink, or the only sink itself when one is given
     * @throws IllegalArgumentException if no sink is given
     */
    static FindingSink all(FindingSink... sinks) {
        Require.nonNull(sinks, "sinks");
        Require.argument(sinks.length > 0, "at least one FindingSink is required");
        List<FindingSink> flat = new ArrayList<>();
        for (FindingSink sink : sinks) {
            Require.nonNull(sink, "sink");
            if (sink instanceof CompositeFindingSink) {
                flat.addAll(((CompositeFindingSink) sink).sinks);
            } else if (sink != DisabledFindingSink.INSTANCE) {
                flat.add(sink);
            }
        }
        if (flat.isEmpty()) {
            return disabled();
        }
        return flat.size() == 1 ? flat.get(0) : new CompositeFindingSink(flat);
    }
}
