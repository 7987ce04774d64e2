package io.perfkit.examples.loadtest;

import io.perfkit.core.Finding;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A scenario measured in both modes, with the findings made while it ran naive.
 *
 * @param scenario the scenario
 * @param naive the naive phase, or null when it was not run
 * @param tuned the tuned phase, or null when it was not run
 * @param naiveFindings findings published during the naive phase
 * @param tunedFindings findings published during the tuned phase
 */
public record ScenarioResult(Scenario scenario, @Nullable PhaseResult naive, @Nullable PhaseResult tuned,
        List<Finding> naiveFindings, List<Finding> tunedFindings) {
    /** Copies the lists. */
    public ScenarioResult {
        naiveFindings = List.copyOf(naiveFindings);
        tunedFindings = List.copyOf(tunedFindings);
    }
}
