package io.perfkit.cache;

/** The tiers of a {@link TieredCache}; the lower-case name is the {@code tier} tag of its meters. */
public enum Tier {
    /** The in-process Caffeine cache. */
    L1,
    /** The shared Redis cache. */
    L2;

    /**
     * Returns the tag value: {@code l1} or {@code l2}.
     *
     * @return the tag value
     */
    public String tagValue() {
        return this == L1 ? "l1" : "l2";
    }
}
