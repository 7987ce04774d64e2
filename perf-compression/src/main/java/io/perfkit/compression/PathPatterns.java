package io.perfkit.compression;

import io.perfkit.core.Require;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;

/**
 * Servlet-style path patterns matched against the path inside the web application (request URI without the
 * context path): exact {@code /health}, prefix {@code /api/*} (also matches {@code /api}), extension
 * {@code *.png}, and {@code /*} for everything.
 */
final class PathPatterns {
    private PathPatterns() {}

    static String validate(String pattern, String setting) {
        Require.nonBlank(pattern, setting);
        boolean ok = pattern.startsWith("/") ? pattern.indexOf('*') < 0 || (pattern.endsWith("/*")
                && pattern.indexOf('*') == pattern.length() - 1)
                : pattern.startsWith("*.") && pattern.length() > 2 && pattern.indexOf('/') < 0
                        && pattern.indexOf('*', 1) < 0;
        Require.argument(ok, "%s must be an exact path (/a/b), a prefix (/a/*) or an extension (*.js), but was '%s'",
                setting, pattern);
        return pattern;
    }

    /**
     * Returns the path the patterns are matched against: the request URI without the context path.
     *
     * @param request the request
     * @return the path inside the web application
     */
    static String pathInApplication(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        return context != null && !context.isEmpty() && uri.startsWith(context) ? uri.substring(context.length()) : uri;
    }

    static boolean matches(String pattern, String path) {
        if (pattern.startsWith("*.")) {
            return path.endsWith(pattern.substring(1)) && path.lastIndexOf('/') < path.length() - pattern.length() + 1;
        }
        if (pattern.endsWith("/*")) {
            int prefixLength = pattern.length() - 2;
            return path.regionMatches(0, pattern, 0, prefixLength)
                    && (path.length() == prefixLength || path.charAt(prefixLength) == '/');
        }
        return pattern.equals(path);
    }

    static boolean matchesAny(List<String> patterns, String path) {
        for (int i = 0, n = patterns.size(); i < n; i++) {
            if (matches(patterns.get(i), path)) {
                return true;
            }
        }
        return false;
    }
}
