package io.perfkit.query;

import io.perfkit.core.CallSiteLocator;
import io.perfkit.core.Finding;
import io.perfkit.core.FindingKind;
import io.perfkit.core.FindingPublisher;
import io.perfkit.core.ScopeKey;
import io.perfkit.core.WorkScope;
import io.perfkit.query.internal.FrameworkContext;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts executions per fingerprint within a {@link WorkScope} and reports, once per scope and fingerprint:
 * N_PLUS_ONE (a SELECT run with different values at least {@code nPlusOneThreshold} times), DUPLICATE_QUERY (a
 * SELECT run again with the same values) and MISSING_BATCH (an INSERT/UPDATE/DELETE/MERGE run one row at a time
 * at least {@code nPlusOneThreshold} times). Counting costs one map lookup and a few field updates; the stack
 * is walked for the call site only when a threshold is crossed, on the thread that crossed it, so the call site
 * is the application line inside the loop.
 */
final class RepetitionDetector {
    private static final ScopeKey<ScopeCounters> KEY = ScopeKey.named("perf-query.repetitions");
    /** Distinct fingerprints counted per scope; a scope running more shapes than this is not a loop. */
    static final int MAX_SHAPES_PER_SCOPE = 256;

    private final int nPlusOneThreshold;
    private final int duplicateThreshold;
    private final FindingPublisher publisher;
    private final CallSiteLocator locator;

    RepetitionDetector(int nPlusOneThreshold, int duplicateThreshold, FindingPublisher publisher,
                       CallSiteLocator locator) {
        this.nPlusOneThreshold = nPlusOneThreshold;
        this.duplicateThreshold = duplicateThreshold;
        this.publisher = publisher;
        this.locator = locator;
    }

    void record(WorkScope scope, FingerprintStats fp, long valuesHash, int batchSize, long nanos) {
        StatementKind kind = fp.fingerprint.kind();
        if (kind != StatementKind.SELECT && !kind.isWrite()) {
            return;
        }
        ShapeCounter c = counterOf(scope, fp);
        if (c == null) {
            return;
        }
        int event = kind == StatementKind.SELECT ? c.recordSelect(valuesHash, nanos, nPlusOneThreshold,
                duplicateThreshold) : c.recordWrite(batchSize, nanos, nPlusOneThreshold);
        if (event != ShapeCounter.NONE) {
            publish(scope, fp, c, event);
        }
    }

    /**
     * The counter of a fingerprint in a scope. The last (scope, counter) pair is cached on the fingerprint, so
     * a loop in one scope finds it without a map lookup or an allocation (the scope attribute lookup allocates
     * an {@code Optional} or a capturing lambda in perf-core).
     */
    private static @org.jspecify.annotations.Nullable ShapeCounter counterOf(WorkScope scope, FingerprintStats fp) {
        ScopedCounter last = fp.lastCounter;
        if (last != null && last.scope == scope) {
            return last.counter;
        }
        ScopeCounters counters = scope.attribute(KEY, ScopeCounters::new);
        ShapeCounter c = counters.map.get(fp);
        if (c == null) {
            if (counters.map.size() >= MAX_SHAPES_PER_SCOPE) {
                return null;
            }
            c = counters.map.computeIfAbsent(fp, k -> new ShapeCounter());
        }
        fp.lastCounter = new ScopedCounter(scope, c);
        return c;
    }

    /** A fingerprint's counter in one scope; immutable, so a racing reader never pairs a scope with another's. */
    static final class ScopedCounter {
        final WorkScope scope;
        final ShapeCounter counter;

        ScopedCounter(WorkScope scope, ShapeCounter counter) {
            this.scope = scope;
            this.counter = counter;
        }
    }

    private void publish(WorkScope scope, FingerprintStats stats, ShapeCounter c, int event) {
        Fingerprint fp = stats.fingerprint;
        String sql = abbreviate(fp.normalizedSql());
        Finding.Builder b;
        String framework = scope.attribute(FrameworkContext.KEY).map(FrameworkContext::framework).orElse(null);
        if (event == ShapeCounter.N_PLUS_ONE) {
            String jooq = "jOOQ".equals(framework) ? "; with jOOQ: select the children once with"
                    + " .where(FK.in(keys)) and fetchGroups(FK), or nest them with MULTISET" : "";
            b = Finding.builder(FindingKind.N_PLUS_ONE, String.format(
                    "Potential N+1: the same SELECT ran %d times with different values in %s: %s",
                    c.executions(), scope.name(), sql))
                    .suggestion(fp.batchedRewrite().map(s -> "Load all keys with one query: " + s
                            + " (bind one java.sql.Array of the keys), or collect the keys with"
                            + " io.perfkit.query.batch.BatchLoader")
                            .orElse("Load the rows for all keys with one query (WHERE col = ANY(?)), or collect"
                                    + " the keys with io.perfkit.query.batch.BatchLoader") + jooq);
        } else if (event == ShapeCounter.DUPLICATE) {
            b = Finding.builder(FindingKind.DUPLICATE_QUERY, String.format(
                    "The same SELECT with the same values ran %d times in %s: %s", c.duplicates() + 1,
                    scope.name(), sql))
                    .suggestion("Reuse the first result within the unit of work: pass it along, or cache it");
        } else {
            b = Finding.builder(FindingKind.MISSING_BATCH, String.format(
                    "The same %s ran %d times one row at a time in %s: %s", fp.kind(), c.executions(),
                    scope.name(), sql))
                    .suggestion("Batch the writes: addBatch() per row and one executeBatch() (with pgjdbc's"
                            + " reWriteBatchedInserts=true), or io.perfkit.query.write.BatchWriter");
        }
        if (framework != null) {
            b.evidence("framework", framework);
        }
        publisher.publish(b.subject(fp.id())
                .evidence("executions", c.executions())
                .evidence("time", Duration.ofNanos(c.totalNanos()))
                .evidence("threshold", event == ShapeCounter.DUPLICATE ? duplicateThreshold : nPlusOneThreshold)
                .callSite(locator.locate())
                .build());
    }

    static String abbreviate(String sql) {
        return sql.length() <= 300 ? sql : sql.substring(0, 297) + "...";
    }

    /** Per-scope counters, keyed by fingerprint. */
    static final class ScopeCounters {
        final ConcurrentHashMap<FingerprintStats, ShapeCounter> map = new ConcurrentHashMap<>();
    }

    /**
     * Counters of one fingerprint in one scope. Guarded by a spin lock, since wrapped tasks may record from several
     * threads: the critical sections are a few field updates, and releasing the lock is a plain store where a
     * monitor exit costs a second compare-and-set on every statement.
     */
    static final class ShapeCounter {
        static final int NONE = 0;
        static final int N_PLUS_ONE = 1;
        static final int DUPLICATE = 2;
        static final int MISSING_BATCH = 3;
        private static final int CAPACITY = 64;
        private static final VarHandle LOCK;

        static {
            try {
                LOCK = MethodHandles.lookup().findVarHandle(ShapeCounter.class, "lock", int.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        /** 1 while a thread updates the counters; written through {@link #LOCK}. */
        @SuppressWarnings("unused")
        private volatile int lock;
        /** Open-addressing set of value hashes seen; 0 marks an empty slot. Stops adding when 3/4 full. */
        private final long[] seen = new long[CAPACITY];
        private int seenCount;
        private int executions;
        private int distinct;
        private int duplicates;
        private long totalNanos;
        private boolean nPlusOneReported;
        private boolean duplicateReported;
        private boolean batchReported;

        private void lock() {
            if (!LOCK.weakCompareAndSetAcquire(this, 0, 1)) {
                contended();
            }
        }

        private void contended() {
            int spins = 0;
            while (!LOCK.weakCompareAndSetAcquire(this, 0, 1)) {
                if (++spins < 64) {
                    Thread.onSpinWait();
                } else {
                    Thread.yield(); // the holder may have been descheduled
                }
            }
        }

        private void unlock() {
            LOCK.setRelease(this, 0);
        }

        int recordSelect(long valuesHash, long nanos, int nPlusOneThreshold, int duplicateThreshold) {
            lock();
            try {
                executions++;
                totalNanos += nanos;
                if (addIfAbsent(valuesHash == 0 ? 1 : valuesHash)) {
                    distinct++;
                    if (distinct >= nPlusOneThreshold && !nPlusOneReported) {
                        nPlusOneReported = true;
                        return N_PLUS_ONE;
                    }
                } else {
                    duplicates++;
                    if (duplicates + 1 >= duplicateThreshold && !duplicateReported) {
                        duplicateReported = true;
                        return DUPLICATE;
                    }
                }
                return NONE;
            } finally {
                unlock();
            }
        }

        int recordWrite(int batchSize, long nanos, int threshold) {
            if (batchSize > 0) {
                return NONE;
            }
            lock();
            try {
                executions++;
                totalNanos += nanos;
                if (executions >= threshold && !batchReported) {
                    batchReported = true;
                    return MISSING_BATCH;
                }
                return NONE;
            } finally {
                unlock();
            }
        }

        private boolean addIfAbsent(long hash) {
            int i = (int) (hash ^ (hash >>> 32)) & (CAPACITY - 1);
            while (seen[i] != 0) {
                if (seen[i] == hash) {
                    return false;
                }
                i = (i + 1) & (CAPACITY - 1);
            }
            if (seenCount < CAPACITY * 3 / 4) {
                seen[i] = hash;
                seenCount++;
            }
            return true; // when full, every new value counts as distinct: an N+1 this long is still one
        }

        int executions() {
            lock();
            try {
                return executions;
            } finally {
                unlock();
            }
        }

        int duplicates() {
            lock();
            try {
                return duplicates;
            } finally {
                unlock();
            }
        }

        long totalNanos() {
            lock();
            try {
                return totalNanos;
            } finally {
                unlock();
            }
        }
    }
}
