package io.perfkit.examples.loadtest;

import java.util.ArrayList;
import java.util.List;

/**
 * The comparison table of one scenario: one row per figure, columns naive, tuned and how many times better tuned
 * is. Shared by the text and HTML reports so both show the same numbers.
 */
final class Table {
    /**
     * One row.
     *
     * @param label the figure
     * @param naive its naive value, formatted
     * @param tuned its tuned value, formatted
     * @param ratio how many times better tuned is, formatted
     */
    record Row(String label, String naive, String tuned, String ratio) {}

    private Table() {}

    static List<Row> rows(PhaseResult n, PhaseResult t) {
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("requests/s", Format.rate(n.throughput()), Format.rate(t.throughput()),
                Format.ratio(n.throughput(), t.throughput(), true)));
        for (double p : new double[] {50, 95, 99}) {
            rows.add(new Row("p" + (int) p + " ms", Format.millis(n.percentileMillis(p)),
                    Format.millis(t.percentileMillis(p)),
                    Format.ratio(n.percentileMillis(p), t.percentileMillis(p), false)));
        }
        rows.add(new Row("queries/request", Format.decimal(n.scopes().queriesPerRequest()),
                Format.decimal(t.scopes().queriesPerRequest()),
                Format.ratio(n.scopes().queriesPerRequest(), t.scopes().queriesPerRequest(), false)));
        rows.add(new Row("db ms/request", Format.millis(dbMillis(n)), Format.millis(dbMillis(t)),
                Format.ratio(dbMillis(n), dbMillis(t), false)));
        rows.add(new Row("cache hit rate", Format.percent(n.scopes().cacheHitRate()),
                Format.percent(t.scopes().cacheHitRate()), ""));
        rows.add(new Row("bytes/response", Format.bytes(n.bytesPerResponse()), Format.bytes(t.bytesPerResponse()),
                Format.ratio(n.bytesPerResponse(), t.bytesPerResponse(), false)));
        rows.add(new Row("304 Not Modified", Long.toString(n.notModified()), Long.toString(t.notModified()), ""));
        rows.add(new Row("requests over budget", share(n.scopes().overBudget(), n.scopes().requests()),
                share(t.scopes().overBudget(), t.scopes().requests()), ""));
        rows.add(new Row("errors", Long.toString(n.errors()), Long.toString(t.errors()), ""));
        return rows;
    }

    private static double dbMillis(PhaseResult r) {
        return r.scopes().requests() == 0 ? 0 : r.scopes().databaseNanos() / 1e6 / r.scopes().requests();
    }

    private static String share(long part, long whole) {
        return whole == 0 ? "-" : Format.percent((double) part / whole);
    }
}
