package io.perfkit.core;

/**
 * Thrown by a {@link StrictFindingSink} for a finding of a kind it rejects. An {@link AssertionError}, so that
 * test frameworks report it as a failure, and so that perfkit's guards (which contain every
 * {@link RuntimeException} a sink throws) let it through to the test.
 */
public final class FindingAssertionError extends AssertionError {
    private static final long serialVersionUID = 1L;

    private final transient Finding finding;

    FindingAssertionError(Finding finding) {
        super("perfkit finding not allowed here: " + finding.describe());
        this.finding = finding;
    }

    /**
     * Returns the finding that was rejected.
     *
     * @return the finding
     */
    public Finding finding() {
        return finding;
    }
}
