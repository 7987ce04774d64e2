package io.perfkit.query.keyset;

import io.perfkit.core.Require;
import java.util.regex.Pattern;

/**
 * SQL identifiers that may go into generated SQL: a plain name (letters, digits, underscore, not starting with a
 * digit, at most 63 characters, PostgreSQL's limit), double-quoted on output so it can never be read as
 * anything but a name. Anything else (quotes, spaces, dots where not allowed, semicolons, comments, parentheses,
 * non-ASCII look-alikes) is rejected rather than escaped.
 */
final class Identifiers {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    private Identifiers() {}

    static boolean isValid(String name) {
        return NAME.matcher(name).matches();
    }

    /** Validates a column name and returns it quoted. */
    static String column(String name, String setting) {
        Require.nonNull(name, setting);
        Require.argument(isValid(name), "%s must be a plain SQL identifier ([A-Za-z_][A-Za-z0-9_]*, at most 63 "
                + "characters), but was '%s'", setting, name);
        return '"' + name + '"';
    }

    /** Validates a table name, optionally schema-qualified ({@code schema.table}), and returns it quoted. */
    static String table(String name, String setting) {
        Require.nonNull(name, setting);
        int dot = name.indexOf('.');
        if (dot < 0) {
            return column(name, setting);
        }
        String schema = name.substring(0, dot);
        String table = name.substring(dot + 1);
        Require.argument(isValid(schema) && isValid(table), "%s must be a plain SQL identifier or schema.table, "
                + "but was '%s'", setting, name);
        return '"' + schema + "\".\"" + table + '"';
    }
}
