package io.perfkit.examples.loadtest;

import io.perfkit.examples.bookstore.Mode;
import io.perfkit.examples.bookstore.ScopeStats;
import org.HdrHistogram.Histogram;

/**
 * What one scenario measured in one mode.
 *
 * @param mode the mode
 * @param elapsedNanos how long the measured phase ran
 * @param requests responses received (any status)
 * @param errors responses that were neither 2xx nor 304, and requests that failed
 * @param notModified 304 responses
 * @param bodyBytes response body bytes as sent on the wire (compressed when the server compressed)
 * @param latency response times in microseconds
 * @param perSecond responses completed in each second of the phase
 * @param scopes what the server's work scopes recorded for the route and mode during the phase
 */
public record PhaseResult(Mode mode, long elapsedNanos, long requests, long errors, long notModified, long bodyBytes,
        Histogram latency, long[] perSecond, ScopeStats.Totals scopes) {

    /** @return responses per second */
    public double throughput() {
        return elapsedNanos == 0 ? 0 : requests * 1e9 / elapsedNanos;
    }

    /**
     * Returns a latency percentile.
     *
     * @param percentile such as 95.0
     * @return milliseconds
     */
    public double percentileMillis(double percentile) {
        return latency.getTotalCount() == 0 ? 0 : latency.getValueAtPercentile(percentile) / 1000.0;
    }

    /** @return mean body bytes per response */
    public double bytesPerResponse() {
        return requests == 0 ? 0 : (double) bodyBytes / requests;
    }
}
