package io.perfkit.examples.loadtest;

import io.perfkit.core.Finding;
import io.perfkit.examples.bookstore.BookstoreService;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Prints a run's results as plain-text tables, one per endpoint, and the findings of the naive runs. */
public final class TextReport {
    private TextReport() {}

    /**
     * Prints the report.
     *
     * @param summary the run
     * @param out where to print
     */
    public static void print(RunSummary summary, PrintStream out) {
        out.println();
        out.printf(Locale.ROOT, "Results: %d clients, %d s per phase after %d s of warm-up. %s%n",
                summary.settings().clients(), summary.settings().duration().toSeconds(),
                summary.settings().warmup().toSeconds(), summary.data());
        for (ScenarioResult r : summary.results()) {
            if (r.naive() == null || r.tuned() == null) {
                continue;
            }
            out.println();
            out.println(r.scenario().route().label() + "  (" + r.scenario().id() + ")");
            out.println("  naive: " + r.scenario().problem());
            out.println("  tuned: " + r.scenario().cure());
            out.printf(Locale.ROOT, "  %-22s %12s %12s %9s%n", "", "naive", "tuned", "tuned is");
            for (Table.Row row : Table.rows(r.naive(), r.tuned())) {
                out.printf(Locale.ROOT, "  %-22s %12s %12s %9s%n", row.label(), row.naive(), row.tuned(), row.ratio());
            }
        }
        out.println();
        List<Finding> naive = summary.results().stream().flatMap(r -> r.naiveFindings().stream())
                .sorted(java.util.Comparator.comparing(Finding::kind)).toList();
        long tuned = summary.results().stream().mapToLong(r -> r.tunedFindings().size()).sum();
        out.printf(Locale.ROOT, "Findings made during the naive runs: %d (tuned runs: %d). Requests over the budget of"
                + " %d statements are counted in the tables.%n", naive.size(), tuned,
                BookstoreService.DEFAULT_MAX_QUERIES_PER_REQUEST);
        for (Finding f : naive) {
            out.println("  - [" + f.kind() + "] " + f.message());
            out.println("      statement: " + abbreviate(f.subject(), 150));
            f.callSite().ifPresent(site -> out.println("      at " + site));
            f.suggestion().ifPresent(s -> out.println("      fix: " + s));
        }
        if (naive.isEmpty()) {
            out.println("  (none)");
        }
    }

    static String abbreviate(String s, int max) {
        String one = s.replaceAll("\\s+", " ");
        return one.length() <= max ? one : one.substring(0, max - 3) + "...";
    }

    static String evidence(Map<String, Object> evidence) {
        StringBuilder sb = new StringBuilder();
        evidence.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append('=')
                .append(v instanceof Double ? String.format(Locale.ROOT, "%.1f", (Double) v) : v));
        return sb.toString();
    }
}
