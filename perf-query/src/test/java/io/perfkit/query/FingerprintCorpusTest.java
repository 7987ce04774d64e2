package io.perfkit.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * Characterisation test: fingerprints a corpus of varied statements (fingerprint-corpus.sql, plus the 2 KB
 * report query of FingerprintBenchmark) and compares every normalised text, id, kind and flag with the values
 * recorded in fingerprint-corpus.expected. Ids name metrics, so any drift in how a statement normalises is a
 * breaking change and must fail here. To re-record after a deliberate change, run this test with
 * {@code -Dfingerprint.corpus.record=<path to fingerprint-corpus.expected>} and review the diff.
 */
class FingerprintCorpusTest {
    private static final String SEPARATOR = "\n-- @@\n";

    @Test
    void of_corpus_matchesRecordedFingerprints() throws IOException {
        List<String> statements = corpus();
        List<String> actual = new ArrayList<>();
        for (int i = 0; i < statements.size(); i++) {
            actual.add(line(i, Fingerprint.of(statements.get(i))));
        }
        String record = System.getProperty("fingerprint.corpus.record");
        if (record != null) {
            Files.write(Path.of(record), actual, StandardCharsets.UTF_8);
        }
        List<String> expected = resource("fingerprint-corpus.expected").lines().toList();

        assertThat(actual).hasSize(statements.size()).containsExactlyElementsOf(expected);
    }

    @Test
    void of_corpus_idIsTheHashOfTheNormalisedText() throws IOException {
        for (String sql : corpus()) {
            Fingerprint f = Fingerprint.of(sql);
            assertThat(f.id()).as(sql).isEqualTo(Fingerprint.idOf(f.normalizedSql()));
        }
    }

    private static String line(int index, Fingerprint f) {
        String sql = f.normalizedSql().replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t");
        return index + "\t" + f.id() + "\t" + f.kind() + "\t" + f.isReadOnly() + "\t" + f.isMultiStatement()
                + "\t" + sql;
    }

    private static List<String> corpus() throws IOException {
        List<String> statements = new ArrayList<>(List.of(resource("fingerprint-corpus.sql").split(SEPARATOR, -1)));
        int last = statements.size() - 1;
        statements.set(last, statements.get(last).stripTrailing());
        statements.add(report2k());
        return statements;
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = Objects.requireNonNull(FingerprintCorpusTest.class.getResourceAsStream(name), name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The statement FingerprintBenchmark measures, built the same way. */
    private static String report2k() {
        StringBuilder sb = new StringBuilder("/* monthly report */ SELECT o.id, o.created_at::date AS day, c.name,"
                + " sum(i.quantity * i.unit_price) AS total, count(DISTINCT i.sku) AS skus\n"
                + "FROM orders o\n  JOIN customers c ON c.id = o.customer_id\n"
                + "  JOIN order_items i ON i.order_id = o.id\n"
                + "WHERE o.created_at >= '2026-01-01'::timestamptz AND o.created_at < '2026-02-01'::timestamptz\n"
                + "  AND c.region = E'north\\'east' AND o.status IN (");
        for (int i = 0; i < 60; i++) {
            sb.append(i == 0 ? "" : ", ").append('\'').append("status-").append(i).append('\'');
        }
        sb.append(")\n  -- only paying customers\n  AND c.tier IN (1, 2, 3, 4, 5, 6, 7, 8, 9, 10)\n");
        while (sb.length() < 1900) {
            sb.append("  AND coalesce(o.discount, 0.0) < 99.5 AND o.note NOT LIKE '%test%'\n");
        }
        sb.append("GROUP BY o.id, day, c.name HAVING sum(i.quantity) > 10 ORDER BY total DESC LIMIT 100");
        return sb.toString();
    }
}
