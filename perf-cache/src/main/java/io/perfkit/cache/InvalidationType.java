package io.perfkit.cache;

/** The kinds of invalidation message; the lower-case name is the {@code type} tag of {@code cache.invalidations}. */
public enum InvalidationType {
    /** One key. */
    KEY,
    /** One tag (or prefix) generation. */
    TAG,
    /** The whole cache. */
    ALL
}
