package io.perfkit.core;

/** The sink that drops every finding. */
final class DisabledFindingSink implements FindingSink {
    static final DisabledFindingSink INSTANCE = new DisabledFindingSink();

    private DisabledFindingSink() {}

    @Override
    public void accept(Finding finding) {}

    @Override
    public String toString() {
        return "FindingSink.disabled()";
    }
}
