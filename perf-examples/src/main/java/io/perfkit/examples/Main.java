package io.perfkit.examples;

import java.io.PrintStream;

/**
 * The README's first command. The bookstore service and its naive-versus-tuned load test are being built
 * (issue "perf-examples"); until they land, this prints what the command will do, so the command and its
 * promise are visible from the first page.
 */
public final class Main {
    private Main() {}

    /**
     * Prints the plan of the example run.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        print(System.out);
    }

    static void print(PrintStream out) {
        out.println("perfkit example: the bookstore service and its load test");
        out.println();
        out.println("This command will, end to end:");
        out.println("  1. start PostgreSQL and Redis (embedded ones unless --pg-url/--redis-url are given),");
        out.println("  2. create the bookstore schema (authors, books, users, orders, order_items) and seed");
        out.println("     100k books, 20k users and 200k orders with batched writes,");
        out.println("  3. start the service on Jetty 12 with every perfkit module: the wrapped DataSource,");
        out.println("     a WorkScope per request, TieredCache, compression and ETags, the tuned pool,");
        out.println("  4. drive each endpoint in naive and in tuned mode with concurrent clients, and");
        out.println("  5. print p50/p95/p99, throughput, queries per request, cache hit rate and bytes on the");
        out.println("     wire side by side, with the findings perfkit made (N+1 with call sites, slow queries");
        out.println("     with plans and CREATE INDEX suggestions), and write an HTML report under target/.");
        out.println();
        out.println("Status: the service is not built yet; see docs/architecture.md for the modules it will use.");
    }
}
