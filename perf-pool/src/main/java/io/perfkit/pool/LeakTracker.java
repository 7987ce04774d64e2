package io.perfkit.pool;

import io.perfkit.core.CallSiteLocator;
import io.perfkit.core.Finding;
import io.perfkit.core.FindingKind;
import io.perfkit.core.FindingPublisher;
import io.perfkit.core.FindingSink;
import io.perfkit.core.RateLimitedLogger;
import io.perfkit.core.Require;
import io.perfkit.core.Ticker;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

/**
 * Finds connections held longer than a threshold, names the code that borrowed them, and counts them, at a
 * cost low enough to leave on in production.
 *
 * <p>HikariCP's {@code leakDetectionThreshold} captures a full stack trace and schedules a task on
 * <em>every</em> borrow. This tracker instead keeps one slot per physical connection (a pool has few): a
 * borrow writes the borrowing thread and a sequence number into the connection's slot, with no clock read and
 * no allocation. A sweeper thread visits the slots every {@link Builder#sweepInterval(Duration) sweepInterval}
 * and times each borrow from the first sweep that saw it, so a connection is reported at most one sweep
 * interval after it crosses the threshold.
 *
 * <p>The borrowing call site is captured (with {@link StackWalker}, only as deep as the first application frame)
 * within a time budget: at most {@link Builder#callSitesPerSecond(int) callSitesPerSecond} captures a second
 * (default 20), spent on the first borrows that come. A service that borrows less often than that gets the call
 * site of every borrow; a hot pool spends the budget on a small fraction of its borrows, so a borrow allocates
 * nothing on average, and a code path that keeps leaking is still caught by one of its sampled borrows. For a
 * held connection whose borrow was not sampled, the report names the first application frame on the borrowing
 * thread's current stack, and call sites are then captured on every borrow for
 * {@link Builder#escalation(Duration) escalation}, so the next report has the borrow line itself.
 *
 * <pre>{@code
 * try (LeakTracker leaks = LeakTracker.builder("orders")
 *         .threshold(Duration.ofSeconds(30))
 *         .findings(FindingSink.logging())
 *         .build()
 *         .start()) {
 *     DataSource tracked = leaks.wrap(hikariDataSource);   // hand this to the application
 *     ...
 * }
 * }</pre>
 *
 * <p>The wrapped data source returns the pool's own connections unchanged (no wrapper object): closing them
 * is the pool's business. Connections are identified by the physical connection that
 * {@code unwrap(Connection.class)} returns, which is what HikariCP's proxies return. The tracker never closes or
 * reclaims a connection. Thread-safe.
 */
public final class LeakTracker implements AutoCloseable {
    /** The default time a connection may be held before it is reported: 30 seconds. */
    public static final Duration DEFAULT_THRESHOLD = Duration.ofSeconds(30);
    /** The default time between two sweeps: 1 second. */
    public static final Duration DEFAULT_SWEEP_INTERVAL = Duration.ofSeconds(1);
    /** By default at most 20 call sites a second are captured. */
    public static final int DEFAULT_CALL_SITES_PER_SECOND = 20;
    /**
     * The {@link Builder#callSitesPerSecond(int) callSitesPerSecond} value that captures the call site of every
     * borrow.
     */
    public static final int EVERY_BORROW = Integer.MAX_VALUE;
    /** The default time call sites are captured on every borrow after a report that lacked one: 10 minutes. */
    public static final Duration DEFAULT_ESCALATION = Duration.ofMinutes(10);
    /** The default number of physical connections tracked at most: 10,000. */
    public static final int DEFAULT_MAX_TRACKED = 10_000;

    private final String poolName;
    private final long thresholdNanos;
    private final Duration sweepInterval;
    private final int callSitesPerSecond;
    private final long escalationNanos;
    private final int maxTracked;
    private final Ticker ticker;
    private final CallSiteLocator locator;
    private final FindingPublisher findings;
    private final RateLimitedLogger log = RateLimitedLogger.of(LoggerFactory.getLogger(LeakTracker.class));
    private final Map<Connection, Slot> slots = new ConcurrentHashMap<>();
    private final AtomicLong reported = new AtomicLong();
    private final AtomicLong returnedAfterReport = new AtomicLong();
    private final AtomicLong untracked = new AtomicLong();
    private volatile boolean escalated;
    /**
     * Captures left in the current budget. Borrowers take one only while it is positive, so in a hot pool a borrow
     * reads it and moves on; it may go a little below zero when borrowers race, which the next refill clamps.
     */
    private volatile int captureTokens;
    private long lastRefillNanos;
    private long escalatedUntilNanos;
    private volatile int heldTooLongNow;
    private @Nullable ScheduledExecutorService ownedExecutor;
    private @Nullable ScheduledFuture<?> task;

    private LeakTracker(Builder b) {
        this.poolName = b.poolName;
        this.thresholdNanos = b.threshold.toNanos();
        this.sweepInterval = b.sweepInterval;
        this.callSitesPerSecond = b.callSitesPerSecond;
        this.captureTokens = b.callSitesPerSecond;
        this.lastRefillNanos = b.ticker.read();
        this.escalationNanos = b.escalation.toNanos();
        this.maxTracked = b.maxTracked;
        this.ticker = b.ticker;
        this.locator = b.locator;
        this.findings = FindingPublisher.builder(b.sink).ticker(b.ticker).build();
    }

    /**
     * Starts a tracker.
     *
     * @param poolName the pool's name, the findings' subject
     * @return a builder
     */
    public static Builder builder(String poolName) {
        return new Builder(poolName);
    }

    /**
     * Returns a data source whose borrows this tracker watches.
     *
     * @param dataSource the pool; not closed by the tracker, the caller owns it
     * @return the tracked data source; its connections are the pool's own
     */
    public DataSource wrap(DataSource dataSource) {
        return new TrackingDataSource(Require.nonNull(dataSource, "dataSource"), this);
    }

    /**
     * Records a borrow. Never throws: a connection that cannot be identified is counted as untracked.
     *
     * @param connection the connection the pool just lent out
     */
    void borrowed(Connection connection) {
        Slot slot = slotOf(connection);
        if (slot == null) {
            return;
        }
        StackTraceElement site = null;
        if (escalated || callSitesPerSecond == EVERY_BORROW
                || (captureTokens > 0 && (int) CAPTURE_TOKENS.getAndAdd(this, -1) > 0)) {
            site = locator.locate().orElse(null);
        }
        slot.borrowed = connection;
        slot.thread = Thread.currentThread();
        slot.callSite = site;
        slot.epoch = slot.epoch + 1;
    }

    private @Nullable Slot slotOf(Connection connection) {
        try {
            Connection physical = connection.unwrap(Connection.class);
            Slot slot = slots.get(physical);
            if (slot != null) {
                return slot;
            }
            if (slots.size() >= maxTracked) {
                untracked.incrementAndGet();
                return null;
            }
            return slots.computeIfAbsent(physical, Slot::new);
        } catch (SQLException | RuntimeException e) {
            untracked.incrementAndGet();
            log.warn("unwrap-failed", "LeakTracker for pool '" + poolName + "' cannot identify a connection", e);
            return null;
        }
    }

    /**
     * Starts sweeping on a daemon thread the tracker creates and shuts down on {@link #close()}.
     *
     * @return this tracker
     * @throws IllegalStateException if already started
     */
    public synchronized LeakTracker start() {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "perfkit-leak-tracker-" + poolName);
            t.setDaemon(true);
            return t;
        });
        start(executor);
        ownedExecutor = executor;
        return this;
    }

    /**
     * Starts sweeping on the given executor.
     *
     * @param executor runs the sweeps; not shut down by the tracker, the caller owns it
     * @return this tracker
     * @throws IllegalStateException if already started
     */
    public synchronized LeakTracker start(ScheduledExecutorService executor) {
        Require.nonNull(executor, "executor");
        Require.state(task == null, "LeakTracker for pool '%s' is already started", poolName);
        long nanos = sweepInterval.toNanos();
        task = executor.scheduleWithFixedDelay(this::sweepGuarded, nanos, nanos, TimeUnit.NANOSECONDS);
        return this;
    }

    private void sweepGuarded() {
        try {
            sweep();
        } catch (RuntimeException e) {
            log.warn("sweep-failed", "LeakTracker sweep of pool '" + poolName + "' failed", e);
        }
    }

    /**
     * Visits every tracked connection once: starts timing new borrows, reports those held longer than the
     * threshold, and forgets physical connections the pool has closed. The scheduled sweeping calls this; call it
     * directly to drive the tracker yourself (with an injected {@link Builder#ticker(Ticker) ticker} in tests).
     *
     * @return the connections reported by this sweep
     */
    public synchronized List<HeldConnection> sweep() {
        long now = ticker.read();
        if (escalated && now - escalatedUntilNanos > 0) {
            escalated = false;
        }
        refillCaptureBudget(now);
        List<HeldConnection> newlyReported = new ArrayList<>();
        int over = 0;
        for (Iterator<Slot> it = slots.values().iterator(); it.hasNext(); ) {
            Slot slot = it.next();
            long epoch = slot.epoch;
            Connection c = slot.borrowed;
            if (c == null || isClosed(c)) {
                if (slot.reported) {
                    returnedAfterReport.incrementAndGet();
                    slot.reported = false;
                }
                if (isClosed(slot.physical)) {
                    it.remove();
                }
                continue;
            }
            if (epoch != slot.seenEpoch) {
                slot.seenEpoch = epoch;
                slot.firstSeenNanos = now;
                slot.reported = false;
                continue;
            }
            if (now - slot.firstSeenNanos >= thresholdNanos) {
                over++;
                if (!slot.reported) {
                    slot.reported = true;
                    newlyReported.add(report(slot, now));
                }
            }
        }
        heldTooLongNow = over;
        return newlyReported;
    }

    /**
     * Adds the captures earned since the last refill, {@code callSitesPerSecond} a second, keeping at most one
     * second's worth: a quiet service starts each burst with a full budget, a hot one spends it at once.
     */
    private void refillCaptureBudget(long now) {
        int perSecond = callSitesPerSecond;
        if (perSecond == 0 || perSecond == EVERY_BORROW) {
            return;
        }
        long elapsed = now - lastRefillNanos;
        long earned;
        if (elapsed >= NANOS_PER_SECOND || elapsed < 0) {
            earned = perSecond;
            lastRefillNanos = now;
        } else {
            earned = elapsed * perSecond / NANOS_PER_SECOND;
            lastRefillNanos += earned * NANOS_PER_SECOND / perSecond; // the remainder counts towards the next one
        }
        if (earned == 0) {
            return;
        }
        int current;
        int next;
        do {
            current = captureTokens;
            next = (int) Math.min(perSecond, Math.max(current, 0) + earned);
        } while (!CAPTURE_TOKENS.compareAndSet(this, current, next));
    }

    private HeldConnection report(Slot slot, long now) {
        Thread thread = slot.thread;
        StackTraceElement site = slot.callSite;
        boolean fromBorrow = site != null;
        if (site == null && thread != null) {
            site = currentApplicationFrame(thread);
            if (escalationNanos > 0) {
                escalated = true;
                escalatedUntilNanos = now + escalationNanos;
            }
        }
        HeldConnection held = new HeldConnection(poolName, Duration.ofNanos(now - slot.firstSeenNanos),
                thread == null ? "?" : thread.getName(), site, fromBorrow);
        reported.incrementAndGet();
        findings.publish(finding(held));
        return held;
    }

    private Finding finding(HeldConnection held) {
        Finding.Builder b = Finding.builder(FindingKind.CONNECTION_HELD_TOO_LONG, "A connection of pool '" + poolName
                        + "' has been held for " + held.heldFor().toSeconds() + " s (threshold "
                        + Duration.ofNanos(thresholdNanos).toSeconds() + " s)")
                .subject(poolName)
                .evidence("heldFor", held.heldFor())
                .evidence("threshold", Duration.ofNanos(thresholdNanos))
                .evidence("thread", held.threadName())
                .evidence("callSiteFromBorrow", held.callSiteFromBorrow())
                .callSite(held.borrowCallSite())
                .suggestion("Close the connection in a try-with-resources block, and keep remote calls and other "
                        + "slow work outside the transaction that holds it.");
        return b.build();
    }

    private @Nullable StackTraceElement currentApplicationFrame(Thread thread) {
        for (StackTraceElement e : thread.getStackTrace()) {
            if (!locator.isSkipped(e.getClassName())) {
                return e;
            }
        }
        return null;
    }

    private static boolean isClosed(Connection c) {
        try {
            return c.isClosed();
        } catch (SQLException | RuntimeException e) {
            return true;
        }
    }

    /**
     * Returns the connections held longer than the threshold as of the last sweep, with how long and by whom.
     *
     * @return a snapshot, most recently seen state
     */
    public synchronized List<HeldConnection> heldConnections() {
        long now = ticker.read();
        List<HeldConnection> held = new ArrayList<>();
        for (Slot slot : slots.values()) {
            Connection c = slot.borrowed;
            if (c != null && slot.reported && !isClosed(c)) {
                Thread t = slot.thread;
                held.add(new HeldConnection(poolName, Duration.ofNanos(now - slot.firstSeenNanos),
                        t == null ? "?" : t.getName(), slot.callSite, slot.callSite != null));
            }
        }
        return held;
    }

    /** @return how many connections were reported held too long since the tracker started */
    public long reportedCount() {
        return reported.get();
    }

    /** @return how many reported connections were returned to the pool later */
    public long returnedAfterReportCount() {
        return returnedAfterReport.get();
    }

    /** @return how many connections were held longer than the threshold at the last sweep */
    public int heldTooLongCount() {
        return heldTooLongNow;
    }

    /** @return how many borrows could not be tracked (connection not identifiable, or too many tracked) */
    public long untrackedCount() {
        return untracked.get();
    }

    /** @return the pool's name */
    public String poolName() {
        return poolName;
    }

    /** @return whether call sites are being captured on every borrow after a report that lacked one */
    public boolean isEscalated() {
        return escalated;
    }

    /** Stops sweeping; shuts down the executor only if {@link #start()} created it. */
    @Override
    public synchronized void close() {
        if (task != null) {
            task.cancel(false);
        }
        if (ownedExecutor != null) {
            ownedExecutor.shutdownNow();
        }
    }

    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final VarHandle CAPTURE_TOKENS;

    static {
        try {
            CAPTURE_TOKENS = MethodHandles.lookup().findVarHandle(LeakTracker.class, "captureTokens", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * The state of one physical connection. Written by the borrowing thread (the pool lends a connection to one
     * thread at a time, and its hand-off orders successive borrowers), read by the sweeper; the volatile
     * {@code epoch} is written last, so a sweeper that reads it first sees the fields of that borrow or a later
     * one. Closing is seen through the pool's own {@code isClosed()} (HikariCP: a field check, no I/O).
     */
    private static final class Slot {
        final Connection physical;
        @Nullable Connection borrowed;
        @Nullable Thread thread;
        @Nullable StackTraceElement callSite;
        volatile long epoch;
        long seenEpoch;
        long firstSeenNanos;
        boolean reported;

        Slot(Connection physical) {
            this.physical = physical;
        }
    }

    /** Builds a {@link LeakTracker}. */
    public static final class Builder {
        private final String poolName;
        private Duration threshold = DEFAULT_THRESHOLD;
        private Duration sweepInterval = DEFAULT_SWEEP_INTERVAL;
        private int callSitesPerSecond = DEFAULT_CALL_SITES_PER_SECOND;
        private Duration escalation = DEFAULT_ESCALATION;
        private int maxTracked = DEFAULT_MAX_TRACKED;
        private Ticker ticker = Ticker.system();
        private CallSiteLocator locator = CallSiteLocator.defaults();
        private FindingSink sink = FindingSink.logging();

        private Builder(String poolName) {
            this.poolName = Require.nonBlank(poolName, "poolName");
        }

        /**
         * Sets how long a connection may be held before it is reported. Default 30 s.
         *
         * @param threshold positive
         * @return this builder
         */
        public Builder threshold(Duration threshold) {
            this.threshold = Require.positive(threshold, "threshold");
            return this;
        }

        /**
         * Sets the time between sweeps, which is also the precision of the hold times. Default 1 s.
         *
         * @param interval at least 10 ms
         * @return this builder
         * @throws IllegalArgumentException if shorter than 10 ms
         */
        public Builder sweepInterval(Duration interval) {
            Require.argument(Require.nonNull(interval, "sweepInterval").toMillis() >= 10,
                    "sweepInterval must be >= 10ms, but was %s", interval);
            this.sweepInterval = interval;
            return this;
        }

        /**
         * Sets how many borrows a second may have their call site captured (each capture is a {@link StackWalker}
         * walk to the first application frame: about a microsecond and a few hundred bytes). The budget is spent on
         * the first borrows that come and refilled by the sweeps, keeping at most one second's worth, so a service
         * that borrows less often than this gets the call site of every borrow, and a hot pool pays for this many
         * walks a second however many borrows it serves. {@link LeakTracker#EVERY_BORROW} captures every borrow;
         * 0 captures none until a report lacked one (then every borrow for {@link #escalation(Duration)}).
         * Default 20.
         *
         * @param perSecond 0, a positive budget, or {@link LeakTracker#EVERY_BORROW}
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder callSitesPerSecond(int perSecond) {
            this.callSitesPerSecond = (int) Require.atLeast(perSecond, 0, "callSitesPerSecond");
            return this;
        }

        /**
         * Sets how long call sites are captured on every borrow after a report without one. Default 10 minutes.
         *
         * @param escalation zero to never escalate, or positive
         * @return this builder
         */
        public Builder escalation(Duration escalation) {
            this.escalation = Require.nonNegative(escalation, "escalation");
            return this;
        }

        /**
         * Sets how many physical connections are tracked at most. Default 10,000.
         *
         * @param max at least 1
         * @return this builder
         */
        public Builder maxTracked(int max) {
            this.maxTracked = (int) Require.atLeast(max, 1, "maxTracked");
            return this;
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
         * Sets how the application frame is found, to skip an application's own data-access helpers.
         *
         * @param locator the locator
         * @return this builder
         */
        public Builder callSiteLocator(CallSiteLocator locator) {
            this.locator = Require.nonNull(locator, "callSiteLocator");
            return this;
        }

        /** @return the tracker; it sweeps only once started */
        public LeakTracker build() {
            return new LeakTracker(this);
        }
    }
}
