package io.perfkit.query;

import io.micrometer.core.instrument.Timer;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/** What the monitor keeps per fingerprint: its meters, whether detection skips it, and its plan history. */
final class FingerprintStats {
    final Fingerprint fingerprint;
    /** perfkit's accumulators behind the {@code perfkit.query} function timer, or null. */
    final @Nullable QueryTimer timer;
    /** A real Micrometer timer, when the user asked for percentiles or a histogram; else null. */
    final @Nullable Timer distributionTimer;
    /** Rows read, behind the {@code perfkit.query.rows} function counter, or null. */
    final @Nullable LongAdder rows;
    final boolean excluded;
    /** When the last plan capture was queued, in ticker nanos; 0 for never. */
    final AtomicLong lastCaptureNanos = new AtomicLong();
    volatile @Nullable String planHash;
    volatile @Nullable QueryPlan lastPlan;
    /** The N+1 detector's counter in the scope that last ran this fingerprint. */
    volatile RepetitionDetector.@Nullable ScopedCounter lastCounter;

    FingerprintStats(Fingerprint fingerprint, @Nullable QueryTimer timer, @Nullable Timer distributionTimer,
                     @Nullable LongAdder rows, boolean excluded) {
        this.fingerprint = fingerprint;
        this.timer = timer;
        this.distributionTimer = distributionTimer;
        this.rows = rows;
        this.excluded = excluded;
    }
}
