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
        return matches(pattern, essence, 0, essence.length());
    }

    /**
     * Matches the type/subtype found at {@code [start, end)} of a Content-Type value, ignoring case, so that a
     * value with parameters ({@code text/html;charset=UTF-8}) is matched where it stands, without a substring.
     */
    private static boolean matches(String pattern, String contentType, int start, int end) {
        int slash = pattern.indexOf('/');
        int eslash = contentType.indexOf('/', start);
        if (eslash < 0 || eslash >= end) {
            return false;
        }
        boolean anyType = slash == 1 && pattern.charAt(0) == '*';
        if (!anyType && (eslash - start != slash || !contentType.regionMatches(true, start, pattern, 0, slash))) {
            return false;
        }
        int subStart = slash + 1;
        int subLength = pattern.length() - subStart;
        if (subLength == 1 && pattern.charAt(subStart) == '*') {
            return true;
        }
        if (subLength > 1 && pattern.charAt(subStart) == '*' && pattern.charAt(subStart + 1) == '+') {
            int suffixLength = subLength - 1; // "+json"
            return end - suffixLength > eslash + 1
                    && contentType.regionMatches(true, end - suffixLength, pattern, subStart + 1, suffixLength);
        }
        return end - eslash - 1 == subLength
                && contentType.regionMatches(true, eslash + 1, pattern, subStart, subLength);
    }

    /**
     * @param contentType a Content-Type value, parameters and surrounding whitespace allowed, or null
     * @return whether its type/subtype is matched by an included pattern and by no excluded one
     */
    static boolean isIncluded(@Nullable String contentType, List<String> included, List<String> excluded) {
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
        return start < end && !matchesAny(excluded, contentType, start, end)
                && matchesAny(included, contentType, start, end);
    }

    private static boolean matchesAny(List<String> patterns, String contentType, int start, int end) {
        for (int i = 0, n = patterns.size(); i < n; i++) {
            if (matches(patterns.get(i), contentType, start, end)) {
                return true;
            }
        }
        return false;
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
