package io.perfkit.benchmarks.pool;

import io.perfkit.core.FindingSink;
import io.perfkit.pool.AdaptiveSizing;
import io.perfkit.pool.PoolAdvice;
import io.perfkit.pool.PoolAdvisor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Judges the {@link PoolAdvisor}'s advice against the best pool size found by sweeping: for each synthetic load
 * (a {@link SimulatedDatabase} with fixed statement work and a given number of callers), every pool size from 1
 * to the number of callers is run and its p99 latency measured; the best size is the smallest whose p99 is within
 * 5 % of the lowest. Then the advisor, with adaptive sizing on and starting from a pool of 2, drives the same load;
 * its answer is the pool size it holds over the second half of the run (the median). The run prints the sweep and
 * whether the answer is within ±20 % of the best size.
 *
 * <pre>
 * java -cp perf-benchmarks/target/benchmarks.jar io.perfkit.benchmarks.pool.PoolSizingSweep
 * </pre>
 */
public final class PoolSizingSweep {
    private static final double RUN_MILLIS = 20_000;
    private static final double WARMUP_MILLIS = 2_000;

    private PoolSizingSweep() {}

    /** A synthetic load. */
    private record Load(String name, int cores, double workMillis, double thinkMillis, int threads) {}

    /**
     * Runs the sweeps and prints the results as Markdown tables.
     *
     * @param args unused
     */
    public static void main(String[] args) {
        List<Load> loads = List.of(
                new Load("CPU-bound, 4 cores, 32 callers, no think time", 4, 10, 0, 32),
                new Load("CPU-bound, 8 cores, 48 callers, 20 ms think", 8, 5, 20, 48),
                new Load("2 cores, 24 callers, 2 ms statements, 10 ms think", 2, 2, 10, 24),
                new Load("light load, 8 cores, 16 callers, 5 ms statements, 100 ms think", 8, 5, 100, 16));
        for (Load load : loads) {
            sweep(load);
        }
    }

    private static void sweep(Load load) {
        System.out.println();
        System.out.println("### " + load.name());
        System.out.println();
        System.out.println("| pool size | p50 ms | p99 ms | throughput/s |");
        System.out.println("|---:|---:|---:|---:|");
        double[] p99 = new double[load.threads() + 1];
        double min = Double.MAX_VALUE;
        for (int size = 1; size <= load.threads(); size++) {
            SimulatedDatabase db = new SimulatedDatabase(load.cores(), load.workMillis(), load.thinkMillis(), 0.02,
                    load.threads(), size);
            db.run(WARMUP_MILLIS);
            db.resetLatencies();
            db.run(RUN_MILLIS);
            p99[size] = db.percentile(0.99);
            min = Math.min(min, p99[size]);
            System.out.printf(Locale.ROOT, "| %d | %.1f | %.1f | %.0f |%n", size, db.percentile(0.5), p99[size],
                    db.throughputPerSecond(RUN_MILLIS));
        }
        int best = 1;
        while (p99[best] > min * 1.05) {
            best++;
        }
        int advised = advise(load);
        boolean within = Math.abs(advised - best) <= 0.2 * best;
        System.out.printf(Locale.ROOT, "%nbest size (smallest within 5%% of the lowest p99 %.1f ms): **%d**; "
                        + "advisor (adaptive from 2, median of the second half): **%d** -> %s%n", min, best, advised,
                within ? "within ±20 %" : "OUTSIDE ±20 %");
    }

    private static int advise(Load load) {
        SimulatedDatabase db = new SimulatedDatabase(load.cores(), load.workMillis(), load.thinkMillis(), 0.02,
                load.threads(), 2);
        PoolAdvisor advisor = PoolAdvisor.builder("sim", db)
                .findings(FindingSink.disabled())
                .ticker(db::nowNanos)
                .sampleInterval(Duration.ofMillis(100))
                .windowSamples(10)
                .adaptive(db, AdaptiveSizing.within(1, load.threads()).step(2).cooldown(Duration.ofSeconds(1)))
                .build();
        List<Integer> sizes = new ArrayList<>();
        int windows = 0;
        for (double t = 0; t < 120_000; t += 100) {
            db.run(100);
            if (advisor.sample().isPresent()) {
                windows++;
            }
            if (t >= 60_000) {
                sizes.add(db.poolSize());
            }
        }
        sizes.sort(Integer::compare);
        PoolAdvice last = advisor.lastAdvice().orElseThrow();
        System.out.printf(Locale.ROOT, "%nadvisor: %d windows, %d grows, %d shrinks; last advice %s (%s) -> %d%n",
                windows, advisor.growCount(), advisor.shrinkCount(), last.verdict(), last.cause(),
                last.recommendedMaximumPoolSize());
        return sizes.get(sizes.size() / 2);
    }
}
