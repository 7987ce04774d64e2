package io.perfkit.query;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FingerprintTest {

    @Test
    void of_literalsCommentsAndWhitespace_normalised() {
        Fingerprint f = Fingerprint.of("select *\n  from Orders o -- hot\n where o.customer_id = 42 /* x */"
                + " and status = 'NEW'");
        assertThat(f.normalizedSql()).isEqualTo("SELECT * FROM orders o WHERE o.customer_id = ? AND status = ?");
        assertThat(f.kind()).isEqualTo(StatementKind.SELECT);
        assertThat(f.isReadOnly()).isTrue();
    }

    @Test
    void trailingSemicolons_doNotChangeTheStatement_butOneBeforeAnotherStatementDoes() {
        Fingerprint plain = Fingerprint.of("SELECT id FROM orders WHERE id = 1");
        for (String sql : new String[] {"SELECT id FROM orders WHERE id = 1;", "SELECT id FROM orders WHERE id = 1;;",
            "SELECT id FROM orders WHERE id = 1 ; ; -- done\n;"}) {
            Fingerprint f = Fingerprint.of(sql);
            assertThat(f.normalizedSql()).as(sql).isEqualTo(plain.normalizedSql());
            assertThat(f.id()).as(sql).isEqualTo(plain.id());
            assertThat(f.isMultiStatement()).as(sql).isFalse();
            assertThat(f.isReadOnly()).as(sql).isTrue();
        }
        Fingerprint two = Fingerprint.of("SELECT id FROM orders WHERE id = 1;; DELETE FROM orders");
        assertThat(two.isMultiStatement()).isTrue();
        assertThat(two.isReadOnly()).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "SELECT * FROM t WHERE id IN (1, 2, 3)|SELECT * FROM t WHERE id IN (?)",
        "SELECT * FROM t WHERE id IN (?)|SELECT * FROM t WHERE id IN (?)",
        "SELECT * FROM t WHERE id IN (?, ?, ?, ?)|SELECT * FROM t WHERE id IN (?)",
        "SELECT * FROM t WHERE id = ANY(ARRAY[1,2,3])|SELECT * FROM t WHERE id = ANY (ARRAY[?])",
        "INSERT INTO t (a, b) VALUES (1, 'x'), (2, 'y'), (3, 'z')|INSERT INTO t (a, b) VALUES (?, ?)",
        "INSERT INTO t (a, b) VALUES (?, ?)|INSERT INTO t (a, b) VALUES (?, ?)",
        "SELECT $$it's; -- not a comment$$, $tag$x$tag$ FROM t|SELECT ?, ? FROM t",
        "SELECT E'a\\'b', 'it''s' FROM t|SELECT ?, ? FROM t",
        "SELECT '2024-01-01'::date, x::text FROM t|SELECT ?::date, x::text FROM t",
        "SELECT \"Mixed Case\".\"Col\" FROM \"Mixed Case\"|SELECT \"Mixed Case\".\"Col\" FROM \"Mixed Case\"",
        "SELECT * FROM t WHERE a = -1 AND b = 1.5e3 AND c - 1 > 0|SELECT * FROM t WHERE a = ? AND b = ? AND c - ? > ?",
        "SELECT * FROM t WHERE id = $1|SELECT * FROM t WHERE id = ?",
        "SELECT count(*) FROM t /* nested /* comment */ still */|SELECT count(*) FROM t",
        "select * from t;|SELECT * FROM t",
    })
    void of_postgresSyntax_normalised(String sql, String expected) {
        assertThat(Fingerprint.of(sql).normalizedSql()).isEqualTo(expected);
    }

    @Test
    void id_isStableAndShort() {
        Fingerprint a = Fingerprint.of("SELECT * FROM t WHERE id = 1");
        Fingerprint b = Fingerprint.of("select *   from T where ID = 2");
        assertThat(a.id()).isEqualTo(b.id()).matches("q[0-9a-f]{12}");
        assertThat(a).isEqualTo(b);
        assertThat(Fingerprint.of("SELECT * FROM u WHERE id = 1").id()).isNotEqualTo(a.id());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "UPDATE t SET a = 1|UPDATE|false",
        "delete from t|DELETE|false",
        "insert into t values (1)|INSERT|false",
        "WITH x AS (DELETE FROM t RETURNING *) SELECT * FROM x|DELETE|false",
        "WITH x AS (SELECT 1) SELECT * FROM x|SELECT|true",
        "SELECT * FROM t FOR UPDATE|SELECT|false",
        "SELECT * INTO newt FROM t|SELECT|false",
        "SELECT 1; DELETE FROM t|SELECT|false",
        "{call proc(?)}|CALL|false",
        "CREATE INDEX i ON t (a)|DDL|false",
        "SET search_path = x|OTHER|false",
    })
    void kind_andReadOnly(String sql, StatementKind kind, boolean readOnly) {
        Fingerprint f = Fingerprint.of(sql);
        assertThat(f.kind()).isEqualTo(kind);
        assertThat(f.isReadOnly()).isEqualTo(readOnly);
    }

    @Test
    void batchedRewrite_turnsEqualityIntoAny() {
        assertThat(Fingerprint.of("SELECT * FROM order_items WHERE order_id = 7 ORDER BY id").batchedRewrite())
                .contains("SELECT * FROM order_items WHERE order_id = ANY(?) ORDER BY id");
        assertThat(Fingerprint.of("SELECT 1").batchedRewrite()).isEmpty();
    }

    @Test
    void of_unterminatedInput_stillHasFingerprint() {
        assertThat(Fingerprint.of("SELECT 'oops FROM t").normalizedSql()).isEqualTo("SELECT ?");
        assertThat(Fingerprint.of("").normalizedSql()).isEmpty();
    }
}
