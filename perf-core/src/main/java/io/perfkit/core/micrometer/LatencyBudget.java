package io.perfkit.core.micrometer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.perfkit.core.Breach;
import io.perfkit.core.BudgetReport;
import io.perfkit.core.Require;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Latency limits on a Micrometer {@link Timer}: p95, p99 and max, checked for every timer of the name that
 * matches the given tags (one breach per timer and limit, with the numbers).
 *
 * <p>Percentiles are read from the timer's published percentiles when it has them
 * ({@code Timer.builder(..).publishPercentiles(0.95, 0.99)}), else estimated from its histogram buckets
 * ({@code publishPercentileHistogram()} on registries that keep them, such as Prometheus, or
 * {@code serviceLevelObjectives(..)} on any registry) as the upper bound of the bucket the percentile falls
 * in, which never understates the latency. A timer with neither cannot be checked, and {@link #check} says so.
 *
 * <pre>{@code
 * LatencyBudget.builder("http.server.requests")
 *     .tag("uri", "/books")
 *     .p95(Duration.ofMillis(200))
 *     .p99(Duration.ofMillis(500))
 *     .build()
 *     .check(meterRegistry)
 *     .assertWithinBudget();
 * }</pre>
 */
public final class LatencyBudget {
    private final String timerName;
    private final Tags tags;
    private final Map<Double, Duration> percentiles;
    private final @Nullable Duration max;

    private LatencyBudget(Builder b) {
        this.timerName = b.timerName;
        this.tags = b.tags;
        this.percentiles = new TreeMap<>(b.percentiles);
        this.max = b.max;
    }

    /**
     * Starts a budget for the timers of the given name.
     *
     * @param timerName the timer's name, such as {@code "perfkit.query"}
     * @return a builder
     */
    public static Builder builder(String timerName) {
        return new Builder(timerName);
    }

    /**
     * Checks every limit against every matching timer.
     *
     * @param registry the registry holding the timers
     * @return every breach, or none; a missing timer is a breach, since a gate must not pass on no data
     * @throws IllegalStateException if a matching timer publishes neither percentiles nor a histogram
     */
    public BudgetReport check(MeterRegistry registry) {
        Require.nonNull(registry, "registry");
        Collection<Timer> timers = registry.find(timerName).tags(tags).timers();
        List<Breach> breaches = new ArrayList<>();
        if (timers.isEmpty()) {
            breaches.add(new Breach("recorded timer", "present", "absent", describe(timerName, tags)));
            return new BudgetReport(breaches);
        }
        for (Timer timer : timers) {
            String subject = describe(timerName, Tags.of(timer.getId().getTags()));
            HistogramSnapshot snapshot = timer.takeSnapshot();
            for (Map.Entry<Double, Duration> limit : percentiles.entrySet()) {
                double q = limit.getKey();
                Duration actual = percentile(snapshot, q, subject);
                if (actual.compareTo(limit.getValue()) > 0) {
                    breaches.add(Breach.ofDuration(label(q), limit.getValue(), actual, subject));
                }
            }
            if (max != null) {
                Duration actualMax = Duration.ofNanos((long) snapshot.max(TimeUnit.NANOSECONDS));
                if (actualMax.compareTo(max) > 0) {
                    breaches.add(Breach.ofDuration("max", max, actualMax, subject));
                }
            }
        }
        return new BudgetReport(breaches);
    }

    static Duration percentile(HistogramSnapshot snapshot, double q, String subject) {
        for (ValueAtPercentile v : snapshot.percentileValues()) {
            if (Math.abs(v.percentile() - q) < 1e-9) {
                return Duration.ofNanos((long) v.value(TimeUnit.NANOSECONDS));
            }
        }
        CountAtBucket[] buckets = snapshot.histogramCounts();
        if (buckets.length > 0) {
            long total = snapshot.count();
            if (total == 0) {
                return Duration.ZERO;
            }
            double rank = q * total;
            for (CountAtBucket bucket : buckets) {
                // Micrometer's bucket counts are cumulative: observations <= the bucket's upper bound.
                if (bucket.count() >= rank) {
                    return Duration.ofNanos((long) bucket.bucket(TimeUnit.NANOSECONDS));
                }
            }
            return Duration.ofNanos((long) snapshot.max(TimeUnit.NANOSECONDS));
        }
        throw new IllegalStateException("timer " + subject + " publishes neither the " + label(q)
                + " percentile nor a histogram; configure it with publishPercentiles(" + q
                + "), publishPercentileHistogram() or serviceLevelObjectives(..)");
    }

    private static String label(double q) {
        return "p" + java.math.BigDecimal.valueOf(q).movePointRight(2).stripTrailingZeros().toPlainString();
    }

    private static String describe(String name, Tags tags) {
        String t = tags.stream().map(tag -> tag.getKey() + "=" + tag.getValue()).collect(Collectors.joining(","));
        return t.isEmpty() ? name : name + "{" + t + "}";
    }

    @Override
    public String toString() {
        return "LatencyBudget[" + describe(timerName, tags) + ", percentiles=" + percentiles + ", max=" + max + "]";
    }

    /** Builds a {@link LatencyBudget}; at least one limit is required. */
    public static final class Builder {
        private final String timerName;
        private Tags tags = Tags.empty();
        private final Map<Double, Duration> percentiles = new TreeMap<>();
        private @Nullable Duration max;

        private Builder(String timerName) {
            this.timerName = Require.nonBlank(timerName, "timerName");
        }

        /**
         * Restricts the check to timers carrying this tag.
         *
         * @param key the tag key
         * @param value the tag value
         * @return this builder
         */
        public Builder tag(String key, String value) {
            this.tags = tags.and(Tag.of(Require.nonBlank(key, "tag key"), Require.nonNull(value, "tag value")));
            return this;
        }

        /**
         * Limits the 95th percentile.
         *
         * @param limit a positive duration
         * @return this builder
         */
        public Builder p95(Duration limit) {
            return percentile(0.95, limit);
        }

        /**
         * Limits the 99th percentile.
         *
         * @param limit a positive duration
         * @return this builder
         */
        public Builder p99(Duration limit) {
            return percentile(0.99, limit);
        }

        /**
         * Limits any percentile.
         *
         * @param percentile between 0 and 1 exclusive, such as {@code 0.999}
         * @param limit a positive duration
         * @return this builder
         */
        public Builder percentile(double percentile, Duration limit) {
            Require.argument(percentile > 0 && percentile < 1,
                    "percentile must be between 0 and 1 exclusive, but was %s", percentile);
            Require.state(!percentiles.containsKey(percentile), "the %s limit was already set to %s",
                    label(percentile), percentiles.get(percentile));
            percentiles.put(percentile, Require.positive(limit, label(percentile)));
            return this;
        }

        /**
         * Limits the largest single observation in the timer's current window.
         *
         * @param limit a positive duration
         * @return this builder
         */
        public Builder max(Duration limit) {
            Require.state(max == null, "max was already set to %s", max);
            this.max = Require.positive(limit, "max");
            return this;
        }

        /**
         * Builds the budget.
         *
         * @return the budget
         * @throws IllegalStateException if no limit was set
         */
        public LatencyBudget build() {
            Require.state(!percentiles.isEmpty() || max != null,
                    "a LatencyBudget for %s needs at least one limit (p95, p99, percentile or max)", timerName);
            return new LatencyBudget(this);
        }
    }
}
