package io.perfkit.pool;

import io.perfkit.core.Require;
import java.util.List;

/**
 * A recommended pool size with the reasoning that led to it, line by line, in plain words; made by
 * {@link PoolSizing#recommend()}.
 *
 * @param maximumPoolSize the recommended {@code maximumPoolSize} of one application instance's pool, at least 1
 * @param minimumIdle the recommended {@code minimumIdle}, between 1 and {@code maximumPoolSize}
 * @param reasoning the steps of the reasoning, in order; each a full sentence
 * @param warnings problems the inputs reveal that no pool size can fix (the database cannot serve the load,
 *     the deadlock floor does not fit under {@code max_connections}); empty when there are none
 */
public record SizingRecommendation(int maximumPoolSize, int minimumIdle, List<String> reasoning,
                                   List<String> warnings) {
    /**
     * Checks and copies the values.
     *
     * @throws IllegalArgumentException if a size is out of range
     */
    public SizingRecommendation {
        Require.atLeast(maximumPoolSize, 1, "maximumPoolSize");
        Require.argument(minimumIdle >= 1 && minimumIdle <= maximumPoolSize,
                "minimumIdle must be between 1 and maximumPoolSize (%s), but was %s", maximumPoolSize, minimumIdle);
        reasoning = List.copyOf(reasoning);
        warnings = List.copyOf(warnings);
    }

    /**
     * Returns the recommendation and its reasoning as text for a person: the sizes, then one line per step,
     * then the warnings.
     *
     * @return several lines
     */
    public String explain() {
        StringBuilder sb = new StringBuilder()
                .append("maximumPoolSize=").append(maximumPoolSize)
                .append(", minimumIdle=").append(minimumIdle);
        for (String step : reasoning) {
            sb.append(System.lineSeparator()).append("  - ").append(step);
        }
        for (String w : warnings) {
            sb.append(System.lineSeparator()).append("  ! ").append(w);
        }
        return sb.toString();
    }
}
