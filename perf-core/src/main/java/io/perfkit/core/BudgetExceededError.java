package io.perfkit.core;

import java.util.List;

/**
 * Thrown by {@link BudgetReport#assertWithinBudget()} when a budget was exceeded; its message lists every
 * breach with the numbers. An {@link AssertionError} so test frameworks report it as a failure.
 */
public final class BudgetExceededError extends AssertionError {
    private static final long serialVersionUID = 1L;

    private final transient List<Breach> breaches;

    BudgetExceededError(List<Breach> breaches) {
        super(message(breaches));
        this.breaches = List.copyOf(breaches);
    }

    private static String message(List<Breach> breaches) {
        StringBuilder sb = new StringBuilder("performance budget exceeded (")
                .append(breaches.size()).append(breaches.size() == 1 ? " breach):" : " breaches):");
        for (Breach b : breaches) {
            sb.append(System.lineSeparator()).append("  - ").append(b);
        }
        return sb.toString();
    }

    /** @return every breach, in the order the limits were checked */
    public List<Breach> breaches() {
        return breaches;
    }
}
