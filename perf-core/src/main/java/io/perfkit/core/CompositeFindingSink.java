package io.perfkit.core;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** Hands each finding to several sinks; one failing sink does not starve the others. */
final class CompositeFindingSink implements FindingSink {
    final List<FindingSink> sinks;

    CompositeFindingSink(List<FindingSink> sinks) {
        this.sinks = List.copyOf(sinks);
    }

    @Override
    public void accept(Finding finding) {
        @Nullable Throwable first = null;
        for (FindingSink sink : sinks) {
            try {
                sink.accept(finding);
            } catch (RuntimeException | FindingAssertionError e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first instanceof RuntimeException) {
            throw (RuntimeException) first;
        }
        if (first != null) {
            throw (FindingAssertionError) first;
        }
    }

    @Override
    public String toString() {
        return "FindingSink.all" + sinks;
    }
}
