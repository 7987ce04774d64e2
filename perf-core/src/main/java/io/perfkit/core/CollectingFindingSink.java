package io.perfkit.core;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A sink that keeps every finding in memory, in arrival order; thread-safe. Obtained from
 * {@link FindingSink#collecting()}.
 *
 * <pre>{@code
 * CollectingFindingSink findings = FindingSink.collecting();
 * ... run the code under test ...
 * assertThat(findings.findings(FindingKind.N_PLUS_ONE)).hasSize(1);
 * }</pre>
 */
public final class CollectingFindingSink implements FindingSink {
    private final List<Finding> findings = new CopyOnWriteArrayList<>();

    CollectingFindingSink() {}

    @Override
    public void accept(Finding finding) {
        findings.add(Require.nonNull(finding, "finding"));
    }

    /**
     * Returns every finding received so far.
     *
     * @return an immutable snapshot, in arrival order
     */
    public List<Finding> findings() {
        return List.copyOf(findings);
    }

    /**
     * Returns the findings of one kind received so far.
     *
     * @param kind the kind to select
     * @return an immutable snapshot, in arrival order
     */
    public List<Finding> findings(FindingKind kind) {
        Require.nonNull(kind, "kind");
        List<Finding> selected = new ArrayList<>();
        for (Finding f : findings) {
            if (f.kind() == kind) {
                selected.add(f);
            }
        }
        return List.copyOf(selected);
    }

    /** Forgets every finding received so far. */
    public void clear() {
        findings.clear();
    }

    @Override
    public String toString() {
        return "CollectingFindingSink" + findings;
    }
}
