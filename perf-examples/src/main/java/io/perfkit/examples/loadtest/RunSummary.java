package io.perfkit.examples.loadtest;

import java.time.Instant;
import java.util.List;

/**
 * Everything a report shows about one run.
 *
 * @param startedAt when the run started
 * @param environment the machine, JDK and servers, one line each
 * @param settings clients and durations
 * @param data what the database held, one line
 * @param results per scenario
 */
public record RunSummary(Instant startedAt, List<String> environment, LoadDriver.Settings settings, String data,
        List<ScenarioResult> results) {
    /** Copies the lists. */
    public RunSummary {
        environment = List.copyOf(environment);
        results = List.copyOf(results);
    }
}
