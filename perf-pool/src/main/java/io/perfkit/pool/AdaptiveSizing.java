package io.perfkit.pool;

import io.perfkit.core.Require;
import java.time.Duration;

/**
 * Whether and how the {@link PoolAdvisor} may resize the pool itself: off by default (the advisor only advises);
 * when on, it grows under sustained waiting and shrinks when the pool stays mostly idle, one step at a time,
 * within {@code [minimumSize, maximumSize]}, and never twice within the cooldown.
 *
 * <pre>{@code
 * AdaptiveSizing adaptive = AdaptiveSizing.within(4, 32).step(2).cooldown(Duration.ofMinutes(2));
 * }</pre>
 *
 * @param enabled whether the advisor applies its recommendations
 * @param minimumSize the smallest maximum pool size it may set
 * @param maximumSize the largest maximum pool size it may set
 * @param step how many connections one change adds or removes at most
 * @param cooldown the shortest time between two changes
 */
public record AdaptiveSizing(boolean enabled, int minimumSize, int maximumSize, int step, Duration cooldown) {
    /** The default shortest time between two resizes: one minute, a few evaluation windows. */
    public static final Duration DEFAULT_COOLDOWN = Duration.ofMinutes(1);
    /** The default number of connections one resize adds or removes at most: 2. */
    public static final int DEFAULT_STEP = 2;

    private static final AdaptiveSizing DISABLED = new AdaptiveSizing(false, 1, 1, 1, DEFAULT_COOLDOWN);

    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException if a value is out of range
     */
    public AdaptiveSizing {
        Require.atLeast(minimumSize, 1, "minimumSize");
        Require.argument(maximumSize >= minimumSize,
                "maximumSize must be >= minimumSize (%s), but was %s", minimumSize, maximumSize);
        Require.atLeast(step, 1, "step");
        Require.positive(cooldown, "cooldown");
    }

    /** @return the default: advise only, never resize */
    public static AdaptiveSizing disabled() {
        return DISABLED;
    }

    /**
     * Returns adaptive sizing enabled within the given bounds, with the default step and cooldown.
     *
     * @param minimumSize the smallest maximum pool size, at least 1
     * @param maximumSize the largest maximum pool size, at least {@code minimumSize}
     * @return the setting
     * @throws IllegalArgumentException if the bounds are out of range
     */
    public static AdaptiveSizing within(int minimumSize, int maximumSize) {
        return new AdaptiveSizing(true, minimumSize, maximumSize, DEFAULT_STEP, DEFAULT_COOLDOWN);
    }

    /**
     * Returns a copy with another step.
     *
     * @param step at least 1
     * @return the new setting
     * @throws IllegalArgumentException if {@code step < 1}
     */
    public AdaptiveSizing step(int step) {
        return new AdaptiveSizing(enabled, minimumSize, maximumSize, step, cooldown);
    }

    /**
     * Returns a copy with another cooldown.
     *
     * @param cooldown positive
     * @return the new setting
     * @throws IllegalArgumentException if not positive
     */
    public AdaptiveSizing cooldown(Duration cooldown) {
        return new AdaptiveSizing(enabled, minimumSize, maximumSize, step, cooldown);
    }
}
