package io.perfkit.core.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfkit.core.ScopeReport;
import io.perfkit.core.WorkScope;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Runs the filter inside a real embedded Jetty 12 and talks to it with a real HTTP client. */
class WorkScopeFilterTest {
    private final HttpClient client = HttpClient.newHttpClient();
    private final Queue<ScopeReport> reports = new ConcurrentLinkedQueue<>();
    private Server server;
    private int port;

    /** Stands in for code that perfkit modules instrument: records {@code n} queries in the current scope. */
    static final class BooksServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            WorkScope scope = WorkScope.current().orElseThrow();
            int n = Integer.parseInt(req.getParameter("n") == null ? "1" : req.getParameter("n"));
            for (int i = 0; i < n; i++) {
                scope.recordQuery(1_000);
            }
            boolean exposed = req.getAttribute(WorkScopeFilter.SCOPE_ATTRIBUTE) == scope;
            resp.getWriter().print(scope.name() + "|" + exposed);
        }
    }

    /** Not behind the filter: reports whether a scope leaked onto the container's thread. */
    static final class PlainServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.getWriter().print(WorkScope.current().map(WorkScope::name).orElse("none"));
        }
    }

    private void start(WorkScopeFilter filter) throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addFilter(new FilterHolder(filter), "/books/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new BooksServlet()), "/books/*");
        context.addServlet(new ServletHolder(new PlainServlet()), "/plain");
        server.setHandler(context);
        server.start();
        port = connector.getLocalPort();
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void eachRequestRunsInAScopeNamedByMethodAndRoute() throws Exception {
        start(WorkScopeFilter.builder().onScopeClosed(reports::add).build());

        HttpResponse<String> response = get("/books/42?n=3");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("GET /books/*|true");
        assertThat(reports).singleElement().satisfies(report -> {
            assertThat(report.name()).isEqualTo("GET /books/*");
            assertThat(report.queryCount()).isEqualTo(3);
            assertThat(report.closed()).isTrue();
        });
    }

    @Test
    void concurrentRequestsRecordIntoTheirOwnScopes() throws Exception {
        start(WorkScopeFilter.builder().onScopeClosed(reports::add).build());
        List<CompletableFuture<HttpResponse<String>>> futures = new ArrayList<>();
        for (int n = 1; n <= 20; n++) {
            futures.add(client.sendAsync(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/books/x?n=" + n)).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> f : futures) {
            assertThat(f.get().statusCode()).isEqualTo(200);
        }
        assertThat(reports).extracting(ScopeReport::queryCount)
                .containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L,
                        11L, 12L, 13L, 14L, 15L, 16L, 17L, 18L, 19L, 20L);
    }

    @Test
    void noScopeIsLeftOnTheContainersThreadsAfterARequest() throws Exception {
        start(WorkScopeFilter.builder().build());
        for (int i = 0; i < 30; i++) {
            assertThat(get("/books/" + i).statusCode()).isEqualTo(200);
        }
        for (int i = 0; i < 30; i++) {
            assertThat(get("/plain").body()).isEqualTo("none");
        }
    }

    @Test
    void aFailingListenerOrNamerNeverFailsTheResponse() throws Exception {
        start(WorkScopeFilter.builder()
                .scopeNamer(request -> {
                    throw new IllegalStateException("namer bug");
                })
                .onScopeClosed(report -> {
                    throw new IllegalStateException("listener bug");
                })
                .build());
        HttpResponse<String> response = get("/books/1");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("GET /books/*|true");
    }

    @Test
    void aCustomNamerNamesTheScope() throws Exception {
        start(WorkScopeFilter.builder().scopeNamer(r -> "books.show").onScopeClosed(reports::add).build());
        assertThat(get("/books/1").body()).startsWith("books.show|");
        assertThat(reports).extracting(ScopeReport::name).containsExactly("books.show");
    }

    @Test
    void theNoArgumentConstructorWorksForContainerInstantiatedFilters() throws Exception {
        start(new WorkScopeFilter());
        assertThat(get("/books/1").body()).isEqualTo("GET /books/*|true");
    }
}
