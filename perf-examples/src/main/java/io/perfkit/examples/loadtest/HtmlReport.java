package io.perfkit.examples.loadtest;

import io.perfkit.core.Finding;
import io.perfkit.examples.bookstore.BookstoreService;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Renders a run as one self-contained HTML file: no scripts, no external fonts, styles or images; the charts are
 * inline SVG (latency percentile curves on log axes, throughput per second, and throughput per endpoint).
 */
public final class HtmlReport {
    static final String NAIVE_COLOR = "#c8553d";
    static final String TUNED_COLOR = "#2a7f62";
    private static final double[] PERCENTILE_TICKS = {0, 90, 99, 99.9};

    private HtmlReport() {}

    /**
     * Writes the report.
     *
     * @param summary the run
     * @param file the HTML file to write; parent directories are created
     * @return the file
     * @throws IOException if it cannot be written
     */
    public static Path write(RunSummary summary, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, render(summary), StandardCharsets.UTF_8);
        return file;
    }

    /**
     * Renders the report.
     *
     * @param summary the run
     * @return the HTML document
     */
    public static String render(RunSummary summary) {
        StringBuilder h = new StringBuilder(64 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>perfkit bookstore: naive vs tuned</title><style>")
                .append("body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;")
                .append("margin:0;color:#1d2329;background:#f6f7f9}")
                .append("main{max-width:1100px;margin:0 auto;padding:24px}")
                .append("h1{font-size:26px;margin:0 0 4px}h2{font-size:20px;margin:32px 0 8px}")
                .append("h3{font-size:15px;margin:16px 0 6px}")
                .append(".muted{color:#5b6670}.card{background:#fff;border:1px solid #dde1e6;border-radius:8px;")
                .append("padding:16px 20px;margin:14px 0}")
                .append("table{border-collapse:collapse;font-variant-numeric:tabular-nums}")
                .append("td,th{padding:4px 12px;text-align:right;border-bottom:1px solid #eceff2}")
                .append("th:first-child,td:first-child{text-align:left}th{font-weight:600}")
                .append(".naive{color:").append(NAIVE_COLOR).append("}.tuned{color:").append(TUNED_COLOR).append('}')
                .append(".grid{display:flex;flex-wrap:wrap;gap:16px;align-items:flex-start}")
                .append("code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12.5px}")
                .append("pre{white-space:pre-wrap;background:#f2f4f6;padding:8px;border-radius:4px;margin:6px 0}")
                .append(".kind{display:inline-block;padding:1px 8px;border-radius:10px;background:#fbe9e5;")
                .append("color:").append(NAIVE_COLOR).append(";font-size:12px;font-weight:600;margin-right:6px}")
                .append(".ratio{font-weight:600}svg text{font-family:inherit}")
                .append("</style></head><body><main>\n");
        h.append("<h1>perfkit bookstore: naive vs tuned</h1>");
        h.append("<p class=\"muted\">Run started ").append(esc(summary.startedAt().toString())).append(". ")
                .append(summary.settings().clients()).append(" concurrent clients (closed loop), ")
                .append(summary.settings().duration().toSeconds()).append(" s measured per endpoint and mode after ")
                .append(summary.settings().warmup().toSeconds()).append(" s of warm-up. ")
                .append(esc(summary.data())).append("</p><ul class=\"muted\">");
        for (String line : summary.environment()) {
            h.append("<li>").append(esc(line)).append("</li>");
        }
        h.append("</ul>");

        h.append("<h2>Throughput per endpoint</h2><div class=\"card\">").append(throughputChart(summary.results()))
                .append("</div>");

        for (ScenarioResult r : summary.results()) {
            PhaseResult n = r.naive();
            PhaseResult t = r.tuned();
            if (n == null || t == null) {
                continue;
            }
            h.append("<h2>").append(esc(r.scenario().route().label())).append("</h2><div class=\"card\">");
            h.append("<p><b class=\"naive\">naive</b> ").append(esc(r.scenario().problem())).append("<br>")
                    .append("<b class=\"tuned\">tuned</b> ").append(esc(r.scenario().cure())).append("</p>");
            h.append("<div class=\"grid\"><table><tr><th></th><th class=\"naive\">naive</th>")
                    .append("<th class=\"tuned\">tuned</th><th>tuned is</th></tr>");
            for (Table.Row row : Table.rows(n, t)) {
                h.append("<tr><td>").append(esc(row.label())).append("</td><td>").append(esc(row.naive()))
                        .append("</td><td>").append(esc(row.tuned())).append("</td><td class=\"ratio\">")
                        .append(esc(row.ratio())).append("</td></tr>");
            }
            h.append("</table>").append(latencyChart(n, t)).append(timelineChart(n, t)).append("</div>");
            h.append("<p class=\"muted\">").append(r.naiveFindings().size())
                    .append(" finding(s) during the naive run, ").append(r.tunedFindings().size())
                    .append(" during the tuned run.</p></div>");
        }

        h.append("<h2>Findings during the naive runs</h2>");
        h.append("<p class=\"muted\">What perfkit reported while the naive endpoints ran, with the application's own"
                + " source line and a suggested fix. Each request is also checked against a budget of ")
                .append(BookstoreService.DEFAULT_MAX_QUERIES_PER_REQUEST)
                .append(" statements (the tables count the requests over it).</p>");
        List<Finding> findings = new ArrayList<>();
        summary.results().forEach(r -> findings.addAll(r.naiveFindings()));
        // N+1 first: FindingKind lists the kinds in that order.
        findings.sort(java.util.Comparator.comparing(Finding::kind));
        if (findings.isEmpty()) {
            h.append("<div class=\"card\">No findings.</div>");
        }
        for (Finding f : findings) {
            h.append("<div class=\"card\"><span class=\"kind\">").append(esc(f.kind().name())).append("</span>")
                    .append("<b>").append(esc(f.message())).append("</b> <span class=\"muted\">")
                    .append(esc(f.severity().name().toLowerCase(Locale.ROOT)))
                    .append(f.scopeName().map(s -> " &middot; in " + esc(s)).orElse("")).append("</span>");
            h.append("<pre>").append(esc(summary.describeSubject(f.subject()))).append("</pre>");
            f.callSite().ifPresent(site -> h.append("<div>at <code>").append(esc(site.toString()))
                    .append("</code></div>"));
            if (!f.evidence().isEmpty()) {
                h.append("<div class=\"muted\">").append(esc(TextReport.evidence(f.evidence()))).append("</div>");
            }
            f.suggestion().ifPresent(s -> h.append("<div><b>Fix:</b> ").append(esc(s)).append("</div>"));
            // The detail of a slow query is its captured plan: folded, so the list stays readable.
            f.detail().ifPresent(d -> h.append("<details><summary>Detail</summary><pre>").append(esc(d))
                    .append("</pre></details>"));
            h.append("</div>");
        }
        h.append("<p class=\"muted\">Generated by perf-examples (io.perfkit.examples.Main).</p>"
                + "</main></body></html>\n");
        return h.toString();
    }

    /** Latency by percentile, both axes logarithmic (x: 1/(1-p)), as HdrHistogram's plots draw it. */
    static String latencyChart(PhaseResult naive, PhaseResult tuned) {
        int w = 360;
        int hgt = 240;
        int left = 52;
        int right = 24;
        int top = 24;
        int bottom = 36;
        double maxX = 3; // 99.9 %
        double minMs = Math.max(0.01, Math.min(naive.percentileMillis(0), tuned.percentileMillis(0)));
        double maxMs = Math.max(naive.percentileMillis(99.9), tuned.percentileMillis(99.9));
        double lo = Math.floor(Math.log10(minMs));
        double hi = Math.max(lo + 1, Math.ceil(Math.log10(Math.max(maxMs, minMs * 1.01))));
        StringBuilder s = new StringBuilder();
        s.append(svgOpen(w, hgt, "Latency by percentile"));
        s.append(text(left, 14, "latency (ms, log) by percentile", "start", 12, "#1d2329"));
        for (double d = lo; d <= hi; d++) {
            double y = top + (hi - d) / (hi - lo) * (hgt - top - bottom);
            s.append(line(left, y, w - right, y, "#e3e6ea"));
            s.append(text(left - 6, y + 4, Format.millis(Math.pow(10, d)), "end", 11, "#5b6670"));
        }
        for (double p : PERCENTILE_TICKS) {
            double x = left + xOf(p) / maxX * (w - left - right);
            s.append(line(x, top, x, hgt - bottom, "#e3e6ea"));
            s.append(text(x, hgt - bottom + 16, (p == 0 ? "0" : trim(p)) + "%", "middle", 11, "#5b6670"));
        }
        for (PhaseResult r : List.of(naive, tuned)) {
            StringBuilder pts = new StringBuilder();
            for (int k = 0; k <= 60; k++) {
                double p = 100 * (1 - Math.pow(10, -k / 20.0));
                double ms = Math.max(Math.pow(10, lo), r.percentileMillis(p));
                double x = left + xOf(p) / maxX * (w - left - right);
                double y = top + (hi - Math.log10(ms)) / (hi - lo) * (hgt - top - bottom);
                pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            }
            s.append("<polyline fill=\"none\" stroke-width=\"2.2\" stroke=\"")
                    .append(r.mode().ordinal() == 0 ? NAIVE_COLOR : TUNED_COLOR).append("\" points=\"")
                    .append(pts.toString().trim()).append("\"/>");
        }
        s.append(legend(w - right - 120, hgt - 10));
        return s.append("</svg>").toString();
    }

    private static double xOf(double percentile) {
        return Math.log10(1 / Math.max(1e-3, 1 - percentile / 100));
    }

    /** Responses completed per second over the measured phase. */
    static String timelineChart(PhaseResult naive, PhaseResult tuned) {
        int w = 270;
        int hgt = 240;
        int left = 52;
        int right = 12;
        int top = 24;
        int bottom = 36;
        long max = 1;
        int seconds = Math.max(naive.perSecond().length, tuned.perSecond().length);
        for (PhaseResult r : List.of(naive, tuned)) {
            for (long c : r.perSecond()) {
                max = Math.max(max, c);
            }
        }
        double niceMax = nice(max);
        StringBuilder s = new StringBuilder();
        s.append(svgOpen(w, hgt, "Throughput per second"));
        s.append(text(left, 14, "requests per second over time", "start", 12, "#1d2329"));
        for (int i = 0; i <= 4; i++) {
            double v = niceMax * i / 4;
            double y = top + (1 - v / niceMax) * (hgt - top - bottom);
            s.append(line(left, y, w - right, y, "#e3e6ea"));
            s.append(text(left - 6, y + 4, Format.rate(v), "end", 11, "#5b6670"));
        }
        s.append(text((left + w - right) / 2.0, hgt - bottom + 16, "second of the phase", "middle", 11, "#5b6670"));
        for (PhaseResult r : List.of(naive, tuned)) {
            StringBuilder pts = new StringBuilder();
            long[] c = r.perSecond();
            for (int i = 0; i < c.length; i++) {
                double x = left + (seconds <= 1 ? 0.5 : (double) i / (seconds - 1)) * (w - left - right);
                double y = top + (1 - c[i] / niceMax) * (hgt - top - bottom);
                pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            }
            s.append("<polyline fill=\"none\" stroke-width=\"2.2\" stroke=\"")
                    .append(r.mode().ordinal() == 0 ? NAIVE_COLOR : TUNED_COLOR).append("\" points=\"")
                    .append(pts.toString().trim()).append("\"/>");
        }
        return s.append("</svg>").toString();
    }

    /** Horizontal bars, naive and tuned, per endpoint; each pair scaled to its own maximum. */
    static String throughputChart(List<ScenarioResult> results) {
        int w = 1000;
        int rowH = 46;
        int labelW = 230;
        int valueW = 150;
        List<ScenarioResult> shown = results.stream().filter(r -> r.naive() != null && r.tuned() != null).toList();
        int hgt = 30 + rowH * shown.size();
        StringBuilder s = new StringBuilder(svgOpen(w, hgt, "Throughput per endpoint"));
        s.append(legend(w - 140, 14));
        int y = 28;
        for (ScenarioResult r : shown) {
            PhaseResult n = r.naive();
            PhaseResult t = r.tuned();
            double max = Math.max(1e-9, Math.max(n.throughput(), t.throughput()));
            s.append(text(0, y + 18, r.scenario().route().label(), "start", 13, "#1d2329"));
            int barW = w - labelW - valueW;
            double nw = Math.max(1, n.throughput() / max * barW);
            double tw = Math.max(1, t.throughput() / max * barW);
            s.append(rect(labelW, y, nw, 16, NAIVE_COLOR));
            s.append(text(labelW + nw + 6, y + 13, Format.rate(n.throughput()) + " req/s", "start", 12, "#5b6670"));
            s.append(rect(labelW, y + 19, tw, 16, TUNED_COLOR));
            s.append(text(labelW + tw + 6, y + 32, Format.rate(t.throughput()) + " req/s ("
                    + Format.ratio(n.throughput(), t.throughput(), true) + ")", "start", 12, "#1d2329"));
            y += rowH;
        }
        return s.append("</svg>").toString();
    }

    private static String legend(double x, double y) {
        return rect(x, y - 9, 12, 10, NAIVE_COLOR) + text(x + 16, y, "naive", "start", 12, "#1d2329")
                + rect(x + 62, y - 9, 12, 10, TUNED_COLOR) + text(x + 78, y, "tuned", "start", 12, "#1d2329");
    }

    private static String svgOpen(int w, int h, String title) {
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + w + "\" height=\"" + h + "\" viewBox=\"0 0 " + w
                + " " + h + "\" role=\"img\" aria-label=\"" + esc(title) + "\"><title>" + esc(title) + "</title>";
    }

    private static String line(double x1, double y1, double x2, double y2, String color) {
        return String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>", x1,
                y1, x2, y2, color);
    }

    private static String rect(double x, double y, double w, double h, String color) {
        return String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" rx=\"2\""
                + " fill=\"%s\"/>", x, y, w, h, color);
    }

    private static String text(double x, double y, String value, String anchor, int size, String color) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"%d\""
                + " fill=\"%s\">%s</text>", x, y, anchor, size, color, esc(value));
    }

    private static double nice(double max) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(max)));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (step * magnitude >= max) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static String trim(double p) {
        return p == Math.rint(p) ? Long.toString((long) p) : Double.toString(p);
    }

    /** Escapes text for HTML element content and attribute values. */
    static String esc(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<':
                    sb.append("&lt;");
                    break;
                case '>':
                    sb.append("&gt;");
                    break;
                case '&':
                    sb.append("&amp;");
                    break;
                case '"':
                    sb.append("&quot;");
                    break;
                case '\'':
                    sb.append("&#39;");
                    break;
                default:
                    sb.append(c);
            }
        }
        return sb.toString();
    }
}
