package io.perfkit.pool;

/**
 * The {@link PoolAdvisor}'s reading of one evaluation window.
 *
 * @param verdict what the window showed
 * @param currentMaximumPoolSize the pool's maximum during the window
 * @param recommendedMaximumPoolSize the size the advisor recommends; equal to the current one when healthy
 * @param cause why the pool is saturated; {@link Cause#NONE} unless the verdict is {@link Verdict#SATURATED}
 * @param reason the reasoning, in plain words
 * @param window the numbers the advice is based on
 */
public record PoolAdvice(Verdict verdict, int currentMaximumPoolSize, int recommendedMaximumPoolSize,
                         Cause cause, String reason, WindowStats window) {

    /** What an evaluation window showed. */
    public enum Verdict {
        /** Callers waited for connections for much of the window, or timed out. */
        SATURATED,
        /** The pool stayed far larger than its peak use, with nobody waiting. */
        OVERSIZED,
        /** Neither. */
        HEALTHY
    }

    /** Why a pool is saturated: the cure differs. */
    public enum Cause {
        /** Not saturated. */
        NONE,
        /** More callers want connections than the pool has, and the database keeps up: grow the pool. */
        DEMAND,
        /**
         * Connections are held much longer than statements need (remote calls or slow work inside a
         * transaction, leaks): a larger pool only moves the queue; fix the code that holds them.
         */
        HOLD_TIME,
        /**
         * Hold times grew as the pool grew: the database is queueing. A larger pool makes everything slower;
         * the recommendation is the size at which hold times were still at their best.
         */
        DATABASE
    }

    /**
     * The numbers of one evaluation window.
     *
     * @param samples how many snapshots the window holds
     * @param seconds how long the window lasted
     * @param waitingFraction the fraction of snapshots in which at least one caller was waiting
     * @param peakPending the most callers seen waiting at once
     * @param meanActive the average number of connections lent out
     * @param peakActive the most connections lent out at once
     * @param peakDemand the most connections wanted at once (lent out plus waiting)
     * @param acquisitionsPerSecond borrows per second; 0 when timings are not measured
     * @param meanHoldMillis average time a connection was held; 0 when not measured
     * @param meanWaitMillis average time callers waited in {@code getConnection()}; 0 when not measured
     * @param timeouts {@code getConnection()} timeouts during the window
     */
    public record WindowStats(int samples, double seconds, double waitingFraction, int peakPending,
                              double meanActive, int peakActive, int peakDemand, double acquisitionsPerSecond,
                              double meanHoldMillis, double meanWaitMillis, long timeouts) {
        /** @return Little's law: the average number of connections in use, acquisitions/s × hold time */
        public double littlesLawInUse() {
            return acquisitionsPerSecond * meanHoldMillis / 1000.0;
        }
    }
}
