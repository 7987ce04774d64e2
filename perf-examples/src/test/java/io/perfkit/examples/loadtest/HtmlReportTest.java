package io.perfkit.examples.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfkit.core.Finding;
import io.perfkit.core.FindingKind;
import io.perfkit.examples.bookstore.Mode;
import io.perfkit.examples.bookstore.ScopeStats;
import io.perfkit.examples.bookstore.SeedPlan;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {
    private static final Scenario ORDERS = Scenarios.orders(new SeedPlan(100, 10, 10, 1));

    @Test
    void theReportIsSelfContainedWithChartsTablesAndFindings(@TempDir Path dir) throws Exception {
        Path file = HtmlReport.write(summary(), dir.resolve("sub/report.html"));
        String html = Files.readString(file);

        assertThat(html).startsWith("<!DOCTYPE html>").endsWith("</html>\n");
        // Nothing is fetched: no scripts, no stylesheets, fonts or images from anywhere.
        assertThat(html).doesNotContain("<script").doesNotContain("<link").doesNotContain("@import")
                .doesNotContain("url(").doesNotContain("<img");
        Matcher urls = Pattern.compile("https?://[^\"'\\s<]+").matcher(html);
        while (urls.find()) {
            assertThat(urls.group()).isEqualTo("http://www.w3.org/2000/svg");
        }
        // Throughput bars, and per endpoint a latency chart and a timeline.
        assertThat(count(html, "<svg")).isEqualTo(3);
        assertThat(html).contains("GET /users/{id}/orders").contains("requests/s").contains("p99 ms")
                .contains("queries/request").contains("bytes/response");
        // 1000 vs 100 responses in 10 s: 100 vs 10 per second, tuned 10x.
        assertThat(html).contains("<td>requests/s</td><td>10.0</td><td>100</td><td class=\"ratio\">10.0x</td>");
        assertThat(html).contains("<td>queries/request</td><td>41.0</td><td>3.0</td>");
    }

    @Test
    void findingsAreShownWithTheirCallSiteAndSuggestionAndEscaped() {
        String html = HtmlReport.render(summary());
        assertThat(html).contains("N_PLUS_ONE").contains("com.example.Shop.load(Shop.java:42)")
                .contains("Batch it &lt;now&gt;").contains("SELECT * FROM t WHERE a &lt; ? AND b = &#39;x&#39;")
                .doesNotContain("Batch it <now>");
    }

    @Test
    void theTextReportShowsTheSameTableAndTheFindings() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TextReport.print(summary(), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("GET /users/{id}/orders  (orders)").containsPattern("requests/s +10.0 +100 +10.0x")
                .contains("Findings made during the naive runs: 1 (tuned runs: 0)")
                .contains("at com.example.Shop.load(Shop.java:42)");
    }

    @Test
    void ratiosSayHowManyTimesBetterTunedIsWhicheverDirectionIsBetter() {
        assertThat(Format.ratio(10, 100, true)).isEqualTo("10.0x");
        assertThat(Format.ratio(50, 5, false)).isEqualTo("10.0x");
        assertThat(Format.ratio(0, 5, true)).isEqualTo("-");
        assertThat(Format.ratio(5, 0, false)).isEqualTo("-");
        assertThat(Format.bytes(2048)).isEqualTo("2.0 KB");
    }

    private static RunSummary summary() {
        Finding finding = Finding.builder(FindingKind.N_PLUS_ONE, "The same SELECT ran 40 times")
                .subject("SELECT * FROM t WHERE a < ? AND b = 'x'")
                .suggestion("Batch it <now>")
                .evidence("executions", 40)
                .callSite(Optional.of(new StackTraceElement("com.example.Shop", "load", "Shop.java", 42)))
                .build();
        ScenarioResult result = new ScenarioResult(ORDERS, phase(Mode.NAIVE, 100, 41, 20_000),
                phase(Mode.TUNED, 1_000, 3, 2_000), List.of(finding), List.of());
        return new RunSummary(Instant.parse("2026-11-21T16:00:00Z"), List.of("Machine: test"),
                new LoadDriver.Settings(4, Duration.ofSeconds(1), Duration.ofSeconds(10)), "Data: test.",
                List.of(result));
    }

    private static PhaseResult phase(Mode mode, long requests, long queriesPerRequest, long micros) {
        Histogram h = new Histogram(60_000_000L, 3);
        for (long i = 0; i < requests; i++) {
            h.recordValue(micros + i);
        }
        long[] perSecond = new long[10];
        java.util.Arrays.fill(perSecond, requests / 10);
        return new PhaseResult(mode, 10_000_000_000L, requests, 0, 0, requests * 1_000, h, perSecond,
                new ScopeStats.Totals(requests, requests * queriesPerRequest, requests * 1_000_000, 0, 0, 0, 0));
    }

    private static int count(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
