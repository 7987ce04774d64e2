package io.perfkit.query.internal;

import io.perfkit.core.ScopeKey;
import org.jspecify.annotations.Nullable;

/**
 * What a data-access framework's listener tells the monitor about the statement running now on this scope's
 * thread (for example that jOOQ is running it), so findings can speak the framework's language. Kept as a
 * {@link io.perfkit.core.WorkScope} attribute; never a thread-local of its own.
 */
public final class FrameworkContext {
    /** The scope attribute. */
    public static final ScopeKey<FrameworkContext> KEY = ScopeKey.named("perf-query.framework");

    private volatile @Nullable String framework;

    /** @return the framework running the current statement, such as {@code "jOOQ"}, or null */
    public @Nullable String framework() {
        return framework;
    }

    /**
     * Sets or clears the framework running the current statement.
     *
     * @param framework its name, or null when it finished
     */
    public void framework(@Nullable String framework) {
        this.framework = framework;
    }
}
