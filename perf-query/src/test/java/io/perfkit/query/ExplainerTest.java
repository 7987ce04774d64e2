package io.perfkit.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which statements the capture may execute under EXPLAIN ANALYZE: the safety rules, without a database. */
class ExplainerTest {
    private final Explainer safe = new Explainer(Duration.ofSeconds(5), Duration.ofMillis(100), false);
    private final Explainer optIn = new Explainer(Duration.ofSeconds(5), Duration.ofMillis(100), true);

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "SELECT * FROM orders WHERE id = ?|true|true|true",
        "WITH x AS (SELECT 1) SELECT * FROM x|true|true|true",
        "SELECT * FROM orders WHERE id = ? FOR UPDATE|true|false|false",
        "SELECT pg_advisory_lock(42)|true|false|false",
        "SELECT nextval('order_seq')|true|false|false",
        "SELECT * FROM dblink('x', 'DELETE FROM t') AS t(a int)|true|false|false",
        "INSERT INTO audit (note) VALUES (?)|true|false|true",
        "UPDATE counters SET n = n + 1 WHERE id = ?|true|false|true",
        "WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d|true|false|true",
        "SELECT 1; DELETE FROM t|false|false|false",
        "{call refresh(?)}|false|false|false",
        "CREATE INDEX i ON t (a)|false|false|false",
    })
    void analyzes_onlyPlainSelectsUnlessWritesOptedIn(String sql, boolean explainable, boolean analyzedByDefault,
                                                     boolean analyzedWithOptIn) {
        Fingerprint fp = Fingerprint.of(sql);
        assertThat(Explainer.isExplainable(fp)).isEqualTo(explainable);
        if (explainable) {
            assertThat(safe.analyzes(fp)).isEqualTo(analyzedByDefault);
            assertThat(optIn.analyzes(fp)).isEqualTo(analyzedWithOptIn);
        }
    }
}
