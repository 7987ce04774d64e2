package io.perfkit.pool;

import io.perfkit.core.Finding;
import io.perfkit.core.FindingKind;
import io.perfkit.core.FindingPublisher;
import io.perfkit.core.FindingSink;
import io.perfkit.core.RateLimitedLogger;
import io.perfkit.core.Require;
import io.perfkit.core.Ticker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

/**
 * Watches a pool at a low rate and says what is wrong with its size: it samples the pool every
 * {@link Builder#sampleInterval(Duration) sampleInterval}, and after each window of
 * {@link Builder#windowSamples(int) windowSamples} samples publishes POOL_SATURATED, POOL_OVERSIZED or
 * CONNECTION_HELD_TOO_LONG findings with a recommended size and the reason. With {@link AdaptiveSizing}
 * enabled it also resizes the pool, one step at a time within bounds, with a cooldown; by default it only
 * advises.
 *
 * <pre>{@code
 * try (PoolAdvisor advisor = PoolAdvisor.builder("orders", HikariPools.sampler(dataSource))
 *         .findings(FindingSink.logging())
 *         .build()
 *         .start()) {
 *     ...
 * }
 * }</pre>
 *
 * <p>How the recommendation is made: while callers wait, the pool needs as many connections as are wanted at
 * once (lent out plus waiting, and Little's law's acquisitions/s × hold time), at the target utilization.
 * But the advisor also tracks the best average hold time seen recently, like the minimum round-trip time of
 * TCP Vegas and Netflix's concurrency limits: when hold times grow with the pool, the database is queueing,
 * and the recommended size is scaled down by {@code bestHold / currentHold} instead. When connections are held
 * longer than {@link Builder#holdTimeThreshold(Duration)} on average, the advice names hold time as the cause.
 *
 * <p>Thread-safe. {@link #close()} stops the sampling and shuts down the executor if the advisor created it.
 */
public final class PoolAdvisor implements AutoCloseable {
    /** The default time between two samples: 5 seconds. */
    public static final Duration DEFAULT_SAMPLE_INTERVAL = Duration.ofSeconds(5);
    /** The default number of samples per evaluation window: 12, one minute at the default interval. */
    public static final int DEFAULT_WINDOW_SAMPLES = 12;
    /** The default fraction of samples with waiting callers that makes a window saturated: 0.5. */
    public static final double DEFAULT_SATURATION_THRESHOLD = 0.5;
    /** The default average hold time above which saturation is blamed on hold time: 1 second. */
    public static final Duration DEFAULT_HOLD_TIME_THRESHOLD = Duration.ofSeconds(1);
    /** Hold times this much above the best recent ones mean the database queues: 1.5 (50 % slower). */
    static final double QUEUEING_RATIO = 1.5;
    /**
     * The share of borrows that may wait, by the M/M/c (Erlang C) model, before a pool in which callers sometimes
     * wait counts as too small: 1 %.
     */
    public static final double WAIT_PROBABILITY = 0.01;
    /** How many windows the best hold time is remembered. */
    static final int BEST_HOLD_WINDOWS = 10;
    /** How far (Welch's t) a busy phase's mean demand must stand out from the rest of the window's. */
    static final double PHASE_T = 4;

    private final String poolName;
    private final PoolSampler sampler;
    private final @Nullable PoolControls controls;
    private final AdaptiveSizing adaptive;
    private final Duration sampleInterval;
    private final int windowSamples;
    private final double saturationThreshold;
    private final double targetUtilization;
    private final double holdThresholdMillis;
    private final int upperBound;
    private final Ticker ticker;
    private final FindingPublisher findings;
    private final @Nullable Consumer<PoolAdvice> listener;
    private final RateLimitedLogger log = RateLimitedLogger.of(LoggerFactory.getLogger(PoolAdvisor.class));

    private final List<PoolSnapshot> window = new ArrayList<>();
    private @Nullable PoolSnapshot baseline;
    private final double[] bestHolds = new double[BEST_HOLD_WINDOWS];
    private int bestHoldIndex;
    private int databaseLimit;
    private int databaseLimitWindows;
    private long windowStartNanos;
    private long lastResizeNanos;
    private boolean resized;
    private volatile @Nullable PoolAdvice lastAdvice;
    private final AtomicLong grown = new AtomicLong();
    private final AtomicLong shrunk = new AtomicLong();
    private final AtomicLong samplingFailures = new AtomicLong();
    private @Nullable ScheduledExecutorService ownedExecutor;
    private @Nullable ScheduledFuture<?> task;

    private PoolAdvisor(Builder b) {
        this.poolName = b.poolName;
        this.sampler = b.sampler;
        this.controls = b.controls;
        this.adaptive = b.adaptive;
        this.sampleInterval = b.sampleInterval;
        this.windowSamples = b.windowSamples;
        this.saturationThreshold = b.saturationThreshold;
        this.targetUtilization = b.targetUtilization;
        this.holdThresholdMillis = b.holdTimeThreshold.toNanos() / 1e6;
        this.upperBound = b.upperBound;
        this.ticker = b.ticker;
        this.findings = FindingPublisher.builder(b.sink).ticker(b.ticker).build();
        this.listener = b.listener;
    }

    /**
     * Starts an advisor for one pool.
     *
     * @param poolName the pool's name, used as the findings' subject and in metrics
     * @param sampler reads the pool, such as {@code HikariPools.sampler(dataSource)}
     * @return a builder
     */
    public static Builder builder(String poolName, PoolSampler sampler) {
        return new Builder(poolName, sampler);
    }

    /**
     * Starts sampling on a daemon thread the advisor creates and shuts down on {@link #close()}.
     *
     * @return this advisor
     * @throws IllegalStateException if already started
     */
    public synchronized PoolAdvisor start() {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "perfkit-pool-advisor-" + poolName);
            t.setDaemon(true);
            return t;
        });
        start(executor);
        ownedExecutor = executor;
        return this;
    }

    /**
     * Starts sampling on the given executor.
     *
     * @param executor runs the sampling; not shut down by this advisor, the caller owns it
     * @return this advisor
     * @throws IllegalStateException if already started
     */
    public synchronized PoolAdvisor start(ScheduledExecutorService executor) {
        Require.nonNull(executor, "executor");
        Require.state(task == null, "PoolAdvisor for pool '%s' is already started", poolName);
        long nanos = sampleInterval.toNanos();
        task = executor.scheduleWithFixedDelay(this::sampleGuarded, nanos, nanos, TimeUnit.NANOSECONDS);
        return this;
    }

    private void sampleGuarded() {
        try {
            sample();
        } catch (RuntimeException e) {
            samplingFailures.incrementAndGet();
            log.warn("sample-failed", "Sampling pool '" + poolName + "' failed", e);
        }
    }

    /**
     * Takes one sample now and, when it completes a window, evaluates the window: publishes findings, resizes the
     * pool if adaptive sizing is on, and returns the advice. The scheduled sampling calls this; call it directly
     * to drive the advisor yourself (with an injected {@link Builder#ticker(Ticker) ticker} in tests).
     *
     * @return the window's advice, or empty when the window is not complete yet
     */
    public synchronized Optional<PoolAdvice> sample() {
        PoolSnapshot s = sampler.sample();
        long now = ticker.read();
        if (baseline == null) {
            baseline = s;
            windowStartNanos = now;
        }
        window.add(s);
        if (window.size() < windowSamples) {
            return Optional.empty();
        }
        PoolAdvice advice = evaluate((now - windowStartNanos) / 1e9);
        window.clear();
        baseline = s;
        windowStartNanos = now;
        lastAdvice = advice;
        publish(advice);
        applyAdaptive(advice, now, s.minimumIdle());
        if (listener != null) {
            listener.accept(advice);
        }
        return Optional.of(advice);
    }

    private PoolAdvice evaluate(double seconds) {
        int n = window.size();
        boolean[] busy = busiestPhase();
        if (busy == null) {
            return evaluate(stats(null, seconds), n);
        }
        int busyCount = 0;
        double busyDemand = 0;
        double restDemand = 0;
        for (int i = 0; i < n; i++) {
            int demand = window.get(i).active() + window.get(i).pending();
            if (busy[i]) {
                busyCount++;
                busyDemand += demand;
            } else {
                restDemand += demand;
            }
        }
        PoolAdvice a = evaluate(stats(busy, seconds), n);
        String phase = String.format(java.util.Locale.ROOT, "Demand changed within the window: %d of %d samples were "
                + "busy (%.1f connections wanted on average, against %.1f in the others), and the advice is judged on "
                + "those: an average over both would describe neither. ", busyCount, n, busyDemand / busyCount,
                restDemand / (n - busyCount));
        return new PoolAdvice(a.verdict(), a.currentMaximumPoolSize(), a.recommendedMaximumPoolSize(), a.cause(),
                phase + a.reason(), a.window());
    }

    /**
     * Finds a busy phase in the window: a run of samples (or the samples around a quiet run) whose demand (lent
     * out plus waiting) is clearly above the rest, such as a burst followed by idleness. Averaging such a window
     * gives a load that never happened: the waiting is diluted below the saturation threshold and Little's law
     * below what the burst needed. Random fluctuation of a steady load is not a phase: each part must span at least
     * three samples (and a quarter of the window), the busy part must want at least one connection more and half
     * again as many as the rest on average, and the difference must stand out from the samples' own spread
     * (Welch's t at least {@link #PHASE_T}).
     *
     * @return which samples belong to the busy phase, or null when demand did not change within the window
     */
    private boolean @Nullable [] busiestPhase() {
        int n = window.size();
        int minLength = Math.max(3, (n + 3) / 4);
        if (n < 2 * minLength) {
            return null;
        }
        double[] demand = new double[n];
        for (int i = 0; i < n; i++) {
            demand[i] = window.get(i).active() + window.get(i).pending();
        }
        double bestT = PHASE_T;
        int bestFrom = -1;
        int bestTo = -1;
        boolean bestInside = true;
        for (int from = 0; from < n; from++) {
            for (int to = from + minLength; to <= n; to++) {
                if (n - (to - from) < minLength) {
                    continue;
                }
                double[] in = meanAndVariance(demand, from, to, true);
                double[] out = meanAndVariance(demand, from, to, false);
                boolean inside = in[0] >= out[0];
                double busyMean = inside ? in[0] : out[0];
                double quietMean = inside ? out[0] : in[0];
                if (busyMean - quietMean < 1 || busyMean < quietMean * 1.5) {
                    continue;
                }
                double se = Math.sqrt(in[1] / (to - from) + out[1] / (n - (to - from)));
                double t = (busyMean - quietMean) / Math.max(se, 1e-9);
                if (t > bestT) {
                    bestT = t;
                    bestFrom = from;
                    bestTo = to;
                    bestInside = inside;
                }
            }
        }
        if (bestFrom < 0) {
            return null;
        }
        boolean[] busy = new boolean[n];
        for (int i = 0; i < n; i++) {
            busy[i] = (i >= bestFrom && i < bestTo) == bestInside;
        }
        return busy;
    }

    /** Mean and sample variance of {@code values} inside {@code [from, to)}, or outside it. */
    private static double[] meanAndVariance(double[] values, int from, int to, boolean inside) {
        double sum = 0;
        int count = 0;
        for (int i = 0; i < values.length; i++) {
            if ((i >= from && i < to) == inside) {
                sum += values[i];
                count++;
            }
        }
        double mean = sum / count;
        double squares = 0;
        for (int i = 0; i < values.length; i++) {
            if ((i >= from && i < to) == inside) {
                squares += (values[i] - mean) * (values[i] - mean);
            }
        }
        return new double[] {mean, count > 1 ? squares / (count - 1) : 0};
    }

    private PoolAdvice evaluate(PoolAdvice.WindowStats w, int windowSize) {
        int current = window.get(windowSize - 1).maximumPoolSize();
        double best = rememberHold(w);
        int erlang = erlangSize(w.littlesLawInUse(), WAIT_PROBABILITY);
        boolean saturated = w.timeouts() > 0 || w.waitingFraction() >= saturationThreshold;
        if (saturated) {
            return saturatedAdvice(w, current, best, erlang);
        }
        if (w.waitingFraction() > 0 && erlang > current) {
            return occasionalWaitAdvice(w, current, erlang);
        }
        int needed = Math.max(erlang,
                Math.max(1, (int) Math.ceil(Math.max(w.peakActive(), w.littlesLawInUse()) / targetUtilization)));
        if (w.peakPending() == 0 && w.peakActive() * 2 <= current && needed < current) {
            String reason = String.format(java.util.Locale.ROOT, "At most %d of %d connections were in use (average "
                    + "%.1f) and nobody waited; %d connections cover the peak at %.0f%% utilization. Every idle "
                    + "connection costs a PostgreSQL backend (memory, a slot under max_connections).",
                    w.peakActive(), current, w.meanActive(), needed, targetUtilization * 100);
            return new PoolAdvice(PoolAdvice.Verdict.OVERSIZED, current, needed, PoolAdvice.Cause.NONE, reason, w);
        }
        return new PoolAdvice(PoolAdvice.Verdict.HEALTHY, current, current, PoolAdvice.Cause.NONE,
                "Nobody waited for long and the pool is not far larger than its use.", w);
    }

    private PoolAdvice occasionalWaitAdvice(PoolAdvice.WindowStats w, int current, int erlang) {
        int size = cap(erlang);
        if (databaseLimitWindows > 0 && size > databaseLimit) {
            size = Math.max(current, databaseLimit);
        }
        return new PoolAdvice(PoolAdvice.Verdict.SATURATED, current, size, PoolAdvice.Cause.DEMAND,
                String.format(java.util.Locale.ROOT, "Callers waited for a connection in %.0f%% of samples. With "
                        + "%.1f connections busy on average (%.1f borrows/s × %.1f ms held), random arrivals make more "
                        + "than %.0f%% of borrows wait below %d connections (Erlang C); %d keeps the tail "
                        + "latency down.",
                        w.waitingFraction() * 100, w.littlesLawInUse(), w.acquisitionsPerSecond(), w.meanHoldMillis(),
                        WAIT_PROBABILITY * 100, erlang, size), w);
    }

    /**
     * Returns the smallest pool size at which at most {@code maxWaitProbability} of borrows wait, by the M/M/c
     * queue (Erlang C formula) with the given offered load; 0 when the load is unknown.
     */
    static int erlangSize(double offeredLoad, double maxWaitProbability) {
        if (!(offeredLoad > 0)) {
            return 0;
        }
        double erlangB = 1;
        for (int c = 1; c < 100_000; c++) {
            erlangB = offeredLoad * erlangB / (c + offeredLoad * erlangB);
            if (c > offeredLoad) {
                double erlangC = c * erlangB / (c - offeredLoad * (1 - erlangB));
                if (erlangC <= maxWaitProbability) {
                    return c;
                }
            }
        }
        return 100_000;
    }

    private PoolAdvice saturatedAdvice(PoolAdvice.WindowStats w, int current, double bestHold, int erlang) {
        String seen = String.format(java.util.Locale.ROOT, "Callers waited for a connection in %.0f%% of samples "
                + "(up to %d at once, %d timeouts); up to %d connections were wanted at once.",
                w.waitingFraction() * 100, w.peakPending(), w.timeouts(), w.peakDemand());
        if (w.meanHoldMillis() > 0 && bestHold > 0 && w.meanHoldMillis() > bestHold * QUEUEING_RATIO) {
            int size = Math.max(1, (int) Math.round(current * bestHold / w.meanHoldMillis()));
            databaseLimit = size;
            databaseLimitWindows = BEST_HOLD_WINDOWS;
            return new PoolAdvice(PoolAdvice.Verdict.SATURATED, current, cap(size), PoolAdvice.Cause.DATABASE,
                    seen + String.format(java.util.Locale.ROOT, " But connections are now held %.1f ms on average "
                            + "against %.1f ms at best recently: the database is queueing, and more connections would "
                            + "only slow every statement down. %d × %.1f / %.1f ≈ %d connections keep it at its best.",
                            w.meanHoldMillis(), bestHold, current, bestHold, w.meanHoldMillis(), size), w);
        }
        double demand = Math.max(w.peakDemand(), w.littlesLawInUse());
        int size = Math.max(erlang, Math.max(current + 1, (int) Math.ceil(demand / targetUtilization)));
        if (databaseLimitWindows > 0 && size > databaseLimit) {
            databaseLimitWindows--;
            if (current >= databaseLimit) {
                return new PoolAdvice(PoolAdvice.Verdict.SATURATED, current, cap(databaseLimit),
                        PoolAdvice.Cause.DATABASE, seen + String.format(java.util.Locale.ROOT, " But hold times rose "
                                + "when the pool was larger than %d recently: the database is the limit, and callers "
                                + "are better off waiting in the pool than in the database.", databaseLimit), w);
            }
            size = databaseLimit; // grow, but only up to where the database started queueing
        }
        if (w.meanHoldMillis() > holdThresholdMillis) {
            return new PoolAdvice(PoolAdvice.Verdict.SATURATED, current, cap(size), PoolAdvice.Cause.HOLD_TIME,
                    seen + String.format(java.util.Locale.ROOT, " Connections are held %.0f ms on average: the pool "
                            + "is saturated by hold time. Find the code that keeps connections across slow work "
                            + "(remote calls inside a transaction, leaks); %d connections would only hide it.",
                            w.meanHoldMillis(), cap(size)), w);
        }
        return new PoolAdvice(PoolAdvice.Verdict.SATURATED, current, cap(size), PoolAdvice.Cause.DEMAND,
                seen + String.format(java.util.Locale.ROOT, " %d connections serve that demand at %.0f%% "
                        + "utilization%s.", cap(size), targetUtilization * 100,
                        cap(size) < size ? " (capped at " + upperBound + ")" : ""), w);
    }

    private int cap(int size) {
        return Math.min(size, upperBound);
    }

    private double rememberHold(PoolAdvice.WindowStats w) {
        if (w.meanHoldMillis() > 0) {
            bestHolds[bestHoldIndex++ % BEST_HOLD_WINDOWS] = w.meanHoldMillis();
        }
        double best = 0;
        for (double h : bestHolds) {
            if (h > 0 && (best == 0 || h < best)) {
                best = h;
            }
        }
        return best;
    }

    /**
     * Sums up the window's samples, or only those marked in {@code only}: the counters are summed over the
     * intervals that end at each chosen sample, so a busy phase gets its own rates and hold times.
     *
     * @param windowSeconds how long the whole window lasted
     */
    private PoolAdvice.WindowStats stats(boolean @Nullable [] only, double windowSeconds) {
        int samples = 0;
        int waiting = 0;
        int peakPending = 0;
        int peakActive = 0;
        int peakDemand = 0;
        long activeSum = 0;
        long acquisitions = 0;
        long acquireNanos = 0;
        long usages = 0;
        long usageNanos = 0;
        long timeouts = 0;
        int intervals = 0;
        int chosenIntervals = 0;
        PoolSnapshot previous = baseline == null ? window.get(0) : baseline;
        for (int i = 0; i < window.size(); i++) {
            PoolSnapshot s = window.get(i);
            boolean interval = s != previous; // the very first sample ends no interval: it is its own baseline
            intervals += interval ? 1 : 0;
            if (only == null || only[i]) {
                samples++;
                chosenIntervals += interval ? 1 : 0;
                waiting += s.pending() > 0 ? 1 : 0;
                peakPending = Math.max(peakPending, s.pending());
                peakActive = Math.max(peakActive, s.active());
                peakDemand = Math.max(peakDemand, s.active() + s.pending());
                activeSum += s.active();
                acquisitions += s.acquisitions() - previous.acquisitions();
                acquireNanos += s.acquireNanos() - previous.acquireNanos();
                usages += s.usages() - previous.usages();
                usageNanos += s.usageNanos() - previous.usageNanos();
                timeouts += Math.max(0, s.timeouts() - previous.timeouts());
            }
            previous = s;
        }
        double seconds = intervals == 0 ? windowSeconds : windowSeconds * chosenIntervals / intervals;
        boolean timed = window.get(window.size() - 1).hasTimings();
        double rate = timed && seconds > 0 ? acquisitions / seconds : 0;
        double hold = timed && usages > 0 ? usageNanos / 1e6 / usages : 0;
        double wait = timed && acquisitions > 0 ? acquireNanos / 1e6 / acquisitions : 0;
        return new PoolAdvice.WindowStats(samples, seconds, (double) waiting / samples, peakPending,
                (double) activeSum / samples, peakActive, peakDemand, rate, hold, wait, timeouts);
    }

    private void publish(PoolAdvice a) {
        if (a.verdict() == PoolAdvice.Verdict.HEALTHY) {
            return;
        }
        FindingKind kind = a.verdict() == PoolAdvice.Verdict.SATURATED ? FindingKind.POOL_SATURATED
                : FindingKind.POOL_OVERSIZED;
        String what = a.verdict() == PoolAdvice.Verdict.SATURATED ? "is saturated" : "is larger than its load needs";
        findings.publish(withEvidence(Finding.builder(kind, "Pool '" + poolName + "' " + what), a)
                .suggestion(suggestion(a))
                .build());
        if (a.cause() == PoolAdvice.Cause.HOLD_TIME) {
            findings.publish(withEvidence(Finding.builder(FindingKind.CONNECTION_HELD_TOO_LONG,
                            "Pool '" + poolName + "' is saturated because connections are held too long"), a)
                    .suggestion("Shorten the time code keeps a connection: no remote calls or user think-time "
                            + "inside a transaction, close connections in try-with-resources; LeakTracker names the "
                            + "call sites that hold connections longest.")
                    .build());
        }
    }

    private Finding.Builder withEvidence(Finding.Builder b, PoolAdvice a) {
        PoolAdvice.WindowStats w = a.window();
        b.subject(poolName)
                .detail(a.reason())
                .evidence("maximumPoolSize", a.currentMaximumPoolSize())
                .evidence("recommendedMaximumPoolSize", a.recommendedMaximumPoolSize())
                .evidence("waitingFraction", round(w.waitingFraction()))
                .evidence("peakPending", w.peakPending())
                .evidence("peakActive", w.peakActive())
                .evidence("meanActive", round(w.meanActive()))
                .evidence("timeouts", w.timeouts());
        if (w.samples() < windowSamples) {
            b.evidence("busySamples", w.samples());
        }
        if (w.meanHoldMillis() > 0) {
            b.evidence("meanHold", Duration.ofNanos((long) (w.meanHoldMillis() * 1e6)));
            b.evidence("acquisitionsPerSecond", round(w.acquisitionsPerSecond()));
        }
        if (a.cause() != PoolAdvice.Cause.NONE) {
            b.evidence("cause", a.cause().name());
        }
        return b;
    }

    private static String suggestion(PoolAdvice a) {
        if (a.cause() == PoolAdvice.Cause.DATABASE) {
            return "Do not grow the pool; set maximumPoolSize=" + a.recommendedMaximumPoolSize()
                    + " and let callers queue in the pool, or add database capacity.";
        }
        return "Set maximumPoolSize=" + a.recommendedMaximumPoolSize()
                + (a.cause() == PoolAdvice.Cause.HOLD_TIME ? " for now, and shorten connection hold times." : ".");
    }

    private static double round(double d) {
        return Math.round(d * 100) / 100.0;
    }

    private void applyAdaptive(PoolAdvice a, long now, int currentMinimumIdle) {
        if (!adaptive.enabled() || controls == null || a.verdict() == PoolAdvice.Verdict.HEALTHY) {
            return;
        }
        if (resized && now - lastResizeNanos < adaptive.cooldown().toNanos()) {
            return;
        }
        int current = a.currentMaximumPoolSize();
        int target = a.recommendedMaximumPoolSize();
        int next = target > current ? Math.min(target, current + adaptive.step())
                : Math.max(target, current - adaptive.step());
        next = Math.max(adaptive.minimumSize(), Math.min(adaptive.maximumSize(), next));
        if (next == current) {
            return;
        }
        int minimumIdle = Math.min(currentMinimumIdle, next);
        controls.resize(next, minimumIdle);
        (next > current ? grown : shrunk).incrementAndGet();
        resized = true;
        lastResizeNanos = now;
    }

    /** @return the advice of the last complete window, if any */
    public Optional<PoolAdvice> lastAdvice() {
        return Optional.ofNullable(lastAdvice);
    }

    /** @return the pool's name */
    public String poolName() {
        return poolName;
    }

    /** @return how many times adaptive sizing grew the pool */
    public long growCount() {
        return grown.get();
    }

    /** @return how many times adaptive sizing shrank the pool */
    public long shrinkCount() {
        return shrunk.get();
    }

    /** @return how many scheduled samples failed (the sampler threw) */
    public long samplingFailureCount() {
        return samplingFailures.get();
    }

    /** Stops sampling; shuts down the executor only if {@link #start()} created it. */
    @Override
    public synchronized void close() {
        if (task != null) {
            task.cancel(false);
        }
        if (ownedExecutor != null) {
            ownedExecutor.shutdownNow();
        }
    }

    /** Builds a {@link PoolAdvisor}. */
    public static final class Builder {
        private final String poolName;
        private final PoolSampler sampler;
        private @Nullable PoolControls controls;
        private AdaptiveSizing adaptive = AdaptiveSizing.disabled();
        private Duration sampleInterval = DEFAULT_SAMPLE_INTERVAL;
        private int windowSamples = DEFAULT_WINDOW_SAMPLES;
        private double saturationThreshold = DEFAULT_SATURATION_THRESHOLD;
        private double targetUtilization = PoolSizing.DEFAULT_TARGET_UTILIZATION;
        private Duration holdTimeThreshold = DEFAULT_HOLD_TIME_THRESHOLD;
        private int upperBound = Integer.MAX_VALUE;
        private Ticker ticker = Ticker.system();
        private FindingSink sink = FindingSink.logging();
        private @Nullable Consumer<PoolAdvice> listener;

        private Builder(String poolName, PoolSampler sampler) {
            this.poolName = Require.nonBlank(poolName, "poolName");
            this.sampler = Require.nonNull(sampler, "sampler");
        }

        /**
         * Sets where findings go. Default {@link FindingSink#logging()}.
         *
         * @param sink the sink
         * @return this builder
         */
        public Builder findings(FindingSink sink) {
            this.sink = Require.nonNull(sink, "findings");
            return this;
        }

        /**
         * Enables adaptive resizing through the given controls. Default: disabled, advice only.
         *
         * @param controls resizes the pool, such as {@code HikariPools.controls(dataSource)}
         * @param adaptive the bounds, step and cooldown; {@link AdaptiveSizing#disabled()} to only advise
         * @return this builder
         */
        public Builder adaptive(PoolControls controls, AdaptiveSizing adaptive) {
            this.controls = Require.nonNull(controls, "controls");
            this.adaptive = Require.nonNull(adaptive, "adaptive");
            return this;
        }

        /**
         * Sets the time between samples. Default 5 s.
         *
         * @param interval at least 10 ms
         * @return this builder
         * @throws IllegalArgumentException if shorter than 10 ms
         */
        public Builder sampleInterval(Duration interval) {
            Require.argument(Require.nonNull(interval, "sampleInterval").toMillis() >= 10,
                    "sampleInterval must be >= 10ms, but was %s", interval);
            this.sampleInterval = interval;
            return this;
        }

        /**
         * Sets how many samples make one evaluation window. Default 12.
         *
         * @param samples at least 2
         * @return this builder
         * @throws IllegalArgumentException if below 2
         */
        public Builder windowSamples(int samples) {
            this.windowSamples = (int) Require.atLeast(samples, 2, "windowSamples");
            return this;
        }

        /**
         * Sets the fraction of samples with waiting callers that makes a window saturated. Default 0.5.
         *
         * @param fraction above 0, at most 1
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder saturationThreshold(double fraction) {
            Require.argument(fraction > 0 && fraction <= 1, "saturationThreshold must be in (0, 1], but was %s",
                    fraction);
            this.saturationThreshold = fraction;
            return this;
        }

        /**
         * Sets the fraction of the pool the load may keep busy. Default 0.8.
         *
         * @param utilization above 0, at most 1
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder targetUtilization(double utilization) {
            Require.argument(utilization > 0 && utilization <= 1,
                    "targetUtilization must be in (0, 1], but was %s", utilization);
            this.targetUtilization = utilization;
            return this;
        }

        /**
         * Sets the average hold time above which saturation is blamed on the code holding connections. Default 1 s.
         *
         * @param threshold positive
         * @return this builder
         */
        public Builder holdTimeThreshold(Duration threshold) {
            this.holdTimeThreshold = Require.positive(threshold, "holdTimeThreshold");
            return this;
        }

        /**
         * Caps every recommendation, such as the per-instance share of {@code max_connections}. Default: none.
         *
         * @param maximumPoolSize at least 1
         * @return this builder
         * @throws IllegalArgumentException if below 1
         */
        public Builder upperBound(int maximumPoolSize) {
            this.upperBound = (int) Require.atLeast(maximumPoolSize, 1, "upperBound");
            return this;
        }

        /**
         * Sets the time source, for tests. Default {@link Ticker#system()}.
         *
         * @param ticker the ticker
         * @return this builder
         */
        public Builder ticker(Ticker ticker) {
            this.ticker = Require.nonNull(ticker, "ticker");
            return this;
        }

        /**
         * Sets a callback for every window's advice, called on the sampling thread; it must be quick and not throw.
         *
         * @param listener the callback
         * @return this builder
         */
        public Builder onAdvice(Consumer<PoolAdvice> listener) {
            this.listener = Require.nonNull(listener, "onAdvice");
            return this;
        }

        /**
         * Builds the advisor; it samples only once started.
         *
         * @return the advisor
         * @throws IllegalStateException if adaptive bounds exceed {@code upperBound}
         */
        public PoolAdvisor build() {
            Require.state(!adaptive.enabled() || adaptive.maximumSize() <= upperBound,
                    "adaptive maximumSize (%s) must be <= upperBound (%s)", adaptive.maximumSize(), upperBound);
            return new PoolAdvisor(this);
        }
    }
}
