package io.perfkit.core;

import java.time.Duration;

/**
 * One limit of a budget that was exceeded, with the numbers.
 *
 * @param limit what was limited, such as {@code "queries"} or {@code "p95 of perfkit.query{kind=select}"}
 * @param allowed the limit, formatted with its unit
 * @param actual the measured value, formatted with its unit
 * @param subject what was measured: a scope name or a meter name
 */
public record Breach(String limit, String allowed, String actual, String subject) {
    /**
     * Validates the components.
     *
     * @throws NullPointerException if a component is null
     */
    public Breach {
        Require.nonNull(limit, "limit");
        Require.nonNull(allowed, "allowed");
        Require.nonNull(actual, "actual");
        Require.nonNull(subject, "subject");
    }

    /**
     * Creates a breach of a time limit, formatting both durations the same way (µs below 10 ms, else ms).
     *
     * @param limit what was limited
     * @param allowed the limit
     * @param actual the measured value
     * @param subject what was measured
     * @return the breach
     */
    public static Breach ofDuration(String limit, Duration allowed, Duration actual, String subject) {
        return new Breach(limit, format(allowed), format(actual), subject);
    }

    private static String format(Duration d) {
        long nanos = d.toNanos();
        return nanos < 10_000_000 ? (nanos / 1_000) + " µs" : d.toMillis() + " ms";
    }

    /** @return e.g. {@code "GET /books: queries 23 > 20"} */
    @Override
    public String toString() {
        return subject + ": " + limit + " " + actual + " > " + allowed;
    }
}
