package io.perfkit.pool;

import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A connection the {@link LeakTracker} found held longer than its threshold.
 *
 * @param poolName the tracker's pool name
 * @param heldFor how long the connection has been held at least (measured to within one sweep interval)
 * @param threadName the name of the thread that borrowed it
 * @param callSite the application line that borrowed it, or, when the borrow was not sampled, the first
 *     application line on the borrowing thread's stack when the leak was found; null when neither is known
 * @param callSiteFromBorrow true when {@code callSite} was captured at the borrow itself
 */
public record HeldConnection(String poolName, Duration heldFor, String threadName,
                             @Nullable StackTraceElement callSite, boolean callSiteFromBorrow) {
    /** @return the call site, if known */
    public Optional<StackTraceElement> borrowCallSite() {
        return Optional.ofNullable(callSite);
    }
}
