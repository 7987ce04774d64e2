package io.perfkit.benchmarks.core;

import io.perfkit.core.WorkScope;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What a {@link WorkScope} costs a request: open and close, with and without recording, nested, and the raw
 * baseline a hand-rolled request context pays (a {@link ThreadLocal} set and remove and two clock reads).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class WorkScopeBenchmark {
    private static final ThreadLocal<Object> RAW_CONTEXT = new ThreadLocal<>();

    /**
     * The raw baseline: what any per-request context costs.
     *
     * @param bh the blackhole
     */
    @Benchmark
    public void rawThreadLocalContext(Blackhole bh) {
        Object context = new Object();
        long start = System.nanoTime();
        RAW_CONTEXT.set(context);
        bh.consume(context);
        RAW_CONTEXT.remove();
        bh.consume(System.nanoTime() - start);
    }

    /**
     * Opening and closing an empty scope.
     *
     * @param bh the blackhole
     */
    @Benchmark
    public void openClose(Blackhole bh) {
        try (WorkScope scope = WorkScope.open("GET /books")) {
            bh.consume(scope);
        }
    }

    /**
     * A typical request: ten statements and five cache reads recorded, then the report taken.
     *
     * @param bh the blackhole
     */
    @Benchmark
    public void openRecordReportClose(Blackhole bh) {
        try (WorkScope scope = WorkScope.open("GET /books")) {
            for (int i = 0; i < 10; i++) {
                scope.recordQuery(250_000);
            }
            for (int i = 0; i < 5; i++) {
                scope.recordCacheHit();
            }
            bh.consume(scope.report());
        }
    }

    /**
     * A nested scope inside a request scope, whose totals roll up on close.
     *
     * @param bh the blackhole
     */
    @Benchmark
    public void nested(Blackhole bh) {
        try (WorkScope outer = WorkScope.open("GET /orders")) {
            try (WorkScope inner = WorkScope.open("load items")) {
                inner.recordQuery(100_000);
            }
            bh.consume(outer);
        }
    }

    /**
     * Looking up the current scope, which perf-query does on every statement.
     *
     * @param bh the blackhole
     */
    @Benchmark
    public void currentOrNullInsideScope(Blackhole bh) {
        bh.consume(WorkScope.currentOrNull());
    }
}
