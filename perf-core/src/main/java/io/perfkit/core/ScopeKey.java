package io.perfkit.core;

/**
 * A typed key for state a module keeps per {@link WorkScope}, such as the N+1 detector's counters. Keys are
 * compared by identity: hold each one in a {@code static final} field of the module that owns the state.
 *
 * <pre>{@code
 * private static final ScopeKey<RepetitionCounter> COUNTER = ScopeKey.named("perf-query.repetitions");
 * ...
 * RepetitionCounter counter = scope.attribute(COUNTER, RepetitionCounter::new);
 * }</pre>
 *
 * @param <T> the type of the value stored under this key
 */
public final class ScopeKey<T> {
    private final String name;

    private ScopeKey(String name) {
        this.name = name;
    }

    /**
     * Creates a new key; two keys with the same name are still different keys.
     *
     * @param name a descriptive name, for debugging
     * @param <T> the type of the value stored under this key
     * @return a new key
     */
    public static <T> ScopeKey<T> named(String name) {
        return new ScopeKey<>(Require.nonBlank(name, "name"));
    }

    /** @return the key's descriptive name */
    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return "ScopeKey[" + name + "]";
    }
}
