package io.perfkit.core;

import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.LoggerFactory;

/**
 * How perfkit modules hand findings to the user's {@link FindingSink}: each finding is added to the current
 * {@link WorkScope}'s report, then de-duplicated per (kind, subject, call site) within a window so a hot loop
 * cannot flood the sink, then passed to the sink inside a guard. A sink that throws is counted and logged
 * (rate-limited) and never breaks the caller, except for a {@link FindingAssertionError} from a
 * {@link StrictFindingSink}, which is meant to fail a test.
 *
 * <pre>{@code
 * FindingPublisher findings = FindingPublisher.builder(userSink)
 *     .deduplicationWindow(Duration.ofMinutes(5))
 *     .build();
 * findings.publish(Finding.builder(FindingKind.POOL_SATURATED, "12 callers waited for a connection").build());
 * }</pre>
 *
 * <p>Thread-safe. Every finding reaches the scope report; only the sink sees the de-duplicated stream.
 */
public final class FindingPublisher {
    /** Findings with the same kind, subject and call site reach the sink at most once per this window. */
    public static final Duration DEFAULT_DEDUPLICATION_WINDOW = Duration.ofMinutes(1);
    /** How many distinct (kind, subject, call site) keys are remembered for de-duplication. */
    public static final int DEFAULT_MAX_TRACKED_KEYS = 10_000;

    private final FindingSink sink;
    private final long windowNanos;
    private final int maxTrackedKeys;
    private final Ticker ticker;
    private final RateLimitedLogger log;
    private final Map<Key, Long> lastPublished = new ConcurrentHashMap<>();
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong suppressed = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();

    private FindingPublisher(Builder b) {
        this.sink = b.sink;
        this.windowNanos = b.window.toNanos();
        this.maxTrackedKeys = b.maxTrackedKeys;
        this.ticker = b.ticker;
        this.log = RateLimitedLogger.of(LoggerFactory.getLogger(FindingPublisher.class), b.logInterval, b.ticker);
    }

    /**
     * Returns a publisher with the default de-duplication window.
     *
     * @param sink the user's sink
     * @return a new publisher
     */
    public static FindingPublisher of(FindingSink sink) {
        return builder(sink).build();
    }

    /**
     * Starts a publisher for the given sink.
     *
     * @param sink the user's sink
     * @return a builder
     */
    public static Builder builder(FindingSink sink) {
        return new Builder(sink);
    }

    /**
     * Records the finding in the current scope and, unless an equal one was published within the window,
     * hands it to the sink. Never throws, except a {@link FindingAssertionError} from a strict sink.
     *
     * @param finding the finding
     */
    public void publish(Finding finding) {
        Objects.requireNonNull(finding, "finding");
        WorkScope scope = WorkScope.currentOrNull();
        Finding f = finding;
        if (scope != null) {
            if (f.scopeName().isEmpty()) {
                f = f.toBuilder().scopeName(scope.name()).build();
            }
            scope.addFinding(f);
        }
        if (isDuplicate(f)) {
            suppressed.incrementAndGet();
            return;
        }
        published.incrementAndGet();
        try {
            sink.accept(f);
        } catch (FindingAssertionError e) {
            throw e;
        } catch (RuntimeException e) {
            failures.incrementAndGet();
            log.warn("sink-failed", "FindingSink " + sink + " threw while accepting a " + f.kind() + " finding", e);
        }
    }

    private boolean isDuplicate(Finding f) {
        if (windowNanos == 0) {
            return false;
        }
        long now = ticker.read();
        Key key = new Key(f.kind(), f.subject(), f.callSite().map(StackTraceElement::toString).orElse(""));
        Long previous = lastPublished.get(key);
        if (previous != null && now - previous < windowNanos) {
            return true;
        }
        if (previous == null && lastPublished.size() >= maxTrackedKeys) {
            evictExpired(now);
        }
        // A lost race publishes one extra finding; never drops one.
        lastPublished.put(key, now);
        return false;
    }

    private void evictExpired(long now) {
        for (Iterator<Long> it = lastPublished.values().iterator(); it.hasNext(); ) {
            if (now - it.next() >= windowNanos) {
                it.remove();
            }
        }
        if (lastPublished.size() >= maxTrackedKeys) {
            // Every tracked key is recent: forget them all rather than grow without bound.
            lastPublished.clear();
        }
    }

    /** @return how many findings reached the sink */
    public long publishedCount() {
        return published.get();
    }

    /** @return how many findings were withheld from the sink as duplicates within the window */
    public long suppressedCount() {
        return suppressed.get();
    }

    /** @return how many times the sink threw */
    public long sinkFailureCount() {
        return failures.get();
    }

    @Override
    public String toString() {
        return "FindingPublisher[sink=" + sink + ", window=" + Duration.ofNanos(windowNanos) + "]";
    }

    private record Key(FindingKind kind, String subject, String callSite) {}

    /** Builds a {@link FindingPublisher}. */
    public static final class Builder {
        private final FindingSink sink;
        private Duration window = DEFAULT_DEDUPLICATION_WINDOW;
        private int maxTrackedKeys = DEFAULT_MAX_TRACKED_KEYS;
        private Ticker ticker = Ticker.system();
        private Duration logInterval = RateLimitedLogger.DEFAULT_INTERVAL;

        private Builder(FindingSink sink) {
            this.sink = Require.nonNull(sink, "sink");
        }

        /**
         * Sets the de-duplication window; {@link Duration#ZERO} passes every finding to the sink.
         *
         * @param window the window, zero or positive
         * @return this builder
         */
        public Builder deduplicationWindow(Duration window) {
            this.window = Require.nonNegative(window, "deduplicationWindow");
            return this;
        }

        /**
         * Sets how many distinct keys are remembered for de-duplication.
         *
         * @param maxTrackedKeys at least 1
         * @return this builder
         */
        public Builder maxTrackedKeys(int maxTrackedKeys) {
            this.maxTrackedKeys = (int) Require.atLeast(maxTrackedKeys, 1, "maxTrackedKeys");
            return this;
        }

        /**
         * Sets the time source for the window, for tests.
         *
         * @param ticker the ticker
         * @return this builder
         */
        public Builder ticker(Ticker ticker) {
            this.ticker = Require.nonNull(ticker, "ticker");
            return this;
        }

        /**
         * Sets how often a failing sink is logged at most.
         *
         * @param interval the shortest time between two log records about a failing sink
         * @return this builder
         */
        public Builder failureLogInterval(Duration interval) {
            this.logInterval = Require.positive(interval, "failureLogInterval");
            return this;
        }

        /** @return a new publisher */
        public FindingPublisher build() {
            return new FindingPublisher(this);
        }
    }
}
