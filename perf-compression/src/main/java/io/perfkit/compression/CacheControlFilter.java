package io.perfkit.compression;

import io.perfkit.core.Require;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Sets {@code Cache-Control} by path: the first rule whose pattern matches the path inside the application wins.
 * The application's own {@code Cache-Control} wins over the rule unless {@link Builder#overrideApplication} is
 * set; error responses (4xx, 5xx, {@code sendError}) never get the rule's value, so a 404 is not cached for a
 * year by an asset rule.
 *
 * <pre>{@code
 * CacheControlFilter filter = CacheControlFilter.builder()
 *         .rule("/assets/*", CacheControl.builder().publicCache().maxAge(Duration.ofDays(365)).immutable().build())
 *         .rule("/api/*", CacheControl.builder().privateCache().noCache().build())
 *         .rule("/account/*", CacheControl.noStore())
 *         .build();
 * }</pre>
 */
public final class CacheControlFilter implements Filter {
    private final List<String> patterns;
    private final List<CacheControl> values;
    private final boolean overrideApplication;

    private CacheControlFilter(Builder b) {
        this.patterns = List.copyOf(b.patterns);
        this.values = List.copyOf(b.values);
        this.overrideApplication = b.overrideApplication;
    }

    /** @return a builder with no rules */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the rule for a path.
     *
     * @param path the path inside the application, such as {@code /assets/app.js}
     * @return the value of the first matching rule, or null
     */
    public @Nullable CacheControl ruleFor(String path) {
        for (int i = 0; i < patterns.size(); i++) {
            if (PathPatterns.matches(patterns.get(i), path)) {
                return values.get(i);
            }
        }
        return null;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!(request instanceof HttpServletRequest) || !(response instanceof HttpServletResponse)) {
            chain.doFilter(request, response);
            return;
        }
        HttpServletRequest http = (HttpServletRequest) request;
        CacheControl rule = ruleFor(PathPatterns.pathInApplication(http));
        if (rule == null) {
            chain.doFilter(request, response);
            return;
        }
        HttpServletResponse http2 = (HttpServletResponse) response;
        http2.setHeader("Cache-Control", rule.headerValue());
        chain.doFilter(request, new RuleResponse(http2, rule.headerValue(), overrideApplication));
    }

    @Override
    public String toString() {
        return "CacheControlFilter" + patterns;
    }

    /** Keeps the rule off error responses, and off the application's own value unless overriding. */
    private static final class RuleResponse extends HttpServletResponseWrapper {
        private final String value;
        private final boolean override;

        RuleResponse(HttpServletResponse response, String value, boolean override) {
            super(response);
            this.value = value;
            this.override = override;
        }

        private void dropRuleOnError(int sc) {
            if (sc >= 400 && value.equals(getHeader("Cache-Control"))) {
                super.setHeader("Cache-Control", null);
            }
        }

        @Override
        public void setStatus(int sc) {
            dropRuleOnError(sc);
            super.setStatus(sc);
        }

        @Override
        public void sendError(int sc, @Nullable String msg) throws IOException {
            dropRuleOnError(sc);
            super.sendError(sc, msg);
        }

        @Override
        public void sendError(int sc) throws IOException {
            dropRuleOnError(sc);
            super.sendError(sc);
        }

        @Override
        public void setHeader(String name, @Nullable String v) {
            if (!(override && name.equalsIgnoreCase("Cache-Control"))) {
                super.setHeader(name, v);
            }
        }

        @Override
        public void addHeader(String name, @Nullable String v) {
            if (!(override && name.equalsIgnoreCase("Cache-Control"))) {
                super.addHeader(name, v);
            }
        }
    }

    /** Builds a {@link CacheControlFilter}. */
    public static final class Builder {
        private final List<String> patterns = new ArrayList<>();
        private final List<CacheControl> values = new ArrayList<>();
        private boolean overrideApplication;

        private Builder() {}

        /**
         * Adds a rule; rules are tried in the order added.
         *
         * @param pathPattern exact ({@code /}), prefix ({@code /assets/*}) or extension ({@code *.css})
         * @param value the header value for matching responses
         * @return this builder
         */
        public Builder rule(String pathPattern, CacheControl value) {
            patterns.add(PathPatterns.validate(pathPattern, "rule pathPattern"));
            values.add(Require.nonNull(value, "rule value"));
            return this;
        }

        /**
         * Sets whether the rule replaces a {@code Cache-Control} the application sets itself (default false).
         *
         * @param override true to enforce the rules
         * @return this builder
         */
        public Builder overrideApplication(boolean override) {
            this.overrideApplication = override;
            return this;
        }

        /** @return the filter */
        public CacheControlFilter build() {
            Require.state(!patterns.isEmpty(), "CacheControlFilter needs at least one rule");
            return new CacheControlFilter(this);
        }
    }
}
