package io.perfkit.examples.bookstore;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.perfkit.core.Budget;
import io.perfkit.core.WorkScope;
import io.perfkit.core.servlet.WorkScopeFilter;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Runs inside perf-core's {@link WorkScopeFilter}: resolves the request's route and mode, applies the tuned-only
 * response filters in tuned mode, and once the handler returned (its scope still open) publishes the request's N+1
 * findings, checks the per-request {@link Budget} and adds the scope's figures to {@link ScopeStats} and to the
 * {@code bookstore.request.queries} summary.
 */
final class RequestFilter implements Filter {
    private static final String MATCH = RequestFilter.class.getName() + ".match";

    private final Mode defaultMode;
    private final List<Filter> tunedFilters;
    private final StatementDiagnostics diagnostics;
    private final Budget budget;
    private final ScopeStats stats;
    private final Map<Route, Map<Mode, DistributionSummary>> queriesPerRequest = new EnumMap<>(Route.class);

    RequestFilter(Mode defaultMode, List<Filter> tunedFilters, StatementDiagnostics diagnostics, Budget budget,
            ScopeStats stats, MeterRegistry registry) {
        this.defaultMode = defaultMode;
        this.tunedFilters = List.copyOf(tunedFilters);
        this.diagnostics = diagnostics;
        this.budget = budget;
        this.stats = stats;
        for (Route route : Route.values()) {
            Map<Mode, DistributionSummary> byMode = new EnumMap<>(Mode.class);
            for (Mode mode : Mode.values()) {
                byMode.put(mode, DistributionSummary.builder("bookstore.request.queries")
                        .description("Statements executed per request")
                        .tag("route", route.label())
                        .tag("mode", mode.label())
                        .register(registry));
            }
            queriesPerRequest.put(route, byMode);
        }
    }

    /** Names the request's scope by route template and mode, such as {@code "GET /books/{id} tuned"}. */
    static String scopeName(HttpServletRequest request, Mode defaultMode) {
        try {
            Route.Match match = matchOf(request);
            String route = match == null ? WorkScopeFilter.defaultName(request) : match.route().label();
            return route + " " + Mode.of(request, defaultMode).label();
        } catch (IllegalArgumentException e) {
            // A bad id or mode: the request is answered 400 below; its scope gets the servlet mapping's name.
            return WorkScopeFilter.defaultName(request);
        }
    }

    static Route.@Nullable Match matchOf(HttpServletRequest request) {
        Object cached = request.getAttribute(MATCH);
        if (cached instanceof Route.Match) {
            return (Route.Match) cached;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        Route.Match match = Route.match(request.getMethod(), path.isEmpty() ? "/" : path);
        if (match != null) {
            request.setAttribute(MATCH, match);
        }
        return match;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        Route.Match match;
        Mode mode;
        try {
            match = matchOf(http);
            mode = Mode.of(http, defaultMode);
        } catch (IllegalArgumentException e) {
            HttpServletResponse out = (HttpServletResponse) response;
            out.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            out.setContentType("application/json");
            out.getOutputStream().write(("{\"error\":\"" + e.getMessage().replace("\"", "'") + "\"}")
                    .getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (mode == Mode.TUNED && !tunedFilters.isEmpty()) {
            new Chain(tunedFilters, chain).doFilter(request, response);
        } else {
            chain.doFilter(request, response);
        }
        Object scope = request.getAttribute(WorkScopeFilter.SCOPE_ATTRIBUTE);
        if (scope instanceof WorkScope && match != null) {
            WorkScope workScope = (WorkScope) scope;
            diagnostics.finish(workScope);
            var report = workScope.report();
            stats.record(match.route(), mode, report, !budget.check(report).passed());
            queriesPerRequest.get(match.route()).get(mode).record(report.queryCount());
        }
    }

    /** Runs a list of filters, then the rest of the container's chain. */
    private static final class Chain implements FilterChain {
        private final List<Filter> filters;
        private final FilterChain rest;
        private int next;

        Chain(List<Filter> filters, FilterChain rest) {
            this.filters = filters;
            this.rest = rest;
        }

        @Override
        public void doFilter(ServletRequest request, ServletResponse response) throws IOException, ServletException {
            if (next < filters.size()) {
                filters.get(next++).doFilter(request, response, this);
            } else {
                rest.doFilter(request, response);
            }
        }
    }
}
