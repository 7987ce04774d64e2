package io.perfkit.core;

/**
 * A source of nanosecond time, read instead of {@link System#nanoTime()} so that time-dependent behaviour
 * (de-duplication windows, rate limits, sampling intervals) can be tested without sleeping.
 *
 * <p>Only differences between two readings are meaningful, as with {@link System#nanoTime()}.
 */
@FunctionalInterface
public interface Ticker {
    /**
     * Returns the current reading in nanoseconds.
     *
     * @return nanoseconds since an arbitrary, fixed origin
     */
    long read();

    /**
     * Returns the ticker backed by {@link System#nanoTime()}.
     *
     * @return the system ticker
     */
    static Ticker system() {
        return System::nanoTime;
    }
}
