package io.perfkit.query;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/** What the monitor keeps per fingerprint: its meters, whether detection skips it, and its plan history. */
final class FingerprintStats {
    final Fingerprint fingerprint;
    final @Nullable Timer timer;
    final @Nullable DistributionSummary rows;
    final boolean excluded;
    /** When the last plan capture was queued, in ticker nanos; 0 for never. */
    final AtomicLong lastCaptureNanos = new AtomicLong();
    volatile @Nullable String planHash;
    volatile @Nullable QueryPlan lastPlan;
    /** The N+1 detector's counter in the scope that last ran this fingerprint. */
    volatile RepetitionDetector.@Nullable ScopedCounter lastCounter;

    FingerprintStats(Fingerprint fingerprint, @Nullable Timer timer, @Nullable DistributionSummary rows,
                     boolean excluded) {
        this.fingerprint = fingerprint;
        this.timer = timer;
        this.rows = rows;
        this.excluded = excluded;
    }
}
