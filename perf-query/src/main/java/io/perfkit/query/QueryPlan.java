package io.perfkit.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.perfkit.core.Require;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A PostgreSQL plan of one query shape, from {@code EXPLAIN (FORMAT JSON)}: what {@link PlanAnalyzer} reads and
 * what a {@code SLOW_QUERY} finding carries. Literal values in the plan's conditions are redacted unless the
 * user opted in to seeing bind values, since a custom plan inlines them ({@code Filter: (email = 'a@b.c')}).
 *
 * <p>Immutable and thread-safe.
 */
public final class QueryPlan {
    static final ObjectMapper JSON = new ObjectMapper();
    /** Plan fields that hold expressions, whose literals are redacted. */
    private static final Set<String> EXPRESSION_FIELDS = Set.of("Filter", "Index Cond", "Recheck Cond", "Join Filter",
            "Hash Cond", "Merge Cond", "One-Time Filter", "TID Cond", "Sort Key", "Group Key", "Output",
            "Cache Key", "Presorted Key", "Hash Key", "Order By", "Function Call", "Table Function Call");

    private final Fingerprint fingerprint;
    private final JsonNode root;
    private final String json;
    private final boolean analyzed;
    private final String planHash;
    private final Instant capturedAt;
    /** LIKE pattern anchors of each node's raw Filter, read before redaction (keyed by node identity). */
    private final Map<JsonNode, List<PlanText.Anchor>> patternAnchors;

    private QueryPlan(Fingerprint fingerprint, JsonNode root, boolean analyzed, Instant capturedAt,
            Map<JsonNode, List<PlanText.Anchor>> patternAnchors) {
        this.fingerprint = fingerprint;
        this.patternAnchors = patternAnchors;
        this.root = root;
        this.analyzed = analyzed;
        this.capturedAt = capturedAt;
        this.json = root.toPrettyString();
        this.planHash = hashOf(root);
    }

    /**
     * Reads the output of {@code EXPLAIN (FORMAT JSON)} or {@code EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)}.
     *
     * @param fingerprint the shape of the explained statement
     * @param explainJson the single text value {@code EXPLAIN} returned
     * @param redactLiterals true to replace literal values in conditions by {@code ?} (the default everywhere)
     * @return the plan
     * @throws IllegalArgumentException if the text is not an EXPLAIN JSON plan
     */
    public static QueryPlan parse(Fingerprint fingerprint, String explainJson, boolean redactLiterals) {
        Require.nonNull(fingerprint, "fingerprint");
        Require.nonNull(explainJson, "explainJson");
        JsonNode tree;
        try {
            tree = JSON.readTree(explainJson);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("explainJson is not JSON: " + e.getOriginalMessage(), e);
        }
        JsonNode top = tree.isArray() ? tree.path(0) : tree;
        Require.argument(top.has("Plan"), "explainJson has no \"Plan\": not the output of EXPLAIN (FORMAT JSON)");
        Map<JsonNode, List<PlanText.Anchor>> anchors = new IdentityHashMap<>();
        if (redactLiterals) {
            collectAnchors(top.path("Plan"), anchors);
            redact(top);
        }
        boolean analyzed = top.path("Plan").has("Actual Rows") || top.path("Plan").has("Actual Loops");
        return new QueryPlan(fingerprint, top, analyzed, Instant.now(), anchors);
    }

    /** @return the shape of the explained statement */
    public Fingerprint fingerprint() {
        return fingerprint;
    }

    /** @return the plan as indented JSON (redacted unless bind values were revealed) */
    public String json() {
        return json;
    }

    /** @return true when the plan holds actual row counts and timings ({@code EXPLAIN ANALYZE}) */
    public boolean isAnalyzed() {
        return analyzed;
    }

    /**
     * Returns a hash of the plan's shape: node types, relations, indexes and join order, but not costs, row
     * counts or condition text, so it changes when the planner picks another plan and not otherwise.
     *
     * @return 12 hex digits
     */
    public String planHash() {
        return planHash;
    }

    /** @return when the plan was read */
    public Instant capturedAt() {
        return capturedAt;
    }

    /** @return the execution time PostgreSQL measured, in milliseconds, or -1 when not analyzed */
    public double executionTimeMillis() {
        return root.path("Execution Time").asDouble(-1);
    }

    /** @return the plan's nodes, depth first from the top node; each with its path of parents */
    List<Node> nodes() {
        List<Node> out = new ArrayList<>();
        collect(root.path("Plan"), null, out);
        return out;
    }

    JsonNode root() {
        return root;
    }

    /**
     * Where the LIKE/ILIKE patterns of the node's {@code Filter} are fixed, in operator order: read from the raw
     * filter before its literals were redacted, so only whether each pattern starts with a wildcard is kept.
     */
    List<PlanText.Anchor> patternAnchors(Node node) {
        List<PlanText.Anchor> known = patternAnchors.get(node.json);
        return known != null ? known : PlanText.patternAnchors(node.text("Filter"));
    }

    private static void collectAnchors(JsonNode plan, Map<JsonNode, List<PlanText.Anchor>> out) {
        JsonNode filter = plan.path("Filter");
        if (filter.isTextual()) {
            out.put(plan, List.copyOf(PlanText.patternAnchors(filter.asText())));
        }
        for (JsonNode child : plan.path("Plans")) {
            collectAnchors(child, out);
        }
    }

    private static void collect(JsonNode plan, Node parent, List<Node> out) {
        Node node = new Node(plan, parent);
        out.add(node);
        for (JsonNode child : plan.path("Plans")) {
            collect(child, node, out);
        }
    }

    /** A plan node with a link to its parent. */
    static final class Node {
        final JsonNode json;
        final Node parent;

        Node(JsonNode json, Node parent) {
            this.json = json;
            this.parent = parent;
        }

        String type() {
            return json.path("Node Type").asText("");
        }

        String text(String field) {
            return json.path(field).asText("");
        }

        double number(String field) {
            return json.path(field).asDouble(0);
        }

        double loops() {
            return Math.max(1, json.path("Actual Loops").asDouble(1));
        }
    }

    private static void redact(JsonNode node) {
        if (node.isObject()) {
            ObjectNode obj = (ObjectNode) node;
            for (Iterator<Map.Entry<String, JsonNode>> it = obj.properties().iterator(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode v = e.getValue();
                if (EXPRESSION_FIELDS.contains(e.getKey())) {
                    if (v.isTextual()) {
                        e.setValue(obj.textNode(PlanText.redact(v.asText())));
                    } else if (v.isArray()) {
                        com.fasterxml.jackson.databind.node.ArrayNode arr = obj.arrayNode();
                        for (JsonNode item : v) {
                            arr.add(item.isTextual() ? PlanText.redact(item.asText()) : item.asText());
                        }
                        e.setValue(arr);
                    }
                } else {
                    redact(v);
                }
            }
        } else if (node.isArray()) {
            for (JsonNode child : node) {
                redact(child);
            }
        }
    }

    private static String hashOf(JsonNode top) {
        StringBuilder shape = new StringBuilder();
        shapeOf(top.path("Plan"), shape);
        return Fingerprint.idOf(shape.toString()).substring(1);
    }

    private static void shapeOf(JsonNode plan, StringBuilder out) {
        out.append('(').append(plan.path("Node Type").asText())
                .append(' ').append(plan.path("Join Type").asText())
                .append(' ').append(plan.path("Relation Name").asText())
                .append(' ').append(plan.path("Index Name").asText());
        for (JsonNode child : plan.path("Plans")) {
            shapeOf(child, out);
        }
        out.append(')');
    }

    /** @return the fingerprint id, whether analyzed, and the plan hash; never the plan text */
    @Override
    public String toString() {
        return "QueryPlan[" + fingerprint.id() + ", analyzed=" + analyzed + ", hash=" + planHash + "]";
    }
}
