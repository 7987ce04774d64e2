package io.perfkit.compression;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** A real embedded Jetty 12 (ee10) with the filters under test, and a real java.net.http client. */
final class JettyApp implements AutoCloseable {
    private final Server server;
    private final int port;
    final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private JettyApp(Server server, int port) {
        this.server = server;
        this.port = port;
    }

    static Builder builder() {
        return new Builder();
    }

    URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port + pathAndQuery);
    }

    HttpResponse<byte[]> get(String pathAndQuery, String... headers) throws Exception {
        return send("GET", pathAndQuery, headers);
    }

    HttpResponse<byte[]> send(String method, String pathAndQuery, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(20))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) {
            b.headers(headers);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    static final class Builder {
        private final Map<String, Filter> filters = new LinkedHashMap<>();
        private final Map<String, HttpServlet> servlets = new LinkedHashMap<>();
        private int filterIndex;
        private EnumSet<DispatcherType> dispatches = EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC);

        Builder filter(Filter filter) {
            return filter("/*", filter);
        }

        Builder filter(String pattern, Filter filter) {
            filters.put(pattern + "#" + filterIndex++, filter);
            return this;
        }

        /** The dispatches the filters see; REQUEST and ASYNC unless set. */
        Builder dispatches(EnumSet<DispatcherType> types) {
            this.dispatches = types;
            return this;
        }

        Builder servlet(String pattern, HttpServlet servlet) {
            servlets.put(pattern, servlet);
            return this;
        }

        JettyApp start() throws Exception {
            Server server = new Server();
            ServerConnector connector = new ServerConnector(server);
            connector.setHost("127.0.0.1");
            connector.setPort(0);
            server.addConnector(connector);
            ServletContextHandler context = new ServletContextHandler();
            context.setContextPath("/");
            for (Map.Entry<String, Filter> e : filters.entrySet()) {
                String pattern = e.getKey().substring(0, e.getKey().indexOf('#'));
                context.addFilter(new FilterHolder(e.getValue()), pattern, dispatches);
            }
            for (Map.Entry<String, HttpServlet> e : servlets.entrySet()) {
                ServletHolder holder = new ServletHolder(e.getValue());
                holder.setAsyncSupported(true);
                context.addServlet(holder, e.getKey());
            }
            server.setHandler(context);
            server.start();
            return new JettyApp(server, connector.getLocalPort());
        }
    }
}
