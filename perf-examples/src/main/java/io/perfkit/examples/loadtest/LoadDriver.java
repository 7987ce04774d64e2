package io.perfkit.examples.loadtest;

import io.perfkit.core.CollectingFindingSink;
import io.perfkit.core.Finding;
import io.perfkit.examples.bookstore.Mode;
import io.perfkit.examples.bookstore.ScopeStats;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.HdrHistogram.Histogram;

/**
 * Drives scenarios with a closed loop of concurrent clients: each client sends a request, waits for the whole
 * response, records its latency (HdrHistogram, microseconds) and sends the next, until the phase's time is up. A
 * warm-up precedes each measured phase (JIT, pool, caches, plan cache) and is not recorded. A progress line is
 * rewritten every half second.
 */
public final class LoadDriver {
    private static final long MAX_LATENCY_MICROS = Duration.ofSeconds(60).toNanos() / 1000;

    private final URI base;
    private final ScopeStats stats;
    private final CollectingFindingSink findings;
    private final Settings settings;
    private final PrintStream progress;
    private final HttpClient http;

    /**
     * How hard and how long to drive.
     *
     * @param clients concurrent clients, at least 1
     * @param warmup un-recorded time before each phase
     * @param duration recorded time of each phase
     */
    public record Settings(int clients, Duration warmup, Duration duration) {
        /**
         * Validates the settings.
         *
         * @throws IllegalArgumentException naming the setting out of range
         */
        public Settings {
            if (clients < 1 || clients > 1024) {
                throw new IllegalArgumentException("clients must be from 1 to 1024, but was " + clients);
            }
            if (warmup.isNegative()) {
                throw new IllegalArgumentException("warmup must not be negative, but was " + warmup);
            }
            if (duration.compareTo(Duration.ofMillis(100)) < 0) {
                throw new IllegalArgumentException("duration must be at least 100 ms, but was " + duration);
            }
        }
    }

    /**
     * Creates a driver.
     *
     * @param base the service's base URI
     * @param stats the service's scope statistics, read before and after each phase
     * @param findings the sink the service publishes findings to, read before and after each phase
     * @param settings clients and times
     * @param progress where the progress line goes
     */
    public LoadDriver(URI base, ScopeStats stats, CollectingFindingSink findings, Settings settings,
            PrintStream progress) {
        this.base = base;
        this.stats = stats;
        this.findings = findings;
        this.settings = settings;
        this.progress = progress;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                // Complete responses on the client's selector thread instead of handing each one to a pool
                // thread: the clients share the service's cores, and every hand-off is CPU the service loses
                // (in A/B runs on 2 cores the tuned endpoints served 12-60 % more requests with it).
                .executor(Runnable::run)
                .build();
    }

    /**
     * Runs each scenario naive, then tuned.
     *
     * @param scenarios the scenarios
     * @return the results, in order
     * @throws InterruptedException if interrupted
     */
    public List<ScenarioResult> run(List<Scenario> scenarios) throws InterruptedException {
        List<ScenarioResult> results = new ArrayList<>();
        for (Scenario s : scenarios) {
            int before = findings.findings().size();
            PhaseResult naive = phase(s, Mode.NAIVE);
            int middle = findings.findings().size();
            PhaseResult tuned = phase(s, Mode.TUNED);
            List<Finding> all = findings.findings();
            results.add(new ScenarioResult(s, naive, tuned, all.subList(before, middle),
                    all.subList(middle, all.size())));
        }
        return results;
    }

    /**
     * Runs one scenario in one mode: warm-up, then the measured phase.
     *
     * @param scenario the scenario
     * @param mode the mode
     * @return what was measured
     * @throws InterruptedException if interrupted
     */
    public PhaseResult phase(Scenario scenario, Mode mode) throws InterruptedException {
        String label = String.format(Locale.ROOT, "%-8s %-5s", scenario.id(), mode.label());
        if (!settings.warmup().isZero()) {
            drive(scenario, mode, settings.warmup(), label + " warm-up", false);
        }
        ScopeStats.Totals start = stats.snapshot(scenario.route(), mode);
        PhaseResult measured = drive(scenario, mode, settings.duration(), label, true);
        ScopeStats.Totals scopes = stats.snapshot(scenario.route(), mode).minus(start);
        return new PhaseResult(mode, measured.elapsedNanos(), measured.requests(), measured.errors(),
                measured.notModified(), measured.bodyBytes(), measured.latency(), measured.perSecond(), scopes);
    }

    private PhaseResult drive(Scenario scenario, Mode mode, Duration length, String label, boolean show)
            throws InterruptedException {
        int seconds = (int) Math.max(1, (length.toMillis() + 999) / 1000);
        AtomicLongArray perSecond = new AtomicLongArray(seconds);
        AtomicLong requests = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicLong notModified = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        List<Histogram> histograms = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        long end = start + length.toNanos();
        for (int i = 0; i < settings.clients(); i++) {
            Histogram h = new Histogram(MAX_LATENCY_MICROS, 3);
            histograms.add(h);
            Scenario.Client client = new Scenario.Client(31L * i + mode.ordinal() + 17);
            Thread t = new Thread(() -> {
                while (System.nanoTime() < end) {
                    HttpRequest request = scenario.next(base, mode, client);
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                        long t1 = System.nanoTime();
                        h.recordValue(Math.min(MAX_LATENCY_MICROS, Math.max(1, (t1 - t0) / 1000)));
                        requests.incrementAndGet();
                        bytes.addAndGet(response.body().length);
                        int status = response.statusCode();
                        if (status == 304) {
                            notModified.incrementAndGet();
                        } else if (status < 200 || status > 299) {
                            errors.incrementAndGet();
                        }
                        scenario.onResponse(mode, client, request, response);
                        int second = (int) ((t1 - start) / 1_000_000_000L);
                        if (second < seconds) {
                            perSecond.incrementAndGet(second);
                        }
                    } catch (IOException e) {
                        errors.incrementAndGet();
                        requests.incrementAndGet();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }, "load-" + scenario.id() + "-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        while (System.nanoTime() < end) {
            Thread.sleep(Math.max(1, Math.min(500, (end - System.nanoTime()) / 1_000_000)));
            long elapsed = System.nanoTime() - start;
            long n = requests.get();
            progress.printf(Locale.ROOT, "\r  %-22s %5.1f/%.0f s %8d requests %9.1f req/s %6d errors   ", label,
                    Math.min(elapsed, length.toNanos()) / 1e9, length.toNanos() / 1e9, n,
                    n * 1e9 / Math.max(1, elapsed), errors.get());
            progress.flush();
        }
        for (Thread t : threads) {
            t.join();
        }
        long elapsed = System.nanoTime() - start;
        Histogram merged = new Histogram(MAX_LATENCY_MICROS, 3);
        for (Histogram h : histograms) {
            merged.add(h);
        }
        if (show) {
            progress.printf(Locale.ROOT, "\r  %-22s %8d requests %9.1f req/s  p50 %7.2f ms  p95 %7.2f ms  p99 %7.2f ms"
                    + "  %d errors%n", label, requests.get(), requests.get() * 1e9 / elapsed,
                    merged.getValueAtPercentile(50) / 1000.0, merged.getValueAtPercentile(95) / 1000.0,
                    merged.getValueAtPercentile(99) / 1000.0, errors.get());
        } else {
            progress.print("\r" + " ".repeat(100) + "\r");
        }
        long[] counts = new long[seconds];
        for (int i = 0; i < seconds; i++) {
            counts[i] = perSecond.get(i);
        }
        return new PhaseResult(mode, elapsed, requests.get(), errors.get(), notModified.get(), bytes.get(), merged,
                counts, new ScopeStats.Totals(0, 0, 0, 0, 0, 0, 0));
    }
}
