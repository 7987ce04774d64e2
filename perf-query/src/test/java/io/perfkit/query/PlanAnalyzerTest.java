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
                + " \"Actual Rows\": 10, \"Actual Loops\": 1, \"Plan Rows\": 12,"
                + " \"Plans\": [{\"Node Type\": \"Seq Scan\","
                + " \"Parent Relationship\": \"Outer\", \"Relation Name\": \"orders\","
                + " \"Filter\": \"((total > '100'::numeric) AND ((status)::text = 'NEW'::text))\","
                + " \"Rows Removed by Filter\": 199990, \"Actual Rows\": 10, \"Actual Loops\": 1,"
                + " \"Plan Rows\": 12}]}");
        assertThat(findings).extracting(Finding::kind).contains(FindingKind.SEQ_SCAN, FindingKind.MISSING_INDEX);
        Finding index = findings.stream().filter(f -> f.kind() == FindingKind.MISSING_INDEX).findFirst().orElseThrow();
        assertThat(index.suggestion()).contains(
                "CREATE INDEX CONCURRENTLY idx_orders_status_total_created_at ON orders (status, total, created_at)");
        assertThat(index.subject()).isEqualTo(FP.id());
    }

    @Test
    void seqScanKeepingMostRows_isNotAFinding() {
        assertThat(analyze("{\"Node Type\": \"Seq Scan\", \"Relation Name\": \"orders\", \"Filter\": \"(a = 1)\","
                + " \"Rows Removed by Filter\": 20000, \"Actual Rows\": 180000, \"Actual Loops\": 1,"
                + " \"Plan Rows\": 180000}"))
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
                .isEqualTo("CREATE INDEX CONCURRENTLY idx_orderlines_orderid_qty"
                        + " ON \"Order Lines\" (\"OrderId\", qty)");
    }

    @Test
    void sortSpill_nestedLoop_misestimate_heapFetches() {
        List<Finding> findings = analyze("{\"Node Type\": \"Nested Loop\", \"Actual Rows\": 50000, \"Actual Loops\": 1,"
                + " \"Plan Rows\": 50, \"Plans\": [{\"Node Type\": \"Sort\", \"Parent Relationship\": \"Outer\","
                + " \"Sort Space Type\": \"Disk\", \"Sort Space Used\": 20480, \"Sort Method\": \"external merge\","
                + " \"Actual Rows\": 5000, \"Actual Loops\": 1, \"Plan Rows\": 5000},"
                + " {\"Node Type\": \"Index Only Scan\","
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
                + " \"Actual Loops\": 1, \"Plan Rows\": 100, \"Shared Hit Blocks\": 100,"
                + " \"Shared Read Blocks\": 50000}"))
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

    /**
     * A Seq Scan node as PostgreSQL 15 prints it for EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON), with the given
     * filter.
     */
    private static String likeScan(String relation, String filterJson) {
        return "[{\"Plan\": {\"Node Type\": \"Seq Scan\", \"Parallel Aware\": false, \"Async Capable\": false,"
                + " \"Relation Name\": \"" + relation + "\", \"Schema\": \"public\", \"Alias\": \"" + relation + "\","
                + " \"Startup Cost\": 0.00, \"Total Cost\": 896.00, \"Plan Rows\": 1010, \"Plan Width\": 14,"
                + " \"Actual Startup Time\": 0.012, \"Actual Total Time\": 25.172, \"Actual Rows\": 1111,"
                + " \"Actual Loops\": 1, \"Filter\": " + filterJson + ", \"Rows Removed by Filter\": 48889,"
                + " \"Shared Hit Blocks\": 271, \"Shared Read Blocks\": 0}, \"Planning Time\": 0.242,"
                + " \"Triggers\": [], \"Execution Time\": 25.226}]";
    }

    private static List<Finding> analyzeLike(String relation, String filterJson, boolean redact) {
        return PlanAnalyzer.defaults().analyze(QueryPlan.parse(FP, likeScan(relation, filterJson), redact));
    }

    private static Finding missingIndex(String relation, String filterJson) {
        List<Finding> findings = analyzeLike(relation, filterJson, true);
        assertThat(findings).extracting(Finding::kind).contains(FindingKind.SEQ_SCAN);
        return findings.stream().filter(f -> f.kind() == FindingKind.MISSING_INDEX).findFirst().orElseThrow();
    }

    private static String suggestion(Finding f) {
        return f.suggestion().orElseThrow();
    }

    @Test
    void unanchoredIlike_suggestsTrigramGinIndex_afterTheExtension_withoutThePattern() {
        Finding f = missingIndex("books", "\"(title ~~* '%ok 12%'::text)\"");
        assertThat(suggestion(f)).endsWith("CREATE EXTENSION IF NOT EXISTS pg_trgm;\n"
                + "CREATE INDEX CONCURRENTLY idx_books_title_trgm ON public.books USING gin (title gin_trgm_ops)")
                .contains("pg_trgm extension must be available");
        assertThat(f.message()).contains("ILIKE").contains("leading wildcard");
        assertThat(f.describe()).doesNotContain("ok 12");
        assertThat(f.evidence()).containsEntry("pattern", "leading wildcard").containsEntry("operator", "ILIKE");
    }

    @Test
    void leftAnchoredLike_onTextColumn_suggestsTextPatternOps_withCollationNote() {
        Finding f = missingIndex("books", "\"(title ~~ 'Book 1%'::text)\"");
        assertThat(suggestion(f)).endsWith(
                "CREATE INDEX CONCURRENTLY idx_books_title_pattern ON public.books (title text_pattern_ops)")
                .contains("only needed when the database collation is not C").doesNotContain("pg_trgm");
        assertThat(f.describe()).doesNotContain("Book 1");
    }

    @Test
    void leftAnchoredLike_onVarcharColumn_suggestsVarcharPatternOps() {
        Finding f = missingIndex("books", "\"((isbn)::text ~~ 'isbn1%'::text)\"");
        assertThat(suggestion(f))
                .endsWith("CREATE INDEX CONCURRENTLY idx_books_isbn_pattern"
                        + " ON public.books (isbn varchar_pattern_ops)");
        assertThat(f.detail()).get().asString().contains("(((isbn)::text) text_pattern_ops)");
    }

    @Test
    void leftAnchoredLike_onLower_suggestsExpressionIndex() {
        assertThat(suggestion(missingIndex("books", "\"(lower(title) ~~ 'book 1%'::text)\"")))
                .endsWith("CREATE INDEX CONCURRENTLY idx_books_lowertitle_pattern ON public.books"
                        + " (lower(title) text_pattern_ops)");
    }

    @Test
    void unanchoredLike_onLower_suggestsTrigramExpressionIndex() {
        assertThat(suggestion(missingIndex("books", "\"(lower(title) ~~ '%x%'::text)\"")))
                .endsWith("USING gin (lower(title) gin_trgm_ops)");
    }

    @Test
    void anchoredIlike_onQuotedColumn_isTrigram_andQuotesTheIdentifiers() {
        assertThat(suggestion(missingIndex("Books", "\"(\\\"Author Name\\\" ~~* 'a1%'::text)\"")))
                .endsWith("CREATE INDEX CONCURRENTLY idx_books_authorname_trgm ON public.\"Books\""
                        + " USING gin (\"Author Name\" gin_trgm_ops)");
    }

    @Test
    void patternAsParameter_ofAGenericPlan_isTrigram() {
        Finding f = missingIndex("books", "\"(title ~~ $1)\"");
        assertThat(suggestion(f)).endsWith("USING gin (title gin_trgm_ops)");
        assertThat(f.message()).contains("pattern unknown until run time");
    }

    @Test
    void prefixLike_withEqualityColumn_putsItFirst_andEscapedQuotesDoNotConfuseTheAnchor() {
        Finding f = missingIndex("books", "\"(((status)::text = 'NEW'::text) AND (title ~~ 'O''Reilly%'::text))\"");
        assertThat(suggestion(f)).endsWith("CREATE INDEX CONCURRENTLY idx_books_status_title_pattern ON public.books"
                + " (status, title text_pattern_ops)");
        assertThat(f.describe()).doesNotContain("Reilly").doesNotContain("NEW");
    }

    @Test
    void notLike_andLikeUnderOr_getNoPatternIndex() {
        assertThat(analyzeLike("books", "\"(title !~~ '%1%'::text)\"", true))
                .extracting(Finding::kind).containsExactly(FindingKind.SEQ_SCAN);
        assertThat(analyzeLike("books", "\"((title ~~ '%1%'::text) OR (id = 5))\"", true))
                .extracting(Finding::kind).containsExactly(FindingKind.SEQ_SCAN);
    }

    @Test
    void operatorTextInsideAnotherLiteral_doesNotShiftTheAnchors() {
        Finding f = missingIndex("books", "\"((note = 'a ~~ ''%b'''::text) AND (title ~~ 'Zeta%'::text))\"");
        assertThat(suggestion(f)).endsWith("(note, title text_pattern_ops)");
        assertThat(f.describe()).doesNotContain("Zeta").doesNotContain("%b");
    }

    @Test
    void unredactedPlan_givesTheSameSuggestion() {
        assertThat(analyzeLike("books", "\"(title ~~ 'Book 1%'::text)\"", false))
                .filteredOn(f -> f.kind() == FindingKind.MISSING_INDEX).singleElement()
                .satisfies(f -> assertThat(suggestion(f)).endsWith("(title text_pattern_ops)"));
    }
}
