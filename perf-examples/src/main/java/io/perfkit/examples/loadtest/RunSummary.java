package io.perfkit.examples.loadtest;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything a report shows about one run.
 *
 * @param startedAt when the run started
 * @param environment the machine, JDK and servers, one line each
 * @param settings clients and durations
 * @param data what the database held, one line
 * @param results per scenario
 * @param statements the SQL of each statement fingerprint perf-query saw, by id: what the findings' subjects name
 */
public record RunSummary(Instant startedAt, List<String> environment, LoadDriver.Settings settings, String data,
        List<ScenarioResult> results, Map<String, String> statements) {
    /** Copies the lists. */
    public RunSummary {
        environment = List.copyOf(environment);
        results = List.copyOf(results);
        statements = Map.copyOf(statements);
    }

    /**
     * Names a finding's subject: the SQL for a statement fingerprint, else the subject as it is (a pool's name).
     *
     * @param subject a finding's subject
     * @return what to show
     */
    public String describeSubject(String subject) {
        return statements.getOrDefault(subject, subject);
    }
}
