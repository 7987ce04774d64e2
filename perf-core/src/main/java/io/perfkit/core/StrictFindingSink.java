package io.perfkit.core;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A sink for tests and CI gates that fails on findings of the kinds it was given: {@link #accept} throws
 * {@link FindingAssertionError} on the thread that made the finding, and {@link #verify()} throws for every
 * rejected finding seen so far, so a finding made on a perfkit background thread (plan analysis) still fails
 * the test that checks. Obtained from {@link FindingSink#strict(FindingKind...)}.
 *
 * <pre>{@code
 * StrictFindingSink strict = FindingSink.strict(FindingKind.N_PLUS_ONE);
 * ... run the code under test with a monitor publishing to strict ...
 * strict.verify();   // fails with the finding, its call site and its suggestion
 * }</pre>
 */
public final class StrictFindingSink implements FindingSink {
    private final Set<FindingKind> rejected;
    private final List<Finding> violations = new CopyOnWriteArrayList<>();

    StrictFindingSink(Set<FindingKind> rejected) {
        this.rejected = Set.copyOf(rejected);
    }

    @Override
    public void accept(Finding finding) {
        if (rejected.contains(finding.kind())) {
            violations.add(finding);
            throw new FindingAssertionError(finding);
        }
    }

    /**
     * Returns the rejected findings seen so far.
     *
     * @return an immutable snapshot, in arrival order
     */
    public List<Finding> violations() {
        return List.copyOf(violations);
    }

    /**
     * Throws when any rejected finding was seen, naming the first and counting the rest.
     *
     * @throws FindingAssertionError if a rejected finding was seen
     */
    public void verify() {
        if (!violations.isEmpty()) {
            FindingAssertionError error = new FindingAssertionError(violations.get(0));
            for (int i = 1; i < violations.size(); i++) {
                error.addSuppressed(new FindingAssertionError(violations.get(i)));
            }
            throw error;
        }
    }

    @Override
    public String toString() {
        return "FindingSink.strict" + rejected;
    }
}
