package io.perfkit.compression;

import java.util.ArrayList;
import java.util.List;

/** Entity-tag lists (RFC 9110 §8.8.3, §13.1.2): parsing and comparison. */
final class ETags {
    private ETags() {}

    /** Splits {@code W/"a", "b,c"} into its tags; commas inside quotes do not split. */
    static List<String> parseList(String header) {
        List<String> tags = new ArrayList<>(2);
        int i = 0;
        int n = header.length();
        while (i < n) {
            char c = header.charAt(i);
            if (c == ',' || c == ' ' || c == '\t') {
                i++;
                continue;
            }
            int start = i;
            if (c == '*') {
                tags.add("*");
                i++;
                continue;
            }
            if (header.startsWith("W/", i)) {
                i += 2;
            }
            if (i < n && header.charAt(i) == '"') {
                int close = header.indexOf('"', i + 1);
                if (close < 0) {
                    return tags; // malformed: ignore the rest
                }
                tags.add(header.substring(start, close + 1));
                i = close + 1;
            } else {
                int comma = header.indexOf(',', i);
                i = comma < 0 ? n : comma; // malformed element (unquoted): skip it
            }
        }
        return tags;
    }

    static String opaque(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }

    static boolean isWeak(String tag) {
        return tag.startsWith("W/");
    }

    /** Weak comparison as If-None-Match requires: {@code *} matches any, W/ is ignored on both sides. */
    static boolean noneMatchHits(String ifNoneMatch, String etag) {
        String current = opaque(etag.trim());
        for (String tag : parseList(ifNoneMatch)) {
            if (tag.equals("*") || opaque(tag).equals(current)) {
                return true;
            }
        }
        return false;
    }

    /** True when the list holds {@code tag} exactly, weakness included. */
    static boolean listContainsExactly(String header, String tag) {
        for (String t : parseList(header)) {
            if (t.equals(tag)) {
                return true;
            }
        }
        return false;
    }
}
