package io.perfkit.query;

import io.perfkit.core.CallSiteLocator;
import io.perfkit.core.Finding;
import io.perfkit.core.FindingKind;
import io.perfkit.core.FindingPublisher;
import io.perfkit.core.RateLimitedLogger;
import io.perfkit.core.Ticker;
import io.perfkit.core.WorkScope;
import io.perfkit.query.internal.jdbc.ParameterLog;
import io.perfkit.query.internal.jdbc.ParameterLog.BoundValues;
import java.sql.Connection;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

/**
 * Captures the plans of slow statements off the request path: one daemon thread with a small bounded queue,
 * a separate connection from the wrapped data source, the {@link Explainer}'s safety rules, a per-fingerprint
 * interval and an overall per-minute budget. A capture that fails (a temp table only the original session
 * sees, a timeout) is counted and logged, rate-limited; the application's call has long returned by then.
 */
final class PlanCapture implements AutoCloseable {
    private static final int QUEUE_CAPACITY = 32;

    private final boolean enabled;
    private final Explainer explainer;
    private final PlanAnalyzer analyzer;
    private final FindingPublisher publisher;
    private final CallSiteLocator locator;
    private final boolean revealValues;
    private final long intervalNanos;
    private final int perMinute;
    private final Duration threshold;
    private final Ticker ticker = Ticker.system();
    private final ThreadPoolExecutor executor;
    private final RateLimitedLogger log = RateLimitedLogger.of(LoggerFactory.getLogger(QueryMonitor.class));

    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicLong windowStart = new AtomicLong(Long.MIN_VALUE);
    private final AtomicInteger inWindow = new AtomicInteger();
    private final AtomicLong captured = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final Object idle = new Object();

    PlanCapture(QueryMonitor.Builder b, FindingPublisher publisher) {
        this.enabled = b.planCapture;
        this.explainer = new Explainer(b.captureStatementTimeout, b.captureLockTimeout, b.explainAnalyzeWrites);
        this.analyzer = b.planAnalyzer;
        this.publisher = publisher;
        this.locator = b.callSiteLocator;
        this.revealValues = b.revealBindValues;
        this.intervalNanos = b.captureInterval.toNanos();
        this.perMinute = b.maxCapturesPerMinute;
        this.threshold = b.slowQueryThreshold;
        AtomicInteger threads = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(QUEUE_CAPACITY), r -> {
                    Thread t = new Thread(r, "perfkit-plan-capture-" + threads.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    /** Called on the application's thread after a statement ran longer than the threshold. */
    void onSlow(FingerprintStats stats, String sql, @Nullable ParameterLog parameters, long nanos,
                @Nullable WorkScope scope, DataSource raw) {
        Optional<StackTraceElement> site = locator.locate();
        String reason = refusal(stats, parameters);
        BoundValues values = parameters == null ? null : parameters.snapshot();
        if (reason == null && parameters != null && values == null) {
            reason = "a bound value is a stream and cannot be replayed";
        }
        if (reason == null && !admit(stats)) {
            reason = "rate-limited";
        }
        if (reason != null) {
            skipped.incrementAndGet();
            publisher.publish(slowQuery(stats, nanos, site, scope).evidence("plan", "not captured: " + reason)
                    .build());
            return;
        }
        Runnable task = () -> capture(stats, sql, values, nanos, site, scope, raw);
        pending.incrementAndGet();
        try {
            executor.execute(scope == null ? task : scope.wrap(task));
        } catch (RejectedExecutionException e) {
            done();
            skipped.incrementAndGet();
            publisher.publish(slowQuery(stats, nanos, site, scope).evidence("plan", "not captured: queue full")
                    .build());
        }
    }

    private @Nullable String refusal(FingerprintStats stats, @Nullable ParameterLog parameters) {
        if (!enabled) {
            return "plan capture is off";
        }
        if (!Explainer.isExplainable(stats.fingerprint)) {
            return stats.fingerprint.isMultiStatement() ? "several statements" : "not a SELECT or a write";
        }
        return null;
    }

    private boolean admit(FingerprintStats stats) {
        long now = ticker.read();
        long last = stats.lastCaptureNanos.get();
        if (last != 0 && now - last < intervalNanos) {
            return false;
        }
        long start = windowStart.get();
        if (start == Long.MIN_VALUE || now - start >= TimeUnit.MINUTES.toNanos(1)) {
            if (windowStart.compareAndSet(start, now)) {
                inWindow.set(0);
            }
        }
        if (inWindow.incrementAndGet() > perMinute) {
            return false;
        }
        return stats.lastCaptureNanos.compareAndSet(last, now == 0 ? 1 : now);
    }

    private void capture(FingerprintStats stats, String sql, @Nullable BoundValues values, long nanos,
                         Optional<StackTraceElement> site, @Nullable WorkScope scope, DataSource raw) {
        try {
            QueryPlan plan = explain(stats, sql, values, raw);
            captured.incrementAndGet();
            publishPlan(stats, plan, nanos, site, scope);
        } catch (Exception e) {
            failed.incrementAndGet();
            log.warn("capture-failed", "perfkit could not capture the plan of " + stats.fingerprint.id()
                    + " (the application's statement was not affected): " + e, null);
            publisher.publish(slowQuery(stats, nanos, site, scope)
                    .evidence("plan", "not captured: " + e.getClass().getSimpleName()).build());
        } finally {
            done();
        }
    }

    private QueryPlan explain(FingerprintStats stats, String sql, @Nullable BoundValues values, DataSource raw)
            throws Exception {
        try (Connection c = raw.getConnection()) {
            String json = explainer.explain(c, stats.fingerprint, sql,
                    values == null ? null : Explainer.binder(values));
            return QueryPlan.parse(stats.fingerprint, json, !revealValues);
        }
    }

    private void publishPlan(FingerprintStats stats, QueryPlan plan, long nanos, Optional<StackTraceElement> site,
                             @Nullable WorkScope scope) {
        String previous = stats.planHash;
        stats.planHash = plan.planHash();
        stats.lastPlan = plan;
        var findings = analyzer.analyze(plan);
        Finding.Builder slow = slowQuery(stats, nanos, site, scope)
                .evidence("plan", plan.isAnalyzed() ? "EXPLAIN ANALYZE" : "EXPLAIN (not executed)")
                .evidence("planHash", plan.planHash())
                .detail(plan.json());
        for (Finding f : findings) {
            if (f.kind() == FindingKind.MISSING_INDEX && f.suggestion().isPresent()) {
                slow.suggestion(f.suggestion().get());
            }
        }
        publisher.publish(slow.build());
        for (Finding f : findings) {
            publisher.publish(f.toBuilder().callSite(site).build());
        }
        if (previous != null && !previous.equals(plan.planHash())) {
            publisher.publish(Finding.builder(FindingKind.PLAN_CHANGED, "The plan of " + stats.fingerprint.id()
                    + " changed from " + previous + " to " + plan.planHash())
                    .subject(stats.fingerprint.id())
                    .evidence("previousPlanHash", previous).evidence("planHash", plan.planHash())
                    .detail(plan.json()).build());
        }
    }

    private Finding.Builder slowQuery(FingerprintStats stats, long nanos, Optional<StackTraceElement> site,
                                      @Nullable WorkScope scope) {
        Fingerprint fp = stats.fingerprint;
        Finding.Builder b = Finding.builder(FindingKind.SLOW_QUERY,
                String.format("Slow %s (%d ms, threshold %d ms): %s",
                        fp.kind(), TimeUnit.NANOSECONDS.toMillis(nanos), threshold.toMillis(),
                        RepetitionDetector.abbreviate(fp.normalizedSql())))
                .subject(fp.id())
                .evidence("elapsed", Duration.ofNanos(nanos))
                .evidence("threshold", threshold)
                .callSite(site);
        if (scope != null) {
            b.scopeName(scope.name());
        }
        return b;
    }

    private void done() {
        if (pending.decrementAndGet() == 0) {
            synchronized (idle) {
                idle.notifyAll();
            }
        }
    }

    boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (idle) {
            while (pending.get() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(idle, left);
            }
        }
        return true;
    }

    QueryMonitor.CaptureStats stats() {
        return new QueryMonitor.CaptureStats(captured.get(), failed.get(), skipped.get());
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
