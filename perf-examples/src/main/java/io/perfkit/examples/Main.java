package io.perfkit.examples;

import io.perfkit.core.CollectingFindingSink;
import io.perfkit.core.FindingSink;
import io.perfkit.examples.bookstore.BookstoreService;
import io.perfkit.examples.bookstore.Mode;
import io.perfkit.examples.bookstore.Seeder;
import io.perfkit.examples.loadtest.HtmlReport;
import io.perfkit.examples.loadtest.LoadDriver;
import io.perfkit.examples.loadtest.RunSummary;
import io.perfkit.examples.loadtest.Scenario;
import io.perfkit.examples.loadtest.ScenarioResult;
import io.perfkit.examples.loadtest.Scenarios;
import io.perfkit.examples.loadtest.TextReport;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/**
 * The README's first command: starts PostgreSQL and Redis (embedded ones unless URLs are given), seeds the
 * bookstore, starts the service, drives each endpoint naive then tuned with concurrent clients, prints the
 * comparison with the findings perfkit made, writes a self-contained HTML report under {@code target/} and stops
 * everything.
 *
 * <pre>{@code
 * ./mvnw -B -q -pl perf-examples -am -DskipTests package exec:java
 * ./mvnw -B -q -pl perf-examples -am -DskipTests package exec:java -Dexec.args="--scale 0.1 --duration 4"
 * ./mvnw -B -q -pl perf-examples -am -DskipTests package exec:java -Dexec.args="--serve --port 8080"
 * }</pre>
 */
public final class Main {
    private Main() {}

    /**
     * Runs the example; see {@code --help}.
     *
     * @param args the options
     * @throws Exception when the run fails (the message names the cause)
     */
    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("perf-examples: " + e.getMessage());
            System.err.println(Options.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.println(Options.USAGE);
            return;
        }
        run(options, System.out);
    }

    static void run(Options options, PrintStream out) throws Exception {
        // jOOQ prints a banner and a tip on first use; this command's output is the report.
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        Instant startedAt = Instant.now();
        long t0 = System.nanoTime();
        out.println("perfkit example: the bookstore service, naive vs tuned");
        try (Servers servers = Servers.resolve(options.pgUrl(), options.redisUrl(), out)) {
            Thread hook = new Thread(servers::close, "perf-examples-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            out.println("Servers: " + servers.description());
            out.printf(Locale.ROOT, "Seeding %,d books, %,d users, %,d orders (reused when already there) ...%n",
                    options.plan().books(), options.plan().users(), options.plan().orders());
            CollectingFindingSink findings = FindingSink.collecting();
            try (BookstoreService service = BookstoreService.builder()
                    .jdbcUrl(servers.jdbcUrl())
                    .redisUri(servers.redisUri())
                    .port(options.port())
                    .seed(options.plan())
                    .findingSink(findings)
                    .start()) {
                Seeder.Result seed = service.seedResult();
                String data = describeData(options, seed);
                out.println(data);
                out.println("Service: " + service.uri() + " (metrics at " + service.uri().resolve("metrics") + ")");
                if (options.serve()) {
                    serve(service, out);
                    return;
                }
                LoadDriver.Settings settings = new LoadDriver.Settings(options.clients(), options.warmup(),
                        options.duration());
                List<Scenario> scenarios = Scenarios.select(Scenarios.all(options.plan()), options.endpoints());
                out.printf(Locale.ROOT, "Driving %d endpoint(s) with %d clients: %.0f s warm-up + %.0f s measured,"
                        + " naive then tuned ...%n", scenarios.size(), options.clients(),
                        options.warmup().toMillis() / 1000.0, options.duration().toMillis() / 1000.0);
                LoadDriver driver = new LoadDriver(service.uri(), service.scopeStats(), findings, settings, out);
                List<ScenarioResult> results = driver.run(scenarios);
                RunSummary summary = new RunSummary(startedAt, environment(servers), settings, data, results);
                TextReport.print(summary, out);
                Path report = HtmlReport.write(summary, options.reportDir().resolve("bookstore-report.html"));
                out.println();
                out.println("HTML report: " + report.toAbsolutePath().normalize().toUri());
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException e) {
                    // Already shutting down: the hook runs.
                }
            }
        }
        out.printf(Locale.ROOT, "Done in %.0f s.%n", (System.nanoTime() - t0) / 1e9);
    }

    private static String describeData(Options options, Seeder.Result seed) {
        String sizes = String.format(Locale.ROOT, "Data: %,d books, %,d authors, %,d users, %,d orders",
                options.plan().books(), options.plan().authors(), options.plan().users(), options.plan().orders());
        if (seed == null) {
            return sizes + ".";
        }
        return seed.reused() ? sizes + " (reused from an earlier run)."
                : String.format(Locale.ROOT, "%s (%,d rows seeded in %.1f s).", sizes, seed.rows(),
                        seed.elapsed().toMillis() / 1000.0);
    }

    private static List<String> environment(Servers servers) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "Machine: %d CPU(s), %s %s; JVM %s %s, max heap %d MB",
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"),
                System.getProperty("os.arch"), System.getProperty("java.vm.name"), System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() / (1024 * 1024)));
        lines.add("Servers: " + servers.description() + "; the load generator runs in the same JVM as the service.");
        lines.add("Tuned and naive use the same pool (HikariCP, " + BookstoreService.DEFAULT_POOL_SIZE
                + " connections) and the same data; the mode is chosen per request (?mode=naive|tuned).");
        return lines;
    }

    private static void serve(BookstoreService service, PrintStream out) throws InterruptedException {
        out.println("Try:");
        for (Mode mode : Mode.values()) {
            out.println("  curl '" + service.uri() + "users/42/orders?mode=" + mode.label() + "'");
        }
        out.println("  curl '" + service.uri() + "books/search?q=the%20sil&mode=tuned'");
        out.println("  curl '" + service.uri() + "books?page=1000&mode=naive'");
        out.println("  curl '" + service.uri() + "books/7?mode=tuned'");
        out.println("  curl --compressed '" + service.uri() + "catalog?genre=Fantasy&mode=tuned'");
        out.println("Serving until interrupted (Ctrl-C).");
        CountDownLatch forever = new CountDownLatch(1);
        forever.await();
    }
}
