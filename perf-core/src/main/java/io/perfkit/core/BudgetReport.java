package io.perfkit.core;

import java.util.ArrayList;
import java.util.List;

/**
 * The outcome of checking a budget: every breach with its numbers, or none.
 *
 * <pre>{@code
 * BudgetReport result = budget.check(scope.report());
 * result.assertWithinBudget();          // in a test or a CI gate
 * if (!result.passed()) log.warn("{}", result);   // in production
 * }</pre>
 *
 * @param breaches the limits that were exceeded, in the order they were checked
 */
public record BudgetReport(List<Breach> breaches) {
    /**
     * Copies the breaches.
     *
     * @throws NullPointerException if {@code breaches} is null
     */
    public BudgetReport {
        breaches = List.copyOf(breaches);
    }

    /** @return true when no limit was exceeded */
    public boolean passed() {
        return breaches.isEmpty();
    }

    /**
     * Throws when any limit was exceeded.
     *
     * @throws BudgetExceededError listing every breach with the numbers
     */
    public void assertWithinBudget() {
        if (!breaches.isEmpty()) {
            throw new BudgetExceededError(breaches);
        }
    }

    /**
     * Combines this report with another, as when a scope budget and a latency budget gate one build.
     *
     * @param other another report
     * @return a report with the breaches of both
     */
    public BudgetReport and(BudgetReport other) {
        List<Breach> all = new ArrayList<>(breaches);
        all.addAll(Require.nonNull(other, "other").breaches);
        return new BudgetReport(all);
    }

    @Override
    public String toString() {
        return passed() ? "within budget" : new BudgetExceededError(breaches).getMessage();
    }
}
