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

    /** @return the lower-case type/subtype of a Content-Type value, or null when absent */
    static @Nullable String essence(@Nullable String contentType) {
        if (contentType == null) {
            return null;
        }
        int semi = contentType.indexOf(';');
        String t = (semi >= 0 ? contentType.substring(0, semi) : contentType).trim();
        return t.isEmpty() ? null : t.toLowerCase(Locale.ROOT);
    }

    static boolean matches(String pattern, String essence) {
        int slash = pattern.indexOf('/');
        int eslash = essence.indexOf('/');
        if (eslash < 0) {
            return false;
        }
        boolean anyType = slash == 1 && pattern.charAt(0) == '*';
        if (!anyType && (eslash != slash || !essence.regionMatches(0, pattern, 0, slash))) {
            return false;
        }
        int subStart = slash + 1;
        int subLength = pattern.length() - subStart;
        if (subLength == 1 && pattern.charAt(subStart) == '*') {
            return true;
        }
        if (subLength > 1 && pattern.charAt(subStart) == '*' && pattern.charAt(subStart + 1) == '+') {
            int suffixLength = subLength - 1; // "+json"
            return essence.length() - suffixLength > eslash + 1
                    && essence.regionMatches(essence.length() - suffixLength, pattern, subStart + 1, suffixLength);
        }
        return essence.length() - eslash - 1 == subLength
                && essence.regionMatches(eslash + 1, pattern, subStart, subLength);
    }

    static boolean matchesAny(List<String> patterns, String essence) {
        for (int i = 0, n = patterns.size(); i < n; i++) {
            if (matches(patterns.get(i), essence)) {
                return true;
            }
        }
        return false;
    }
}
