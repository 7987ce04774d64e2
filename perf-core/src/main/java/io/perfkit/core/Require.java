package io.perfkit.core;

import java.time.Duration;
import java.util.Locale;

/**
 * Checks for configuration and arguments whose failure message names the offending setting, so that every
 * perfkit builder rejects bad input the same way: {@link NullPointerException} for a missing value,
 * {@link IllegalArgumentException} for a bad value, {@link IllegalStateException} for an inconsistent
 * combination found at {@code build()}.
 *
 * <pre>{@code
 * public Builder minSize(long bytes) {
 *     Require.argument(bytes >= 0, "minSize must be >= 0, but was %s", bytes);
 *     ...
 * }
 * }</pre>
 *
 * <p>Meant for configuration paths, not per-call hot paths: the message arguments are boxed.
 */
public final class Require {
    private Require() {}

    /**
     * Fails with {@link IllegalArgumentException} unless {@code condition} holds.
     *
     * @param condition the condition that must hold
     * @param messageFormat a {@link String#format} pattern naming the setting and the rule
     * @param args the values for the pattern, typically the rejected value
     * @throws IllegalArgumentException when the condition is false
     */
    public static void argument(boolean condition, String messageFormat, Object... args) {
        if (!condition) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, messageFormat, args));
        }
    }

    /**
     * Fails with {@link IllegalStateException} unless {@code condition} holds; for cross-setting rules checked
     * when a configuration is built, and for settings given twice.
     *
     * @param condition the condition that must hold
     * @param messageFormat a {@link String#format} pattern naming the settings involved
     * @param args the values for the pattern
     * @throws IllegalStateException when the condition is false
     */
    public static void state(boolean condition, String messageFormat, Object... args) {
        if (!condition) {
            throw new IllegalStateException(String.format(Locale.ROOT, messageFormat, args));
        }
    }

    /**
     * Returns {@code value}, or fails naming the setting when it is null.
     *
     * @param value the value to check
     * @param name the name of the setting or argument, as the user wrote it
     * @param <T> the value's type
     * @return {@code value}
     * @throws NullPointerException when {@code value} is null
     */
    public static <T> T nonNull(T value, String name) {
        if (value == null) {
            throw new NullPointerException(name + " must not be null");
        }
        return value;
    }

    /**
     * Returns {@code value}, or fails naming the setting when it is null, empty or only whitespace.
     *
     * @param value the value to check
     * @param name the name of the setting or argument
     * @return {@code value}
     * @throws NullPointerException when {@code value} is null
     * @throws IllegalArgumentException when {@code value} is blank
     */
    public static String nonBlank(String value, String name) {
        nonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }

    /**
     * Returns {@code value}, or fails naming the setting when it is zero or negative.
     *
     * @param value the duration to check
     * @param name the name of the setting or argument
     * @return {@code value}
     * @throws NullPointerException when {@code value} is null
     * @throws IllegalArgumentException when {@code value} is zero or negative
     */
    public static Duration positive(Duration value, String name) {
        nonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, but was " + value);
        }
        return value;
    }

    /**
     * Returns {@code value}, or fails naming the setting when it is negative.
     *
     * @param value the duration to check
     * @param name the name of the setting or argument
     * @return {@code value}
     * @throws NullPointerException when {@code value} is null
     * @throws IllegalArgumentException when {@code value} is negative
     */
    public static Duration nonNegative(Duration value, String name) {
        nonNull(value, name);
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, but was " + value);
        }
        return value;
    }

    /**
     * Returns {@code value}, or fails naming the setting when it is below {@code min}.
     *
     * @param value the value to check
     * @param min the smallest accepted value
     * @param name the name of the setting or argument
     * @return {@code value}
     * @throws IllegalArgumentException when {@code value < min}
     */
    public static long atLeast(long value, long min, String name) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be >= " + min + ", but was " + value);
        }
        return value;
    }

    /**
     * Returns {@code value}, or fails naming the setting when it lies outside {@code [min, max]}.
     *
     * @param value the value to check
     * @param min the smallest accepted value
     * @param max the largest accepted value
     * @param name the name of the setting or argument
     * @return {@code value}
     * @throws IllegalArgumentException when {@code value} is out of range or not a number
     */
    public static double between(double value, double min, double max, String name) {
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(
                    name + " must be between " + min + " and " + max + ", but was " + value);
        }
        return value;
    }
}
