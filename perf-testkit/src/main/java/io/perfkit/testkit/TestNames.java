package io.perfkit.testkit;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Names for per-class databases and key prefixes. They are generated, never taken from input, and
 * checked again against a strict pattern before they reach SQL, so no quoting bug can turn a test
 * class name into an injection.
 */
final class TestNames {

    /** PostgreSQL identifiers are at most 63 bytes; this leaves them lower-case ASCII only. */
    static final Pattern DATABASE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    private static final int SLUG_LENGTH = 30;
    private static final SecureRandom RANDOM = new SecureRandom();

    private TestNames() {}

    /**
     * An id such as {@code ordersit_3f9a0c1b2d4e}: the test class's simple name, for a human looking
     * at {@code \l} or {@code SCAN} output, and 48 random bits, so that concurrent builds sharing one
     * server never collide.
     */
    static String newId(Class<?> testClass) {
        String slug = testClass.getSimpleName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        if (slug.length() > SLUG_LENGTH) {
            slug = slug.substring(0, SLUG_LENGTH);
        }
        byte[] random = new byte[6];
        RANDOM.nextBytes(random);
        return (slug.isEmpty() ? "test" : slug) + "_" + HexFormat.of().formatHex(random);
    }

    static String databaseName(String id) {
        return checkedDatabaseName("perfkit_" + id);
    }

    static String keyPrefix(String id) {
        return "perfkit-test:" + id + ":";
    }

    static String checkedDatabaseName(String name) {
        if (!DATABASE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Not a safe test database name: " + name);
        }
        return name;
    }

    /** Escapes Redis glob metacharacters so a prefix matches only itself in SCAN MATCH. */
    static String globEscape(String literal) {
        StringBuilder out = new StringBuilder(literal.length() + 8);
        for (int i = 0; i < literal.length(); i++) {
            char c = literal.charAt(i);
            if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\' || c == '^' || c == '-') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}
