package io.perfkit.core.servlet;

import io.perfkit.core.RateLimitedLogger;
import io.perfkit.core.Require;
import io.perfkit.core.ScopeReport;
import io.perfkit.core.WorkScope;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.LoggerFactory;

/**
 * A servlet filter that runs each HTTP request inside its own {@link WorkScope}, so that every statement,
 * cache read and finding made while serving it is attributed to the request, and N+1 detection counts per
 * request.
 *
 * <p>The scope is named {@code "<METHOD> <servlet mapping pattern>"}, such as {@code "GET /books/*"}: the
 * pattern, not the URL, so names stay a small set and never carry ids. Supply your own namer when your
 * framework knows a better route template. The open scope is also exposed to the application as the request
 * attribute {@link #SCOPE_ATTRIBUTE}. A listener, if given, receives each finished request's
 * {@link ScopeReport}; a listener that throws is logged (rate-limited) and never fails the response.
 *
 * <pre>{@code
 * ServletContextHandler context = new ServletContextHandler();
 * context.addFilter(new FilterHolder(WorkScopeFilter.builder()
 *         .onScopeClosed(report -> budget.check(report))
 *         .build()), "/*", EnumSet.of(DispatcherType.REQUEST));
 * }</pre>
 *
 * <p>The scope covers the request's initial dispatch. Work an asynchronous request does on other threads joins
 * it only through {@link WorkScope#wrap(Runnable)}; the scope closes when the initial dispatch returns.
 */
public final class WorkScopeFilter implements Filter {
    /** The request attribute under which the request's open {@link WorkScope} is available. */
    public static final String SCOPE_ATTRIBUTE = WorkScope.class.getName();

    private static final RateLimitedLogger LOG = RateLimitedLogger.of(LoggerFactory.getLogger(WorkScopeFilter.class));

    private final Function<HttpServletRequest, String> namer;
    private final Consumer<ScopeReport> listener;

    /** Creates a filter with the default namer and no listener, for containers that instantiate filters. */
    public WorkScopeFilter() {
        this(builder());
    }

    private WorkScopeFilter(Builder b) {
        this.namer = b.namer;
        this.listener = b.listener;
    }

    /** @return a builder with the default namer and no listener */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Names a request by its method and servlet mapping pattern.
     *
     * @param request the request
     * @return such as {@code "GET /books/*"}, or {@code "GET /"} for the default servlet
     */
    public static String defaultName(HttpServletRequest request) {
        HttpServletMapping mapping = request.getHttpServletMapping();
        String pattern = mapping == null ? "" : mapping.getPattern();
        if (pattern == null || pattern.isEmpty()) {
            pattern = "/";
        }
        return request.getMethod() + " " + pattern;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!(request instanceof HttpServletRequest)) {
            chain.doFilter(request, response);
            return;
        }
        HttpServletRequest http = (HttpServletRequest) request;
        String name = scopeName(http);
        WorkScope scope = WorkScope.open(name);
        try {
            http.setAttribute(SCOPE_ATTRIBUTE, scope);
            chain.doFilter(request, response);
        } finally {
            scope.close();
            notifyListener(scope);
        }
    }

    private String scopeName(HttpServletRequest request) {
        try {
            String name = namer.apply(request);
            if (name != null && !name.isBlank()) {
                return name;
            }
        } catch (RuntimeException e) {
            LOG.warn("namer-failed", "WorkScopeFilter namer threw; using the default name", e);
        }
        return defaultName(request);
    }

    private void notifyListener(WorkScope scope) {
        try {
            listener.accept(scope.report());
        } catch (RuntimeException e) {
            LOG.warn("listener-failed", "WorkScopeFilter listener threw for " + scope.name(), e);
        }
    }

    @Override
    public String toString() {
        return "WorkScopeFilter";
    }

    /** Builds a {@link WorkScopeFilter}. */
    public static final class Builder {
        private Function<HttpServletRequest, String> namer = WorkScopeFilter::defaultName;
        private Consumer<ScopeReport> listener = report -> {};

        private Builder() {}

        /**
         * Sets how requests are named. A namer that throws or returns a blank name falls back to
         * {@link #defaultName(HttpServletRequest)}.
         *
         * @param namer returns a bounded name, such as a route template; never a raw URL with ids
         * @return this builder
         */
        public Builder scopeNamer(Function<HttpServletRequest, String> namer) {
            this.namer = Require.nonNull(namer, "scopeNamer");
            return this;
        }

        /**
         * Sets a listener for each finished request's report (logging, budgets, metrics).
         *
         * @param listener called on the request thread after the scope closed; must be fast
         * @return this builder
         */
        public Builder onScopeClosed(Consumer<ScopeReport> listener) {
            this.listener = Require.nonNull(listener, "onScopeClosed");
            return this;
        }

        /** @return the filter */
        public WorkScopeFilter build() {
            return new WorkScopeFilter(this);
        }
    }
}
