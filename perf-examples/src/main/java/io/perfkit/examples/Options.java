package io.perfkit.examples;

import io.perfkit.examples.bookstore.SeedPlan;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The command line of {@link Main}, validated: every bad value is rejected with the option's name.
 *
 * @param pgUrl the PostgreSQL JDBC URL, or null for an embedded PostgreSQL
 * @param redisUrl the Redis URI, or null for an embedded Redis
 * @param plan the data to seed
 * @param clients concurrent clients
 * @param warmup warm-up before each phase
 * @param duration measured time of each phase
 * @param endpoints the scenario ids to run
 * @param reportDir where the HTML report goes
 * @param serve only serve (no load test), until interrupted
 * @param port the port to serve on (0: any free port)
 * @param help print usage and exit
 */
record Options(@Nullable String pgUrl, @Nullable String redisUrl, SeedPlan plan, int clients, Duration warmup,
        Duration duration, List<String> endpoints, Path reportDir, boolean serve, int port, boolean help) {

    static final List<String> ALL_ENDPOINTS = List.of("orders", "search", "listing", "detail", "catalog");
    static final String REPORT_DIR_PROPERTY = "perfkit.examples.reportDir";

    static final String USAGE = String.join("\n",
            "Usage: ./mvnw -B -q -pl perf-examples -am -DskipTests package exec:java [-Dexec.args=\"OPTIONS\"]",
            "",
            "Starts PostgreSQL and Redis (embedded unless URLs are given), seeds the bookstore, starts the service,",
            "drives each endpoint naive then tuned, prints the comparison and writes an HTML report.",
            "",
            "  --pg-url URL       PostgreSQL JDBC URL (env PERFKIT_PG_URL); default: an embedded PostgreSQL",
            "  --redis-url URL    Redis URI (env PERFKIT_REDIS_URL); default: an embedded Redis",
            "  --books N          books to seed (default 100000; authors are one per 10 books)",
            "  --users N          users to seed (default 20000)",
            "  --orders N         orders to seed, 1-5 items each (default 200000)",
            "  --scale F          multiply the three sizes above by F (e.g. 0.1 for a quick run)",
            "  --clients N        concurrent clients (default 32)",
            "  --duration S       measured seconds per endpoint and mode (default 6)",
            "  --warmup S         warm-up seconds before each measured phase (default 2)",
            "  --endpoints LIST   comma-separated subset of " + String.join(",", ALL_ENDPOINTS),
            "  --report-dir DIR   where the HTML report goes (default target/ of perf-examples)",
            "  --serve            only start the service and keep it running (Ctrl-C to stop)",
            "  --port N           port for --serve (default 8080)",
            "  --help             this text");

    static Options parse(String[] args, Map<String, String> env) {
        String pg = blankToNull(env.get("PERFKIT_PG_URL"));
        String redis = blankToNull(env.get("PERFKIT_REDIS_URL"));
        long books = 100_000;
        long users = 20_000;
        long orders = 200_000;
        double scale = 1;
        int clients = 32;
        Duration warmup = Duration.ofSeconds(2);
        Duration duration = Duration.ofSeconds(6);
        List<String> endpoints = ALL_ENDPOINTS;
        String dirProperty = System.getProperty(REPORT_DIR_PROPERTY);
        Path reportDir = Path.of(dirProperty == null || dirProperty.isBlank() ? "target" : dirProperty);
        boolean serve = false;
        Integer port = null;
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            switch (name) {
                case "--serve":
                    serve = true;
                    continue;
                case "--help":
                case "-h":
                    help = true;
                    continue;
                default:
                    break;
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(name + " needs a value (see --help)");
                }
                value = args[++i];
            }
            switch (name) {
                case "--pg-url":
                    if (!value.startsWith("jdbc:postgresql:")) {
                        throw new IllegalArgumentException("--pg-url must start with jdbc:postgresql:, but was "
                                + Servers.redact(value));
                    }
                    pg = value;
                    break;
                case "--redis-url":
                    if (!value.startsWith("redis://") && !value.startsWith("rediss://")) {
                        throw new IllegalArgumentException("--redis-url must start with redis:// or rediss://, but was "
                                + Servers.redact(value));
                    }
                    redis = value;
                    break;
                case "--books":
                    books = positiveLong(name, value);
                    break;
                case "--users":
                    users = positiveLong(name, value);
                    break;
                case "--orders":
                    orders = positiveLong(name, value);
                    break;
                case "--scale":
                    scale = positiveDouble(name, value);
                    break;
                case "--clients":
                    clients = (int) Math.min(Integer.MAX_VALUE, positiveLong(name, value));
                    break;
                case "--duration":
                    duration = Duration.ofMillis((long) (positiveDouble(name, value) * 1000));
                    break;
                case "--warmup":
                    double w = Double.parseDouble(checkNumber(name, value));
                    if (w < 0) {
                        throw new IllegalArgumentException("--warmup must not be negative, but was " + value);
                    }
                    warmup = Duration.ofMillis((long) (w * 1000));
                    break;
                case "--endpoints":
                    endpoints = Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
                    for (String e : endpoints) {
                        if (!ALL_ENDPOINTS.contains(e)) {
                            throw new IllegalArgumentException("--endpoints: unknown '" + e + "'; known: "
                                    + String.join(",", ALL_ENDPOINTS));
                        }
                    }
                    if (endpoints.isEmpty()) {
                        throw new IllegalArgumentException("--endpoints must name at least one endpoint");
                    }
                    break;
                case "--report-dir":
                    reportDir = Path.of(value);
                    break;
                case "--port":
                    long p = Long.parseLong(checkNumber(name, value));
                    if (p < 0 || p > 65535) {
                        throw new IllegalArgumentException("--port must be from 0 to 65535, but was " + value);
                    }
                    port = (int) p;
                    break;
                default:
                    throw new IllegalArgumentException("unknown option " + name + " (see --help)");
            }
        }
        SeedPlan plan = new SeedPlan(Math.max(SeedPlan.BOOKS_PER_AUTHOR, Math.round(books * scale)),
                Math.max(1, Math.round(users * scale)), Math.max(1, Math.round(orders * scale)),
                SeedPlan.DEFAULT_SEED);
        if (clients > 1024) {
            throw new IllegalArgumentException("--clients must be at most 1024, but was " + clients);
        }
        return new Options(pg, redis, plan, clients, warmup, duration, endpoints, reportDir, serve,
                port == null ? (serve ? 8080 : 0) : port, help);
    }

    private static @Nullable String blankToNull(@Nullable String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static String checkNumber(String name, String value) {
        try {
            Double.parseDouble(value);
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, but was '" + value + "'", e);
        }
    }

    private static long positiveLong(String name, String value) {
        long n;
        try {
            n = Long.parseLong(value.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, but was '" + value + "'", e);
        }
        if (n < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, but was " + value);
        }
        return n;
    }

    private static double positiveDouble(String name, String value) {
        double d = Double.parseDouble(checkNumber(name, value));
        if (!(d > 0) || Double.isInfinite(d)) {
            throw new IllegalArgumentException(name + " must be a positive number, but was '" + value + "'");
        }
        return d;
    }
}
