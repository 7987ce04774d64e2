package io.perfkit.benchmarks.compression;

import io.perfkit.compression.CompressionFilter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The smallest servlet request and response the filter can run against, so that the benchmarks measure the
 * filter and its codec rather than a container's HTTP stack. Methods the filter does not call throw.
 */
final class ServletStubs {
    private ServletStubs() {}

    private static <T> T unsupported(Class<T> type) {
        return type.cast(Proxy.newProxyInstance(ServletStubs.class.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> {
                    throw new UnsupportedOperationException(method.getName());
                }));
    }

    /**
     * A request with a fixed method and Accept-Encoding (or none), dispatched to a servlet that supports async
     * (as Spring's DispatcherServlet does) unless told otherwise.
     */
    static final class Request extends HttpServletRequestWrapper {
        private final @Nullable String acceptEncoding;
        private final String method;
        private final boolean asyncSupported;
        private final Map<String, Object> attributes = new HashMap<>();

        Request(@Nullable String acceptEncoding) {
            this(acceptEncoding, "GET", true);
        }

        Request(@Nullable String acceptEncoding, String method, boolean asyncSupported) {
            super(unsupported(HttpServletRequest.class));
            this.acceptEncoding = acceptEncoding;
            this.method = method;
            this.asyncSupported = asyncSupported;
        }

        @Override
        public boolean isAsyncSupported() {
            return asyncSupported;
        }

        void reset() {
            attributes.clear();
        }

        @Override
        public String getMethod() {
            return method;
        }

        @Override
        public String getRequestURI() {
            return "/api/orders";
        }

        @Override
        public String getContextPath() {
            return "";
        }

        @Override
        public @Nullable String getHeader(String name) {
            return name.equalsIgnoreCase("Accept-Encoding") ? acceptEncoding : null;
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            String v = getHeader(name);
            return v == null ? Collections.emptyEnumeration() : Collections.enumeration(List.of(v));
        }

        @Override
        public @Nullable Object getAttribute(String name) {
            return attributes.get(name);
        }

        @Override
        public void setAttribute(String name, Object o) {
            attributes.put(name, o);
        }

        @Override
        public boolean isAsyncStarted() {
            return false;
        }
    }

    /** A response that keeps headers in a map and discards the body, counting its bytes. */
    static final class Response extends HttpServletResponseWrapper {
        private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        private final Discard out = new Discard();
        private @Nullable String contentType;
        private int status = 200;

        Response() {
            super(unsupported(HttpServletResponse.class));
        }

        void reset(String type) {
            headers.clear();
            contentType = type;
            status = 200;
        }

        long bytes() {
            return out.count;
        }

        @Override
        public int getStatus() {
            return status;
        }

        @Override
        public void setStatus(int sc) {
            status = sc;
        }

        @Override
        public @Nullable String getContentType() {
            return contentType;
        }

        @Override
        public void setContentType(@Nullable String type) {
            contentType = type;
        }

        @Override
        public String getCharacterEncoding() {
            return "UTF-8";
        }

        @Override
        public void setHeader(String name, @Nullable String value) {
            if (value == null) {
                headers.remove(name);
            } else {
                List<String> list = new ArrayList<>(1);
                list.add(value);
                headers.put(name, list);
            }
        }

        @Override
        public void addHeader(String name, @Nullable String value) {
            if (value != null) {
                headers.computeIfAbsent(name, k -> new ArrayList<>(1)).add(value);
            }
        }

        @Override
        public @Nullable String getHeader(String name) {
            List<String> v = headers.get(name);
            return v == null || v.isEmpty() ? null : v.get(0);
        }

        @Override
        public Collection<String> getHeaders(String name) {
            List<String> v = headers.get(name);
            return v == null ? List.of() : v;
        }

        @Override
        public boolean containsHeader(String name) {
            return headers.containsKey(name);
        }

        @Override
        public void setContentLengthLong(long len) {
            setHeader("Content-Length", Long.toString(len));
        }

        @Override
        public void setContentLength(int len) {
            setContentLengthLong(len);
        }

        @Override
        public ServletOutputStream getOutputStream() {
            return out;
        }

        @Override
        public boolean isCommitted() {
            return false;
        }
    }

    /** A servlet stream that counts and drops bytes. */
    static final class Discard extends ServletOutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setWriteListener(WriteListener writeListener) {
            throw new UnsupportedOperationException();
        }
    }

    /**
     * Serves one response through the filter: resets the request and the response, runs the filter in front of
     * the chain, and returns the bytes the response body took on the wire.
     */
    static long serve(CompressionFilter filter, Request request, Response response, FilterChain chain)
            throws IOException, ServletException {
        request.reset();
        response.reset(null);
        long before = response.bytes();
        filter.doFilter(request, response, chain);
        return response.bytes() - before;
    }

    /** The application: sets the content type and writes the body in one call. */
    static FilterChain writing(byte[] body, String contentType) {
        return (req, resp) -> {
            resp.setContentType(contentType);
            resp.getOutputStream().write(body);
        };
    }
}
