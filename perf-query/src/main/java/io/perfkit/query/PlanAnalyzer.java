package io.perfkit.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.perfkit.core.Finding;
import io.perfkit.core.FindingKind;
import io.perfkit.core.Require;
import io.perfkit.query.QueryPlan.Node;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads a {@link QueryPlan} the way a senior DBA does and says what to change:
 * <ul>
 *   <li>{@code SEQ_SCAN} and {@code MISSING_INDEX}: a sequential scan that reads many rows to keep few gets a
 *       runnable {@code CREATE INDEX CONCURRENTLY} on the filter's columns, equality columns first, then range
 *       columns, then the columns of a sort right above the scan; for a {@code LIKE}/{@code ILIKE} filter, a
 *       b-tree with {@code text_pattern_ops} for a case-sensitive prefix match ({@code col LIKE 'abc%'}, also on
 *       {@code lower(col)}), otherwise a trigram GIN index ({@code pg_trgm});</li>
 *   <li>{@code SORT_SPILL}: a sort that spilled to disk, with the {@code work_mem} that would keep it in memory;</li>
 *   <li>{@code NESTED_LOOP}: a nested loop whose inner side ran many times;</li>
 *   <li>{@code ROW_MISESTIMATE}: the planner's row estimate off by a large factor, with the {@code ANALYZE} to
 *       run;</li>
 *   <li>{@code BUFFER_READS}: most pages read from disk rather than found in shared buffers;</li>
 *   <li>{@code HEAP_FETCHES}: an index-only scan that still visits the table, with the {@code VACUUM} to run.</li>
 * </ul>
 * Rules that need actual row counts only fire on plans from {@code EXPLAIN ANALYZE}.
 *
 * <pre>{@code
 * List<Finding> findings = PlanAnalyzer.defaults().analyze(plan);
 * findings.forEach(f -> System.out.println(f.describe()));
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class PlanAnalyzer {
    /** Rows a scan must discard (over all its loops) before an index is suggested. */
    public static final long DEFAULT_MIN_ROWS_REMOVED = 10_000;
    /** Loops of a nested loop's inner side that make it a finding. */
    public static final long DEFAULT_MIN_NESTED_LOOPS = 1_000;
    /** How far the estimate may be off (either way) before it is a finding. */
    public static final double DEFAULT_MISESTIMATE_FACTOR = 10;

    private static final PlanAnalyzer DEFAULTS = new PlanAnalyzer(DEFAULT_MIN_ROWS_REMOVED, DEFAULT_MIN_NESTED_LOOPS,
            DEFAULT_MISESTIMATE_FACTOR);

    private final long minRowsRemoved;
    private final long minNestedLoops;
    private final double misestimateFactor;

    private PlanAnalyzer(long minRowsRemoved, long minNestedLoops, double misestimateFactor) {
        this.minRowsRemoved = minRowsRemoved;
        this.minNestedLoops = minNestedLoops;
        this.misestimateFactor = misestimateFactor;
    }

    /** @return the analyzer with the {@code DEFAULT_*} thresholds */
    public static PlanAnalyzer defaults() {
        return DEFAULTS;
    }

    /**
     * Returns an analyzer with other thresholds.
     *
     * @param minRowsRemoved rows a scan must discard before an index is suggested, at least 1
     * @param minNestedLoops inner-side loops that make a nested loop a finding, at least 1
     * @param misestimateFactor factor between estimated and actual rows that is a finding, at least 2
     * @return a new analyzer
     * @throws IllegalArgumentException naming the offending setting
     */
    public static PlanAnalyzer of(long minRowsRemoved, long minNestedLoops, double misestimateFactor) {
        Require.atLeast(minRowsRemoved, 1, "minRowsRemoved");
        Require.atLeast(minNestedLoops, 1, "minNestedLoops");
        Require.argument(misestimateFactor >= 2, "misestimateFactor must be >= 2, but was %s", misestimateFactor);
        return new PlanAnalyzer(minRowsRemoved, minNestedLoops, misestimateFactor);
    }

    /**
     * Analyses a plan.
     *
     * @param plan the plan
     * @return the findings, each with the plan's fingerprint id as subject; empty when the plan looks healthy
     */
    public List<Finding> analyze(QueryPlan plan) {
        Require.nonNull(plan, "plan");
        List<Finding> out = new ArrayList<>();
        Set<String> suggested = new LinkedHashSet<>();
        for (Node node : plan.nodes()) {
            seqScan(plan, node, out, suggested);
            if (plan.isAnalyzed()) {
                sortSpill(plan, node, out);
                nestedLoop(plan, node, out);
                misestimate(plan, node, out);
                heapFetches(plan, node, out);
            }
        }
        if (plan.isAnalyzed()) {
            bufferReads(plan, out);
        }
        return out;
    }

    private void seqScan(QueryPlan plan, Node node, List<Finding> out, Set<String> suggested) {
        if (!node.type().equals("Seq Scan") || !plan.isAnalyzed()) {
            return;
        }
        double loops = node.loops();
        long removed = (long) (node.number("Rows Removed by Filter") * loops);
        long kept = (long) (node.number("Actual Rows") * loops);
        if (removed < minRowsRemoved || removed < kept * 4) {
            return;
        }
        String table = node.text("Relation Name");
        String schema = node.text("Schema");
        String filter = node.text("Filter");
        out.add(finding(plan, FindingKind.SEQ_SCAN, String.format(Locale.ROOT,
                "Seq Scan on %s read %,d rows to keep %,d", table, removed + kept, kept))
                .evidence("rowsRemoved", removed).evidence("rowsKept", kept).evidence("table", table)
                .detail("Filter: " + filter).build());
        if (table.isEmpty()) {
            return;
        }
        PlanText.Columns columns = PlanText.comparedColumns(filter);
        List<PlanText.PatternMatch> matches = PlanText.patternMatches(filter, plan.patternAnchors(node));
        if (!matches.isEmpty()) {
            patternIndex(plan, schema, table, columns, matches.get(0), removed, out, suggested);
            return;
        }
        if (columns.isEmpty()) {
            return;
        }
        List<String> indexColumns = new ArrayList<>(columns.equality());
        indexColumns.addAll(columns.range());
        for (String sortColumn : sortColumnsAbove(node)) {
            if (!indexColumns.contains(sortColumn)) {
                indexColumns.add(sortColumn);
            }
        }
        String ddl = createIndex(schema, table, indexColumns);
        if (suggested.add(ddl)) {
            out.add(finding(plan, FindingKind.MISSING_INDEX, "No index serves the filter on " + table + " ("
                    + String.join(", ", indexColumns) + ")")
                    .evidence("table", table).evidence("columns", String.join(",", indexColumns))
                    .evidence("rowsRemoved", removed)
                    .suggestion(ddl).build());
        }
    }

    /**
     * A LIKE/ILIKE filter: a b-tree with a pattern operator class for a case-sensitive prefix match (after the
     * filter's equality columns), a trigram GIN index for everything else: ILIKE, a leading wildcard, or a
     * pattern only known at run time ({@code $1}, which a generic plan cannot turn into a b-tree range).
     */
    private static void patternIndex(QueryPlan plan, String schema, String table, PlanText.Columns columns,
            PlanText.PatternMatch match, long removed, List<Finding> out, Set<String> suggested) {
        String expression = match.expression();
        String operator = match.caseInsensitive() ? "ILIKE" : "LIKE";
        String shape = switch (match.anchor()) {
            case LEFT -> "prefix";
            case NONE -> "leading wildcard";
            case UNKNOWN -> "pattern unknown until run time";
        };
        boolean prefix = !match.caseInsensitive() && match.anchor() == PlanText.Anchor.LEFT;
        String ddl;
        String detail;
        List<String> indexed = new ArrayList<>();
        if (prefix) {
            String opclass = match.varchar() ? "varchar_pattern_ops" : "text_pattern_ops";
            List<String> elements = new ArrayList<>(columns.equality());
            elements.remove(match.column());
            indexed.addAll(elements);
            indexed.add(expression);
            elements.add(expression + " " + opclass);
            ddl = "-- only needed when the database collation is not C (SHOW lc_collate); under C a plain b-tree"
                    + " serves LIKE 'prefix%'\n"
                    + createIndex(schema, table, nameParts(indexed, "pattern"), null, elements);
            detail = "A b-tree with " + opclass + " serves " + operator + " with a fixed prefix ("
                    + expression + " " + operator + " 'prefix%'); a b-tree in the database's default collation does"
                    + " not, unless that collation is C." + (match.varchar() ? " The plan shows the column cast to"
                    + " text, as for a varchar column; if it is not varchar (an integer, say), index the cast instead:"
                    + " (((" + match.column() + ")::text) text_pattern_ops)." : "");
        } else {
            indexed.add(expression);
            ddl = "-- the pg_trgm extension must be available on the server (SELECT * FROM pg_available_extensions"
                    + " WHERE name = 'pg_trgm'); run each statement on its own\n"
                    + "CREATE EXTENSION IF NOT EXISTS pg_trgm;\n"
                    + createIndex(schema, table, nameParts(indexed, "trgm"), "gin",
                            List.of(expression + " gin_trgm_ops"));
            detail = "A b-tree cannot serve " + operator + " with a " + shape + "; a trigram GIN index serves LIKE and"
                    + " ILIKE with wildcards anywhere, best when the pattern has at least 3 characters besides"
                    + " wildcards.";
        }
        if (suggested.add(ddl)) {
            out.add(finding(plan, FindingKind.MISSING_INDEX, "No index serves the " + operator + " filter on " + table
                    + " (" + expression + ", " + shape + ")")
                    .evidence("table", table).evidence("columns", String.join(",", indexed))
                    .evidence("operator", operator).evidence("pattern", shape)
                    .evidence("rowsRemoved", removed)
                    .suggestion(ddl).detail(detail).build());
        }
    }

    private static List<String> nameParts(List<String> expressions, String suffix) {
        List<String> parts = new ArrayList<>(expressions);
        parts.add(suffix);
        return parts;
    }

    private static List<String> sortColumnsAbove(Node node) {
        for (Node p = node.parent; p != null; p = p.parent) {
            String type = p.type();
            if (type.equals("Sort") || type.equals("Incremental Sort")) {
                List<String> keys = new ArrayList<>();
                for (JsonNode k : p.json.path("Sort Key")) {
                    keys.add(k.asText());
                }
                return PlanText.sortColumns(keys);
            }
            if (!type.equals("Limit") && !type.equals("Gather Merge") && !type.equals("Gather")) {
                break;
            }
        }
        return List.of();
    }

    /** Builds {@code CREATE INDEX CONCURRENTLY}; identifiers are validated and quoted, never pasted raw. */
    static String createIndex(String schema, String table, List<String> columns) {
        return createIndex(schema, table, columns, null, columns);
    }

    /**
     * Builds {@code CREATE INDEX CONCURRENTLY idx_<table>_<nameParts> ON <table> [USING method] (elements)}.
     * Every identifier in {@code elements} comes from {@link PlanText}, validated and quoted; the method and
     * operator classes are constants of this class.
     */
    static String createIndex(String schema, String table, List<String> nameParts, @Nullable String method,
            List<String> elements) {
        StringBuilder name = new StringBuilder("idx_").append(bare(table));
        for (String c : nameParts) {
            name.append('_').append(bare(c));
        }
        String indexName = name.length() > 63 ? name.substring(0, 63) : name.toString();
        String qualified = (schema.isEmpty() ? "" : PlanText.quoteIfNeeded(schema) + ".")
                + PlanText.quoteIfNeeded(table);
        return "CREATE INDEX CONCURRENTLY " + PlanText.quoteIfNeeded(indexName) + " ON " + qualified
                + (method == null ? "" : " USING " + method) + " (" + String.join(", ", elements) + ")";
    }

    private static String bare(String identifier) {
        return identifier.replaceAll("[^A-Za-z0-9_]", "").toLowerCase(Locale.ROOT);
    }

    private void sortSpill(QueryPlan plan, Node node, List<Finding> out) {
        if (!node.type().contains("Sort") || !"Disk".equals(node.text("Sort Space Type"))) {
            return;
        }
        long usedKb = (long) node.number("Sort Space Used");
        long suggestMb = Math.max(4, (usedKb * 2 + 1023) / 1024);
        out.add(finding(plan, FindingKind.SORT_SPILL, "Sort spilled " + usedKb + " kB to disk ("
                + node.text("Sort Method") + ")")
                .evidence("spilledKb", usedKb)
                .suggestion("SET work_mem = '" + suggestMb + "MB' for this query's session or role, or add an index"
                        + " that returns rows in the sort order")
                .build());
    }

    private void nestedLoop(QueryPlan plan, Node node, List<Finding> out) {
        if (!node.type().equals("Nested Loop")) {
            return;
        }
        JsonNode inner = null;
        for (JsonNode child : node.json.path("Plans")) {
            if ("Inner".equals(child.path("Parent Relationship").asText())) {
                inner = child;
            }
        }
        if (inner == null) {
            return;
        }
        long loops = inner.path("Actual Loops").asLong(0);
        if (loops < minNestedLoops) {
            return;
        }
        String relation = inner.path("Relation Name").asText(inner.path("Node Type").asText());
        out.add(finding(plan, FindingKind.NESTED_LOOP, String.format(Locale.ROOT,
                "Nested Loop ran its inner side (%s) %,d times", relation, loops))
                .evidence("loops", loops)
                .suggestion("Check the join's row estimates (ANALYZE the tables) and that the inner side is an index"
                        + " scan; a hash join is usually cheaper at this many rows")
                .build());
    }

    private void misestimate(QueryPlan plan, Node node, List<Finding> out) {
        double estimated = Math.max(1, node.number("Plan Rows"));
        double actual = Math.max(1, node.number("Actual Rows"));
        if (!node.json.has("Actual Rows") || Math.max(estimated, actual) < 1000) {
            return;
        }
        double factor = Math.max(estimated / actual, actual / estimated);
        String table = node.text("Relation Name");
        if (factor < misestimateFactor || table.isEmpty()) {
            return;
        }
        out.add(finding(plan, FindingKind.ROW_MISESTIMATE, String.format(Locale.ROOT,
                "%s on %s: planner expected %,d rows, got %,d", node.type(), table, (long) estimated, (long) actual))
                .evidence("estimatedRows", (long) estimated).evidence("actualRows", (long) actual)
                .suggestion("ANALYZE " + qualified(node) + ";")
                .build());
    }

    private void heapFetches(QueryPlan plan, Node node, List<Finding> out) {
        if (!node.type().equals("Index Only Scan")) {
            return;
        }
        long fetches = (long) node.number("Heap Fetches");
        long rows = (long) (node.number("Actual Rows") * node.loops());
        if (fetches < 1000 || fetches * 10 < rows) {
            return;
        }
        out.add(finding(plan, FindingKind.HEAP_FETCHES, String.format(Locale.ROOT,
                "Index Only Scan on %s fetched %,d rows from the table", node.text("Relation Name"), fetches))
                .evidence("heapFetches", fetches).evidence("rows", rows)
                .suggestion("VACUUM (ANALYZE) " + qualified(node) + "; the visibility map is stale")
                .build());
    }

    private void bufferReads(QueryPlan plan, List<Finding> out) {
        JsonNode top = plan.root().path("Plan");
        long read = top.path("Shared Read Blocks").asLong(0);
        long hit = top.path("Shared Hit Blocks").asLong(0);
        if (read < 10_000 || read < hit) {
            return;
        }
        out.add(finding(plan, FindingKind.BUFFER_READS, String.format(Locale.ROOT,
                "Query read %,d pages from disk and found %,d in shared buffers", read, hit))
                .evidence("sharedRead", read).evidence("sharedHit", hit)
                .suggestion("Reduce the pages the query touches (an index, fewer columns) or give shared_buffers"
                        + " more memory")
                .build());
    }

    private static String qualified(Node node) {
        String schema = node.text("Schema");
        String table = PlanText.quoteIfNeeded(node.text("Relation Name"));
        return schema.isEmpty() ? table : PlanText.quoteIfNeeded(schema) + "." + table;
    }

    private static Finding.Builder finding(QueryPlan plan, FindingKind kind, String message) {
        Finding.Builder b = Finding.builder(kind, message).subject(plan.fingerprint().id());
        double ms = plan.executionTimeMillis();
        if (ms >= 0) {
            b.evidence("executionTime", Duration.ofNanos((long) (ms * 1_000_000)));
        }
        return b;
    }
}
