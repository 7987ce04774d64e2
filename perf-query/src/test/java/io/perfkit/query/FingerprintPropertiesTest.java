package io.perfkit.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Properties of the lexer-based fingerprint that must hold for any input. */
class FingerprintPropertiesTest {

    @Property
    void anyText_hasFingerprint_andNormalisingTwiceChangesNothing(@ForAll String text) {
        Fingerprint f = Fingerprint.of(text);
        assertThat(Fingerprint.of(f.normalizedSql()).normalizedSql()).isEqualTo(f.normalizedSql());
    }

    @Property
    void literalValues_neverChangeTheFingerprint(@ForAll("literal") String a, @ForAll("literal") String b) {
        String template = "SELECT id, name FROM customers WHERE region = %s AND score > %s";
        assertThat(Fingerprint.of(String.format(template, a, b)).id())
                .isEqualTo(Fingerprint.of(String.format(template, b, a)).id());
    }

    @Property
    void literalValues_neverAppearInNormalisedSql(@ForAll("secret") String secret) {
        String sql = "SELECT * FROM users WHERE email = '" + secret.replace("'", "''") + "' AND note = E'"
                + secret.replace("\\", "\\\\").replace("'", "\\'") + "' AND d = $q$" + secret.replace("$", "") + "$q$";
        assertThat(Fingerprint.of(sql).normalizedSql())
                .isEqualTo("SELECT * FROM users WHERE email = ? AND note = ? AND d = ?");
    }

    @Property
    void inListLength_neverChangesTheFingerprint(@ForAll @IntRange(min = 1, max = 50) int n,
                                                 @ForAll @IntRange(min = 1, max = 50) int m) {
        assertThat(Fingerprint.of(inList(n)).id()).isEqualTo(Fingerprint.of(inList(m)).id());
    }

    @Property
    void whitespaceAndComments_neverChangeTheFingerprint(@ForAll("separator") List<String> separators) {
        String[] words = {"SELECT", "a", ",", "b", "FROM", "t", "WHERE", "a", "=", "1"};
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < words.length; i++) {
            sb.append(words[i]).append(separators.get(i % separators.size()));
        }
        assertThat(Fingerprint.of(sb.toString()).normalizedSql()).isEqualTo("SELECT a, b FROM t WHERE a = ?");
    }

    private static String inList(int n) {
        StringBuilder sb = new StringBuilder("SELECT * FROM t WHERE id IN (");
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ", ").append(i * 7);
        }
        return sb.append(')').toString();
    }

    @Provide
    Arbitrary<String> literal() {
        return Arbitraries.oneOf(
                Arbitraries.integers().map(String::valueOf),
                Arbitraries.doubles().map(d -> String.valueOf(Math.abs(d))),
                Arbitraries.strings().ofMaxLength(20).map(s -> "'" + s.replace("'", "''") + "'"),
                Arbitraries.strings().alpha().ofMaxLength(10).map(s -> "$$" + s + "$$"));
    }

    @Provide
    Arbitrary<String> secret() {
        return Arbitraries.strings().ofMinLength(1).ofMaxLength(30);
    }

    @Provide
    Arbitrary<List<String>> separator() {
        Arbitrary<String> one = Arbitraries.of(" ", "\n", "\t ", " /* c */ ", " /* a /* nested */ b */ ", " -- c\n");
        return Combinators.combine(one, one, one).as(List::of);
    }
}
