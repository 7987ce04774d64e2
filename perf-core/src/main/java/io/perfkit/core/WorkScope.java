package io.perfkit.core;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * One unit of work, such as an HTTP request or a job, that perfkit modules record against: statements
 * executed and the time they took, cache hits and misses, findings. Its {@link #report()} is what
 * {@link Budget}s check and what the N+1 detector counts within.
 *
 * <pre>{@code
 * try (WorkScope scope = WorkScope.open("GET /books")) {
 *     List<Book> books = bookService.list();
 *     log.debug("{} queries", scope.report().queryCount());
 * }
 * }</pre>
 *
 * <h2>Threads</h2>
 * A scope is bound to the thread that opened it until it is closed: {@link #current()} on that thread returns
 * it. Scopes nest: opening a scope inside another makes the new one current until it closes, and when it
 * closes its totals are added to the enclosing scope. Work handed to another thread joins the scope only when
 * the task is wrapped ({@link #wrap(Runnable)}, {@link #wrap(Callable)}, {@link #propagating(Executor)}); the
 * wrapped task makes the scope current while it runs and restores the worker's previous scope after.
 * Recording is thread-safe, so several tasks may record into one scope at once.
 *
 * <h2>Cost</h2>
 * Opening and closing a scope costs one object, two {@link System#nanoTime()} reads and two thread-local
 * accesses; recording a query is two atomic additions. Lists and maps are allocated only when a finding or an
 * attribute is first added. See {@code WorkScopeBenchmark} in perf-benchmarks.
 *
 * <p>Recordings made after a scope closed still count in the scope itself but are no longer added to the
 * enclosing scope.
 */
public final class WorkScope implements AutoCloseable {
    private static final ThreadLocal<@Nullable WorkScope> CURRENT = new ThreadLocal<>();
    /**
     * False until the first scope is opened in this JVM, then true for good: {@link #currentOrNull()} skips the
     * thread-local lookup (a few nanoseconds, which is most of what a cache hit adds over raw Caffeine) in
     * applications that never open a scope. Any scope current on a thread was opened after this was set.
     */
    private static volatile boolean everOpened;

    private static final VarHandle QUERIES;
    private static final VarHandle DB_NANOS;
    private static final VarHandle HITS;
    private static final VarHandle MISSES;
    private static final VarHandle END_NANOS;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            QUERIES = lookup.findVarHandle(WorkScope.class, "queries", long.class);
            DB_NANOS = lookup.findVarHandle(WorkScope.class, "dbNanos", long.class);
            HITS = lookup.findVarHandle(WorkScope.class, "hits", long.class);
            MISSES = lookup.findVarHandle(WorkScope.class, "misses", long.class);
            END_NANOS = lookup.findVarHandle(WorkScope.class, "endNanos", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final String name;
    private final @Nullable WorkScope parent;
    private final Thread owner;
    private final long startNanos;

    @SuppressWarnings("unused") // accessed through QUERIES
    private volatile long queries;
    @SuppressWarnings("unused") // accessed through DB_NANOS
    private volatile long dbNanos;
    @SuppressWarnings("unused") // accessed through HITS
    private volatile long hits;
    @SuppressWarnings("unused") // accessed through MISSES
    private volatile long misses;
    /** Zero while open; the close time (never zero: adjusted by one if nanoTime happened to read zero). */
    @SuppressWarnings("unused") // accessed through END_NANOS
    private volatile long endNanos;

    private final Object lock = new Object();
    private @Nullable List<Finding> findings; // guarded by lock
    private volatile @Nullable ConcurrentHashMap<ScopeKey<?>, Object> attributes;

    private WorkScope(String name, @Nullable WorkScope parent) {
        this.name = name;
        this.parent = parent;
        this.owner = Thread.currentThread();
        this.startNanos = System.nanoTime();
    }

    /**
     * Opens a scope on the current thread and makes it {@link #current() current}; the scope that was current
     * becomes its parent. Close it with try-with-resources on the same thread.
     *
     * @param name what the work is, such as {@code "GET /books/{id}"} or {@code "nightly-export"}; keep the set
     *     of names small (a route template, not a URL with ids)
     * @return the open scope
     * @throws IllegalArgumentException if {@code name} is blank
     */
    public static WorkScope open(String name) {
        Require.nonBlank(name, "name");
        if (!everOpened) {
            everOpened = true;
        }
        WorkScope scope = new WorkScope(name, currentOrNull());
        CURRENT.set(scope);
        return scope;
    }

    /**
     * Returns the scope current on this thread: the innermost open scope opened here, or the scope of the
     * wrapped task running here.
     *
     * @return the current scope, or empty outside any scope
     */
    public static Optional<WorkScope> current() {
        return Optional.ofNullable(currentOrNull());
    }

    /**
     * Returns the current scope or null; the allocation-free form of {@link #current()} for per-call hot paths
     * in perfkit modules.
     *
     * @return the current scope, or null outside any scope
     */
    public static @Nullable WorkScope currentOrNull() {
        if (!everOpened) {
            return null;
        }
        WorkScope scope = CURRENT.get();
        while (scope != null && !scope.isOpen()) {
            // A scope closed from another thread, or left open by a forgotten close of a nested scope.
            scope = scope.parent;
        }
        return scope;
    }

    /**
     * Returns an executor that runs each task in the scope that was current when the task was submitted.
     *
     * @param executor the executor that runs the tasks
     * @return a propagating executor
     */
    public static Executor propagating(Executor executor) {
        Require.nonNull(executor, "executor");
        return task -> {
            WorkScope scope = currentOrNull();
            executor.execute(scope == null ? task : scope.wrap(task));
        };
    }

    /** @return the scope's name */
    public String name() {
        return name;
    }

    /** @return the scope this one is nested in, if any */
    public Optional<WorkScope> parent() {
        return Optional.ofNullable(parent);
    }

    /** @return true until {@link #close()} is called */
    public boolean isOpen() {
        return (long) END_NANOS.getVolatile(this) == 0L;
    }

    /**
     * Records one executed statement (a JDBC batch counts once).
     *
     * @param elapsedNanos how long it took, in nanoseconds
     */
    public void recordQuery(long elapsedNanos) {
        QUERIES.getAndAdd(this, 1L);
        DB_NANOS.getAndAdd(this, elapsedNanos);
    }

    /** Records one cache read served from a cache tier. */
    public void recordCacheHit() {
        HITS.getAndAdd(this, 1L);
    }

    /** Records one cache read that had to go to the loader. */
    public void recordCacheMiss() {
        MISSES.getAndAdd(this, 1L);
    }

    /**
     * Adds a finding to this scope's report. perfkit modules call this through {@link FindingPublisher}, which
     * also hands the finding to the user's sink.
     *
     * @param finding the finding
     */
    public void addFinding(Finding finding) {
        Require.nonNull(finding, "finding");
        synchronized (lock) {
            if (findings == null) {
                findings = new ArrayList<>(4);
            }
            findings.add(finding);
        }
    }

    /**
     * Returns the value stored under {@code key}, creating it with {@code initial} on first use. Atomic: two
     * threads asking at once get the same value.
     *
     * @param key the key, held in a {@code static final} field by the owning module
     * @param initial creates the value when absent; must not return null
     * @param <T> the value's type
     * @return the value
     */
    @SuppressWarnings("unchecked")
    public <T> T attribute(ScopeKey<T> key, Supplier<? extends T> initial) {
        ConcurrentHashMap<ScopeKey<?>, Object> map = attributes;
        if (map != null) {
            // Hot path, called per statement by perf-query: a plain read allocates no capturing lambda.
            Object existing = map.get(key);
            if (existing != null) {
                return (T) existing;
            }
        } else {
            synchronized (lock) {
                map = attributes;
                if (map == null) {
                    map = new ConcurrentHashMap<>(4);
                    attributes = map;
                }
            }
        }
        return (T) map.computeIfAbsent(key, k -> Require.nonNull(initial.get(), "initial value of " + key));
    }

    /**
     * Returns the value stored under {@code key}, if any.
     *
     * @param key the key
     * @param <T> the value's type
     * @return the value, or empty
     */
    @SuppressWarnings("unchecked")
    public <T> Optional<T> attribute(ScopeKey<T> key) {
        ConcurrentHashMap<ScopeKey<?>, Object> map = attributes;
        return map == null ? Optional.empty() : Optional.ofNullable((T) map.get(key));
    }

    /**
     * Returns a task that runs {@code task} with this scope current, for hand-off to another thread.
     *
     * @param task the task
     * @return the wrapping task
     */
    public Runnable wrap(Runnable task) {
        Require.nonNull(task, "task");
        return () -> {
            WorkScope previous = CURRENT.get();
            CURRENT.set(this);
            try {
                task.run();
            } finally {
                restore(previous);
            }
        };
    }

    /**
     * Returns a task that calls {@code task} with this scope current, for hand-off to another thread.
     *
     * @param task the task
     * @param <V> the task's result type
     * @return the wrapping task
     */
    public <V> Callable<V> wrap(Callable<V> task) {
        Require.nonNull(task, "task");
        return () -> {
            WorkScope previous = CURRENT.get();
            CURRENT.set(this);
            try {
                return task.call();
            } finally {
                restore(previous);
            }
        };
    }

    private static void restore(@Nullable WorkScope previous) {
        if (previous == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(previous);
        }
    }

    /**
     * Returns what the scope has recorded: final once the scope is closed, a snapshot while it is open.
     *
     * @return the report
     */
    public ScopeReport report() {
        long end = (long) END_NANOS.getVolatile(this);
        boolean closed = end != 0L;
        long elapsed = (closed ? end : System.nanoTime()) - startNanos;
        List<Finding> snapshot;
        synchronized (lock) {
            snapshot = findings == null ? List.of() : List.copyOf(findings);
        }
        return new ScopeReport(name, Duration.ofNanos(Math.max(0L, elapsed)),
                (long) QUERIES.getVolatile(this), Duration.ofNanos((long) DB_NANOS.getVolatile(this)),
                (long) HITS.getVolatile(this), (long) MISSES.getVolatile(this), snapshot, closed);
    }

    /**
     * Closes the scope: its report becomes final, its totals are added to the enclosing scope, and the
     * enclosing scope becomes current again. Idempotent. Meant to be called on the opening thread; called
     * elsewhere, it still closes the scope, and the opening thread skips it from then on.
     */
    @Override
    public void close() {
        long end = System.nanoTime();
        if (end == 0L) {
            end = 1L;
        }
        if (!END_NANOS.compareAndSet(this, 0L, end)) {
            return;
        }
        if (Thread.currentThread() == owner) {
            // An inner scope left open stops being current here; currentOrNull() skips closed scopes anyway.
            WorkScope next = parent;
            while (next != null && !next.isOpen()) {
                next = next.parent;
            }
            restore(next);
        }
        WorkScope p = parent;
        if (p != null) {
            QUERIES.getAndAdd(p, (long) QUERIES.getVolatile(this));
            DB_NANOS.getAndAdd(p, (long) DB_NANOS.getVolatile(this));
            HITS.getAndAdd(p, (long) HITS.getVolatile(this));
            MISSES.getAndAdd(p, (long) MISSES.getVolatile(this));
            synchronized (lock) {
                if (findings != null) {
                    for (Finding f : findings) {
                        p.addFinding(f);
                    }
                }
            }
        }
    }

    @Override
    public String toString() {
        return "WorkScope[" + name + (isOpen() ? ", open" : ", closed") + "]";
    }
}
