package io.perfkit.benchmarks.pool;

import io.perfkit.pool.PoolControls;
import io.perfkit.pool.PoolSampler;
import io.perfkit.pool.PoolSnapshot;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A deterministic, time-stepped simulation of a closed-loop service in front of a database, for judging pool
 * sizing advice without the noise of a shared machine: {@code threads} callers each think for an exponential
 * time (mean {@code thinkMillis}), borrow a connection from a FIFO pool of {@code poolSize}, run one statement
 * that needs {@code workMillis} of database CPU, and return the connection.
 *
 * <p>The database has {@code cores} cores shared by the running statements (processor sharing). Beyond
 * {@code cores} running statements, each extra one costs every statement a further {@code contention} of its
 * speed (context switches, lock and buffer contention): this is why a pool larger than the database's
 * parallelism makes everything slower, the effect HikariCP's pool-sizing page describes.
 */
final class SimulatedDatabase implements PoolSampler, PoolControls {
    static final double DT_MILLIS = 0.05;

    private final int cores;
    private final double workMillis;
    private final double thinkMillis;
    private final double contention;
    private final SplittableRandom random = new SplittableRandom(42);

    private int poolSize;
    private double nowMillis;
    private final double[] thinkLeft;
    private final double[] workLeft;
    private final double[] requestedAt;
    private final double[] borrowedAt;
    private final ArrayDeque<Integer> waiting = new ArrayDeque<>();
    private int active;
    private long acquisitions;
    private double acquireMillis;
    private long usages;
    private double usageMillis;
    private double[] latencies = new double[1 << 16];
    private int latencyCount;

    SimulatedDatabase(int cores, double workMillis, double thinkMillis, double contention, int threads, int poolSize) {
        this.cores = cores;
        this.workMillis = workMillis;
        this.thinkMillis = thinkMillis;
        this.contention = contention;
        this.poolSize = poolSize;
        this.thinkLeft = new double[threads];
        this.workLeft = new double[threads];
        this.requestedAt = new double[threads];
        this.borrowedAt = new double[threads];
        for (int i = 0; i < threads; i++) {
            thinkLeft[i] = think();
            workLeft[i] = -1;
        }
    }

    private double think() {
        return thinkMillis == 0 ? 0 : -thinkMillis * Math.log(1 - random.nextDouble());
    }

    /** Advances the simulation by {@code millis}. */
    void run(double millis) {
        double end = nowMillis + millis;
        while (nowMillis < end) {
            step();
        }
    }

    private void step() {
        double speed = active == 0 ? 0 : Math.min(1.0, (double) cores / active)
                / (1 + contention * Math.max(0, active - cores));
        for (int i = 0; i < thinkLeft.length; i++) {
            if (workLeft[i] >= 0) {
                workLeft[i] -= DT_MILLIS * speed;
                if (workLeft[i] <= 0) {
                    finish(i);
                }
            } else if (thinkLeft[i] >= 0) {
                thinkLeft[i] -= DT_MILLIS;
                if (thinkLeft[i] <= 0) {
                    thinkLeft[i] = -1;
                    requestedAt[i] = nowMillis;
                    waiting.add(i);
                }
            }
        }
        while (active < poolSize && !waiting.isEmpty()) {
            int i = waiting.poll();
            active++;
            acquisitions++;
            acquireMillis += nowMillis - requestedAt[i];
            borrowedAt[i] = nowMillis;
            workLeft[i] = workMillis;
        }
        nowMillis += DT_MILLIS;
    }

    private void finish(int i) {
        workLeft[i] = -1;
        active--;
        usages++;
        usageMillis += nowMillis - borrowedAt[i];
        if (latencyCount == latencies.length) {
            latencies = Arrays.copyOf(latencies, latencies.length * 2);
        }
        latencies[latencyCount++] = nowMillis - requestedAt[i];
        thinkLeft[i] = think();
    }

    /** Forgets the latencies recorded so far (after a warm-up). */
    void resetLatencies() {
        latencyCount = 0;
    }

    double percentile(double p) {
        double[] sorted = Arrays.copyOf(latencies, latencyCount);
        Arrays.sort(sorted);
        return sorted.length == 0 ? Double.NaN : sorted[(int) Math.min(sorted.length - 1, p * sorted.length)];
    }

    double throughputPerSecond(double millis) {
        return latencyCount / (millis / 1000);
    }

    long nowNanos() {
        return (long) (nowMillis * 1_000_000);
    }

    int poolSize() {
        return poolSize;
    }

    @Override
    public PoolSnapshot sample() {
        return new PoolSnapshot(active, poolSize - active, poolSize, waiting.size(), poolSize, 1, true,
                acquisitions, (long) (acquireMillis * 1e6), usages, (long) (usageMillis * 1e6), 0);
    }

    @Override
    public void resize(int maximumPoolSize, int minimumIdle) {
        this.poolSize = maximumPoolSize;
    }
}
