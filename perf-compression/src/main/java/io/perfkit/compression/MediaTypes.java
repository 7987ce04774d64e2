package io.perfkit.compression;

import io.perfkit.core.Require;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Media-type patterns: {@code type/subtype}, {@code type/*}, {@code type/*+suffix} and {@code *}{@code /*+suffix}
 * (any type with that structured-syntax suffix). Parameters such as {@code charset} are ignored.
 */
final class MediaTypes {
    private MediaTypes() {}

    static String validate(String pattern, String setting) {
        Require.nonBlank(pattern, setting);
        String p = pattern.trim().toLowerCase(Locale.ROOT);
        int slash = p.indexOf('/');
        Require.argument(slash > 0 && slash < p.length() - 1 && p.indexOf('/', slash + 1) < 0
                        && p.indexOf(';') < 0 && p.indexOf(' ') < 0,
                "%s must look like text/html, text/*, application/*+json, but was '%s'", setting, pattern);
        String type = p.substring(0, slash);
        String sub = p.substring(slash + 1);
        Require.argument(!type.equals("*") || sub.startsWith("*+") || sub.equals("*"),
                "%s: a wildcard type needs a suffix (*/*+json), but was '%s'", setting, pattern);
        return p;
    }

    static boolean matches(String pattern, String essence) {
        return Patterns.of(List.of(pattern)).matches(essence, 0, essence.length());
    }

    /**
     * @param contentType a Content-Type value, parameters and surrounding whitespace allowed, or null
     * @return whether its type/subtype is matched by an included pattern and by no excluded one
     */
    static boolean isIncluded(@Nullable String contentType, Patterns included, Patterns excluded) {
        if (contentType == null) {
            return false;
        }
        int end = contentType.indexOf(';');
        if (end < 0) {
            end = contentType.length();
        }
        int start = 0;
        while (start < end && contentType.charAt(start) <= ' ') {
            start++;
        }
        while (end > start && contentType.charAt(end - 1) <= ' ') {
            end--;
        }
        return start < end && !excluded.matches(contentType, start, end) && included.matches(contentType, start, end);
    }

    /**
     * Validated patterns taken apart once, so that a Content-Type is matched against all of them with length
     * compares and at most a case-insensitive region compare each: the compressible-type check runs for every
     * response the filter sees, and re-parsing each pattern per response was most of what skipping an image cost.
     */
    static final class Patterns {
        private static final byte ANY_SUBTYPE = 0;
        private static final byte EXACT = 1;
        private static final byte SUFFIX = 2;

        /** The type of each pattern, or null for {@code *}. */
        private final @Nullable String[] types;
        private final byte[] kinds;
        /** The subtype ({@link #EXACT}), the suffix with its {@code +} ({@link #SUFFIX}), or null. */
        private final @Nullable String[] subs;

        private Patterns(@Nullable String[] types, byte[] kinds, @Nullable String[] subs) {
            this.types = types;
            this.kinds = kinds;
            this.subs = subs;
        }

        /** @param patterns patterns as {@link MediaTypes#validate} returns them (lower case, no parameters) */
        static Patterns of(List<String> patterns) {
            int n = patterns.size();
            String[] types = new String[n];
            byte[] kinds = new byte[n];
            String[] subs = new String[n];
            for (int i = 0; i < n; i++) {
                String p = patterns.get(i);
                int slash = p.indexOf('/');
                String type = p.substring(0, slash);
                String sub = p.substring(slash + 1);
                types[i] = type.equals("*") ? null : type;
                if (sub.equals("*")) {
                    kinds[i] = ANY_SUBTYPE;
                } else if (sub.startsWith("*+")) {
                    kinds[i] = SUFFIX;
                    subs[i] = sub.substring(1); // "+json"
                } else {
                    kinds[i] = EXACT;
                    subs[i] = sub;
                }
            }
            return new Patterns(types, kinds, subs);
        }

        /**
         * Matches the type/subtype at {@code [start, end)} of a Content-Type value, ignoring case, where it
         * stands (no substring of a value with parameters such as {@code text/html;charset=UTF-8}).
         */
        boolean matches(String contentType, int start, int end) {
            if (kinds.length == 0) {
                return false;
            }
            int slash = contentType.indexOf('/', start);
            if (slash < 0 || slash >= end) {
                return false;
            }
            int typeLength = slash - start;
            int subStart = slash + 1;
            int subLength = end - subStart;
            for (int i = 0; i < kinds.length; i++) {
                String type = types[i];
                if (type != null && (type.length() != typeLength
                        || !contentType.regionMatches(true, start, type, 0, typeLength))) {
                    continue;
                }
                String sub = subs[i];
                switch (kinds[i]) {
                    case ANY_SUBTYPE:
                        return true;
                    case EXACT:
                        if (sub.length() == subLength && contentType.regionMatches(true, subStart, sub, 0, subLength)) {
                            return true;
                        }
                        break;
                    default: // SUFFIX: a subtype longer than the suffix, ending with it
                        if (subLength > sub.length()
                                && contentType.regionMatches(true, end - sub.length(), sub, 0, sub.length())) {
                            return true;
                        }
                        break;
                }
            }
            return false;
        }
    }
}
