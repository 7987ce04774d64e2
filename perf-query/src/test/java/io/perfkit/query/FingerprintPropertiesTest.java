package io.perfkit.query;

import static io.perfkit.query.fixtures.RandomCases.alpha;
import static io.perfkit.query.fixtures.RandomCases.anyString;
import static io.perfkit.query.fixtures.RandomCases.between;
import static org.assertj.core.api.Assertions.assertThat;

import io.perfkit.query.fixtures.RandomCases;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Properties of the lexer-based fingerprint that must hold for any input, each checked on {@link #CASES} generated
 * cases (see {@link RandomCases} to replay a failing one).
 */
class FingerprintPropertiesTest {
    static final int CASES = 1_000;
    private static final String[] SEPARATORS = {" ", "\n", "\t ", " /* c */ ", " /* a /* nested */ b */ ", " -- c\n"};

    @Test
    void anyText_hasFingerprint_andNormalisingTwiceChangesNothing() {
        RandomCases.check(CASES, random -> {
            String text = random.nextInt(20) == 0 ? "" : anyString(random, 0, 80);
            Fingerprint f = Fingerprint.of(text);
            assertThat(Fingerprint.of(f.normalizedSql()).normalizedSql()).as("text %s", quoted(text))
                    .isEqualTo(f.normalizedSql());
        });
    }

    @Test
    void literalValues_neverChangeTheFingerprint() {
        String template = "SELECT id, name FROM customers WHERE region = %s AND score > %s";
        RandomCases.check(CASES, random -> {
            String a = literal(random);
            String b = literal(random);
            assertThat(Fingerprint.of(String.format(template, a, b)).id()).as("literals %s and %s", a, b)
                    .isEqualTo(Fingerprint.of(String.format(template, b, a)).id());
        });
    }

    @Test
    void literalValues_neverAppearInNormalisedSql() {
        RandomCases.check(CASES, random -> {
            String secret = anyString(random, 1, 30);
            String sql = "SELECT * FROM users WHERE email = '" + secret.replace("'", "''") + "' AND note = E'"
                    + secret.replace("\\", "\\\\").replace("'", "\\'") + "' AND d = $q$" + secret.replace("$", "")
                    + "$q$";
            assertThat(Fingerprint.of(sql).normalizedSql()).as("secret %s", quoted(secret))
                    .isEqualTo("SELECT * FROM users WHERE email = ? AND note = ? AND d = ?");
        });
    }

    @Test
    void inListLength_neverChangesTheFingerprint() {
        RandomCases.check(CASES, random -> {
            int n = between(random, 1, 50);
            int m = between(random, 1, 50);
            assertThat(Fingerprint.of(inList(n)).id()).as("lengths %d and %d", n, m)
                    .isEqualTo(Fingerprint.of(inList(m)).id());
        });
    }

    @Test
    void whitespaceAndComments_neverChangeTheFingerprint() {
        RandomCases.check(CASES, random -> {
            List<String> separators = List.of(separator(random), separator(random), separator(random));
            String[] words = {"SELECT", "a", ",", "b", "FROM", "t", "WHERE", "a", "=", "1"};
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < words.length; i++) {
                sb.append(words[i]).append(separators.get(i % separators.size()));
            }
            assertThat(Fingerprint.of(sb.toString()).normalizedSql()).as("statement %s", quoted(sb.toString()))
                    .isEqualTo("SELECT a, b FROM t WHERE a = ?");
        });
    }

    private static String inList(int n) {
        StringBuilder sb = new StringBuilder("SELECT * FROM t WHERE id IN (");
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ", ").append(i * 7);
        }
        return sb.append(')').toString();
    }

    /** An integer, a non-negative double, a quoted string or a dollar-quoted string, edge values included. */
    private static String literal(SplittableRandom random) {
        switch (random.nextInt(4)) {
            case 0: {
                int[] edges = {0, 1, -1, Integer.MIN_VALUE, Integer.MAX_VALUE};
                return String.valueOf(random.nextInt(5) == 0 ? edges[random.nextInt(edges.length)] : random.nextInt());
            }
            case 1: {
                double[] edges = {0.0, -0.0, Double.MIN_VALUE, Double.MAX_VALUE, 1e-300, 0.5};
                double d = random.nextInt(5) == 0 ? edges[random.nextInt(edges.length)]
                        : switch (random.nextInt(3)) {
                            case 0 -> random.nextDouble() * 1000;
                            case 1 -> random.nextDouble(-1e12, 1e12);
                            default -> Double.longBitsToDouble(random.nextLong() & 0x7fefffffffffffffL);
                        };
                return String.valueOf(Math.abs(d));
            }
            case 2:
                return "'" + anyString(random, 0, 20).replace("'", "''") + "'";
            default:
                return "$$" + alpha(random, 10) + "$$";
        }
    }

    private static String separator(SplittableRandom random) {
        return SEPARATORS[random.nextInt(SEPARATORS.length)];
    }

    /** The text in Java escape form, so control characters and lone surrogates are readable in a failure. */
    static String quoted(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 32 && c < 127 && c != '"' && c != '\\') {
                sb.append(c);
            } else {
                sb.append(String.format("\\u%04x", (int) c));
            }
        }
        return sb.append('"').toString();
    }
}
