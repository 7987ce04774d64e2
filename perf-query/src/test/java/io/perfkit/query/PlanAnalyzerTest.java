package io.perfkit.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perfkit.core.Finding;
import io.perfkit.core.FindingKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PlanAnalyzer on plans shaped like PostgreSQL 15's EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) output. */
class PlanAnalyzerTest {
    private static final Fingerprint FP = Fingerprint.of("SELECT * FROM orders WHERE status = ? AND total > ?");

    private static List<Finding> analyze(String planJson) {
        return PlanAnalyzer.defaults().analyze(QueryPlan.parse(FP, "[{\"Plan\": " + planJson
                + ", \"Execution Time\": 812.5}]", true));
    }

    @Test
    void seqScanRemovingManyRows_suggestsIndex_equalityThenRangeThenSort() {
        List<Finding> findings = analyze("{\"Node Type\": \"Sort\", \"Sort Key\": [\"created_at DESC\"],"
                + " \"Actual Rows\": 10, \"Actual Loops\": 1, \"Plan Rows\": 12, \"Plans\": [{\"Node Type\": \"Seq Scan\","
                + " \"Parent Relationship\": \"Outer\", \"Relation Name\": \"orders\","
                + " \"Filter\": \"((total > '100'::numeric) AND ((status)::text = 'NEW'::text))\","
                + " \"Rows Removed by Filter\": 199990, \"Actual Rows\": 10, \"Actual Loops\": 1, \"Plan Rows\": 12}]}");
        assertThat(findings).extracting(Finding::kind).contains(FindingKind.SEQ_SCAN, FindingKind.MISSING_INDEX);
        Finding index = findings.stream().filter(f -> f.kind() == FindingKind.MISSING_INDEX).findFirst().orElseThrow();
        assertThat(index.suggestion()).contains(
                "CREATE INDEX CONCURRENTLY idx_orders_status_total_created_at ON orders (status, total, created_at)");
        assertThat(index.subject()).isEqualTo(FP.id());
    }

    @Test
    void seqScanKeepingMostRows_isNotAFinding() {
        assertThat(analyze("{\"Node Type\": \"Seq Scan\", \"Relation Name\": \"orders\", \"Filter\": \"(a = 1)\","
                + " \"Rows Removed by Filter\": 20000, \"Actual Rows\": 180000, \"Actual Loops\": 1, \"Plan Rows\": 180000}"))
                .isEmpty();
    }

    @Test
    void filterWithOr_getsSeqScanButNoIndexSuggestion() {
        assertThat(analyze("{\"Node Type\": \"Seq Scan\", \"Relation Name\": \"orders\","
                + " \"Filter\": \"((a = 1) OR (b = 2))\", \"Rows Removed by Filter\": 200000, \"Actual Rows\": 5,"
                + " \"Actual Loops\": 1, \"Plan Rows\": 5}"))
                .extracting(Finding::kind).containsExactly(FindingKind.SEQ_SCAN);
    }

    @Test
    void quotedAndMixedCaseColumns_areQuotedInTheSuggestion() {
        assertThat(PlanAnalyzer.createIndex("", "Order Lines", List.of("\"OrderId\"", "qty")))
                .isEqualTo("CREATE INDEX CONCURRENTLY idx_orderlines_orderid_qty ON \"Order Lines\" (\"OrderId\", qty)");
    }

    @Test
    void sortSpill_nestedLoop_misestimate_heapFetches() {
        List<Finding> findings = analyze("{\"Node Type\": \"Nested Loop\", \"Actual Rows\": 50000, \"Actual Loops\": 1,"
                + " \"Plan Rows\": 50, \"Plans\": [{\"Node Type\": \"Sort\", \"Parent Relationship\": \"Outer\","
                + " \"Sort Space Type\": \"Disk\", \"Sort Space Used\": 20480, \"Sort Method\": \"external merge\","
                + " \"Actual Rows\": 5000, \"Actual Loops\": 1, \"Plan Rows\": 5000}, {\"Node Type\": \"Index Only Scan\","
                + " \"Parent Relationship\": \"Inner\", \"Relation Name\": \"items\", \"Heap Fetches\": 40000,"
                + " \"Actual Rows\": 10, \"Actual Loops\": 5000, \"Plan Rows\": 10}]}");
        assertThat(findings).extracting(Finding::kind).contains(FindingKind.SORT_SPILL, FindingKind.NESTED_LOOP,
                FindingKind.HEAP_FETCHES);
        assertThat(findings).filteredOn(f -> f.kind() == FindingKind.SORT_SPILL).singleElement()
                .satisfies(f -> assertThat(f.suggestion()).get().asString().contains("work_mem = '40MB'"));
        assertThat(findings).filteredOn(f -> f.kind() == FindingKind.HEAP_FETCHES).singleElement()
                .satisfies(f -> assertThat(f.suggestion()).get().asString().startsWith("VACUUM (ANALYZE) items"));
    }

    @Test
    void rowMisestimate_suggestsAnalyze() {
        assertThat(analyze("{\"Node Type\": \"Index Scan\", \"Relation Name\": \"orders\", \"Actual Rows\": 90000,"
                + " \"Actual Loops\": 1, \"Plan Rows\": 100}"))
                .filteredOn(f -> f.kind() == FindingKind.ROW_MISESTIMATE).singleElement()
                .satisfies(f -> assertThat(f.suggestion()).contains("ANALYZE orders;"));
    }

    @Test
    void bufferReads_mostlyFromDisk() {
        assertThat(analyze("{\"Node Type\": \"Seq Scan\", \"Relation Name\": \"orders\", \"Actual Rows\": 100,"
                + " \"Actual Loops\": 1, \"Plan Rows\": 100, \"Shared Hit Blocks\": 100, \"Shared Read Blocks\": 50000}"))
                .extracting(Finding::kind).contains(FindingKind.BUFFER_READS);
    }

    @Test
    void parse_redactsLiteralsInConditions_unlessRevealed() {
        String json = "[{\"Plan\": {\"Node Type\": \"Index Scan\", \"Relation Name\": \"users\","
                + " \"Index Cond\": \"(email = 'jane@example.com'::text)\", \"Filter\": \"(age > 42)\"}}]";
        QueryPlan redacted = QueryPlan.parse(FP, json, true);
        assertThat(redacted.json()).doesNotContain("jane@example.com").doesNotContain("42")
                .contains("(email = ?::text)").contains("(age > ?)");
        assertThat(QueryPlan.parse(FP, json, false).json()).contains("jane@example.com");
        assertThat(redacted.isAnalyzed()).isFalse();
    }

    @Test
    void planHash_ignoresCostsAndValues_butNotTheChosenIndex() {
        String seq = "[{\"Plan\": {\"Node Type\": \"Seq Scan\", \"Relation Name\": \"t\", \"Total Cost\": %s}}]";
        String idx = "[{\"Plan\": {\"Node Type\": \"Index Scan\", \"Relation Name\": \"t\", \"Index Name\": \"i\"}}]";
        assertThat(QueryPlan.parse(FP, String.format(seq, 10), true).planHash())
                .isEqualTo(QueryPlan.parse(FP, String.format(seq, 99), true).planHash())
                .isNotEqualTo(QueryPlan.parse(FP, idx, true).planHash());
    }

    @Test
    void parse_rejectsWhatIsNotAPlan() {
        assertThatThrownBy(() -> QueryPlan.parse(FP, "{\"x\": 1}", true)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Plan");
        assertThatThrownBy(() -> QueryPlan.parse(FP, "not json", true)).isInstanceOf(IllegalArgumentException.class);
    }
}
