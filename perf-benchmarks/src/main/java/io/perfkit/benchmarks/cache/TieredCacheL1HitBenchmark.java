package io.perfkit.benchmarks.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.perfkit.cache.TieredCache;
import io.perfkit.cache.micrometer.MicrometerCacheRecorder;
import io.perfkit.core.WorkScope;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * An L1 hit of {@link TieredCache} against raw Caffeine {@code getIfPresent} on the same keys, in the same run:
 * raw Caffeine without expiry, raw Caffeine with {@code expireAfterWrite} (which reads {@code System.nanoTime()} on
 * every hit), raw Caffeine holding a (value, deadline) wrapper checked against a coarse clock (the floor of an L1
 * with per-entry metadata), and TieredCache's {@code get(key, loader)} and {@code getIfPresent} (per-entry expiry on
 * a coarse ticker, the tagged-entry check, the WorkScope check). 100 % hit rate over 1024 String keys.
 * Run single-threaded for ns/op ({@code -prof gc} for B/op) and with {@code -t 8 -bm thrpt} for throughput.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TieredCacheL1HitBenchmark {
    private static final int KEYS = 1024;

    private final String[] keys = new String[KEYS];
    private Cache<String, String> raw;
    private Cache<String, String> rawExpiring;
    private Cache<String, Expiring> rawWrapped;
    /** A coarse clock for the hand-written expiring L1: read, never advanced, like a ticker between its ticks. */
    private volatile long coarseNow = System.nanoTime();
    private TieredCache<String, String> tiered;
    private TieredCache<String, String> tieredMetered;

    /** Fills every cache with the same keys. */
    @Setup(Level.Trial)
    public void setUp() {
        raw = Caffeine.newBuilder().maximumSize(10_000).build();
        rawExpiring = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(Duration.ofMinutes(5)).build();
        rawWrapped = Caffeine.newBuilder().maximumSize(10_000).build();
        tiered = TieredCache.<String, String>builder("bench")
                .local(10_000, Duration.ofMinutes(5))
                .build();
        tieredMetered = TieredCache.<String, String>builder("bench-metered")
                .local(10_000, Duration.ofMinutes(5))
                .recorder(MicrometerCacheRecorder.factory(new SimpleMeterRegistry()))
                .build();
        for (int i = 0; i < KEYS; i++) {
            keys[i] = "key:" + i;
            raw.put(keys[i], "value" + i);
            rawExpiring.put(keys[i], "value" + i);
            rawWrapped.put(keys[i], new Expiring("value" + i, coarseNow + Duration.ofMinutes(5).toNanos()));
            String v = "value" + i;
            tiered.get(keys[i], k -> v);
            tieredMetered.get(keys[i], k -> v);
        }
    }

    /** Stops the cache's ticker thread. */
    @TearDown(Level.Trial)
    public void tearDown() {
        tiered.close();
        tieredMetered.close();
    }

    /** The least a hand-written L1 with per-entry expiry stores: the value and its deadline. */
    static final class Expiring {
        final String value;
        final long expiresAt;

        Expiring(String value, long expiresAt) {
            this.value = value;
            this.expiresAt = expiresAt;
        }
    }

    /** Per-thread position in the key array. */
    @State(Scope.Thread)
    public static class Cursor {
        int i;

        String next(String[] keys) {
            i = (i + 1) & (KEYS - 1);
            return keys[i];
        }
    }

    /**
     * Raw Caffeine, no expiry: the floor.
     *
     * @param c the cursor
     * @return the value
     */
    @Benchmark
    public String rawCaffeineGetIfPresent(Cursor c) {
        return raw.getIfPresent(c.next(keys));
    }

    /**
     * Raw Caffeine with expireAfterWrite: what a user would write by hand for an expiring L1.
     *
     * @param c the cursor
     * @return the value
     */
    @Benchmark
    public String rawCaffeineExpiringGetIfPresent(Cursor c) {
        return rawExpiring.getIfPresent(c.next(keys));
    }

    /**
     * Raw Caffeine holding a two-field wrapper (value, deadline) checked against a coarse clock: the floor of any L1
     * that keeps per-entry metadata next to the value, as TieredCache must (its TTL is capped per entry by the L2's).
     * The difference to {@link #rawCaffeineGetIfPresent} is the load of the wrapper.
     *
     * @param c the cursor
     * @return the value
     */
    @Benchmark
    public String rawCaffeineWrappedGetIfPresent(Cursor c) {
        Expiring e = rawWrapped.getIfPresent(c.next(keys));
        return e != null && coarseNow - e.expiresAt < 0 ? e.value : null;
    }

    /**
     * TieredCache get(key, loader) served from L1.
     *
     * @param c the cursor
     * @return the value
     */
    @Benchmark
    public String tieredGet(Cursor c) {
        return tiered.get(c.next(keys), k -> "never");
    }

    /**
     * TieredCache get(key, loader) served from L1, with Micrometer metrics: each hit also increments the
     * {@code cache.gets{tier=l1,result=hit}} counter.
     *
     * @param c the cursor
     * @return the value
     */
    @Benchmark
    public String tieredGetWithMetrics(Cursor c) {
        return tieredMetered.get(c.next(keys), k -> "never");
    }

    /** A unit of work open on the benchmark thread, as in a service behind perf-core's WorkScopeFilter. */
    @State(Scope.Thread)
    public static class InScope {
        private WorkScope scope;

        /** Opens the scope on the benchmark thread. */
        @Setup(Level.Trial)
        public void open() {
            scope = WorkScope.open("bench");
        }

        /** Closes it. */
        @TearDown(Level.Trial)
        public void close() {
            scope.close();
        }
    }

    /**
     * TieredCache get(key, loader) served from L1 inside an open {@code WorkScope}, which counts the hit for the
     * request's report: what a hit costs in a service that opens a scope per request. (JMH forks per benchmark, so
     * the scope opened here does not change the other variants, which run in JVMs where no scope was ever opened.)
     *
     * @param c the cursor
     * @param scope the open scope
     * @return the value
     */
    @Benchmark
    public String tieredGetInScope(Cursor c, InScope scope) {
        return tiered.get(c.next(keys), k -> "never");
    }

    /**
     * TieredCache getIfPresent served from L1.
     *
     * @param c the cursor
     * @return the value
     */
    @Benchmark
    public String tieredGetIfPresent(Cursor c) {
        return tiered.getIfPresent(c.next(keys));
    }

    /**
     * {@link #rawCaffeineGetIfPresent} in the {@code sideBySide} group: four threads of it run at the same time as
     * four threads of {@link #sideBySideTieredGet}, so both halves of the eight-thread comparison see the same host
     * at the same moment. On a shared machine whose speed drifts between runs, the ratio of the two scores of one
     * run is steadier than the ratio of two separate eight-thread runs. Run with {@code -bm thrpt}; with
     * {@code -bm avgt -tg 1,1} it compares one thread of each, each on its own core.
     *
     * @param c the cursor
     * @return the value
     */
    @Benchmark
    @Group("sideBySide")
    @GroupThreads(4)
    public String sideBySideRaw(Cursor c) {
        return rawCaffeineGetIfPresent(c);
    }

    /**
     * {@link #tieredGet} in the {@code sideBySide} group (see {@link #sideBySideRaw}).
     *
     * @param c the cursor
     * @return the value
     */
    @Benchmark
    @Group("sideBySide")
    @GroupThreads(4)
    public String sideBySideTieredGet(Cursor c) {
        return tieredGet(c);
    }
}
