package io.perfkit.compression;

import io.perfkit.core.RateLimitedLogger;
import io.perfkit.core.Require;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.ServletResponseWrapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Enumeration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

/**
 * Compresses HTTP responses (br, zstd, gzip, deflate) in any Jakarta Servlet 6 container, with the header
 * handling caches and browsers rely on.
 *
 * <pre>{@code
 * ServletContextHandler context = new ServletContextHandler();
 * context.addFilter(new FilterHolder(CompressionFilter.of(CompressionConfig.ofDefaults())), "/*",
 *         EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC));
 * }</pre>
 *
 * <p>What it does, per response:
 * <ul>
 *   <li>Negotiates the coding from {@code Accept-Encoding} ({@link EncodingNegotiator}: q-values, {@code q=0},
 *       {@code identity;q=0}, {@code *}, ties to the server's order).
 *   <li>Buffers at most {@link CompressionConfig#minSize()} bytes to decide, then streams. A body that ends below
 *       it goes out as is (with its {@code Content-Length}); a {@code flush()} before it decides for
 *       compression, since a flushing response is streaming and its length unknown.
 *   <li>Never compresses HEAD, 206 or {@code Content-Range}, 1xx/204/205/304, other non-2xx, a response that
 *       already has a {@code Content-Encoding}, {@code Cache-Control: no-transform}, content types that are not
 *       compressible, excluded paths, and responses {@linkplain #markSensitive marked as carrying secrets}.
 *   <li>Adds {@code Vary: Accept-Encoding} (merged into any existing {@code Vary}, never twice) to every
 *       response whose body could differ by {@code Accept-Encoding}: compressed ones, compressible ones sent
 *       uncompressed (too small, client did not accept) and 304s.
 *   <li>ETag policy: a compressed response's strong ETag {@code "x"} becomes weak {@code W/"x"}, so it never
 *       claims byte-equality with the identity variant. A client revalidating its compressed copy sends
 *       {@code If-None-Match: W/"x"}, which matches {@code "x"} under the weak comparison that If-None-Match
 *       uses (the application or {@link ETagFilter} answers 304), and the 304 carries {@code W/"x"} again.
 *   <li>Removes {@code Content-Length} when compressing; passes {@code flush()} through (deflate
 *       {@code SYNC_FLUSH}, brotli/zstd flush), so server-sent events and streamed responses keep working.
 *   <li>Servlet async I/O: {@code setWriteListener}/{@code isReady} work on the wrapped stream, and
 *       {@code AsyncContext.complete()} finishes the encoded stream before completing. Map the filter for the
 *       {@code ASYNC} dispatcher type too when servlets {@code dispatch()}.
 * </ul>
 *
 * <p>BREACH: compression plus a secret and attacker-controlled input in the same body lets an attacker who sees
 * lengths recover the secret. Responses carrying secrets (CSRF tokens not masked per request, session-bound
 * keys) should be marked with {@link #markSensitive(ServletRequest)} or their paths excluded; see
 * docs/compression.md.
 *
 * <p>A failure inside the filter's own work (a recorder that throws, a codec that fails to open) is counted and
 * logged, rate-limited, and the response goes out uncompressed.
 *
 * <p>Per-response wrappers are allocated per request unless {@link CompressionConfig.Builder#recycledWrappers(int)}
 * turns on recycling them (off by default; read its javadoc before turning it on).
 */
public final class CompressionFilter implements Filter {
    /** The request attribute that marks a response as carrying secrets, so it is never compressed. */
    public static final String SENSITIVE_ATTRIBUTE = CompressionFilter.class.getName() + ".SENSITIVE";

    /**
     * Set on the request only when a wrapped dispatch can be followed by another one for the same response after
     * doFilter returned: async (the ASYNC dispatch finishes the body), an escaped exception or sendError (the
     * ERROR dispatch passes through). Its value is the wrapper, or {@link #PASS_THROUGH}. A forward or include
     * during the dispatch is recognised by the response it passes, which wraps ours.
     */
    private static final String RESPONSE_ATTRIBUTE = CompressionFilter.class.getName() + ".RESPONSE";
    private static final Object PASS_THROUGH = new Object();
    private static final RateLimitedLogger LOG = RateLimitedLogger.of(LoggerFactory.getLogger(CompressionFilter.class));

    private final CompressionConfig config;
    private final EncodingNegotiator negotiator;
    private final CompressionRecorder recorder;
    private final List<String> excludedPaths;
    /** False with the disabled recorder: nobody receives the figures, so no clock is read for them. */
    private final boolean timed;
    /** Idle wrappers for reuse, or null when {@link CompressionConfig#recycledWrappers()} is 0. */
    private final @Nullable WrapperPool pool;

    /** Creates a filter with {@link CompressionConfig#ofDefaults()}, for containers that instantiate filters. */
    public CompressionFilter() {
        this(CompressionConfig.ofDefaults());
    }

    private CompressionFilter(CompressionConfig config) {
        this.config = Require.nonNull(config, "config");
        this.negotiator = EncodingNegotiator.of(config.encodings());
        this.recorder = config.recorder();
        this.excludedPaths = config.excludedPaths();
        this.timed = recorder != CompressionRecorder.disabled();
        this.pool = config.recycledWrappers() > 0 ? new WrapperPool(config.recycledWrappers()) : null;
    }

    boolean timesCompression() {
        return timed;
    }

    boolean recycles() {
        return pool != null;
    }

    /** @return idle wrappers waiting for reuse (tests) */
    int idleWrappers() {
        WrapperPool p = pool;
        return p == null ? 0 : p.idle();
    }

    /**
     * Creates a filter.
     *
     * @param config the settings
     * @return the filter
     */
    public static CompressionFilter of(CompressionConfig config) {
        return new CompressionFilter(config);
    }

    /**
     * Marks the current response as carrying secrets next to request-controlled content, so it is never
     * compressed (BREACH). Call it before the response body is written.
     *
     * @param request the current request
     */
    public static void markSensitive(ServletRequest request) {
        Require.nonNull(request, "request").setAttribute(SENSITIVE_ATTRIBUTE, Boolean.TRUE);
    }

    static boolean isMarkedSensitive(ServletRequest request) {
        return Boolean.TRUE.equals(request.getAttribute(SENSITIVE_ATTRIBUTE));
    }

    /** @return the configuration */
    public CompressionConfig config() {
        return config;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!(request instanceof HttpServletRequest) || !(response instanceof HttpServletResponse)) {
            chain.doFilter(request, response);
            return;
        }
        HttpServletRequest http = (HttpServletRequest) request;
        Object existing = http.getAttribute(RESPONSE_ATTRIBUTE);
        if (existing == null) {
            existing = wrapperIn(response);
        }
        if (existing != null) {
            // re-entry (async dispatch, forward, include, error page): the original wrapper is already in place
            chain.doFilter(request, response);
            if (existing instanceof CompressingResponse && http.getDispatcherType() == DispatcherType.ASYNC
                    && !http.isAsyncStarted()) {
                ((CompressingResponse) existing).finish(null);
            }
            return;
        }
        if (!excludedPaths.isEmpty() && PathPatterns.matchesAny(excludedPaths, PathPatterns.pathInApplication(http))) {
            recordSkipped(SkipReason.EXCLUDED_PATH);
            chain.doFilter(request, response);
            return;
        }
        // What the request alone decides is decided here: a HEAD is never compressed, and a client that sent no
        // Accept-Encoding gets identity. Such a response is not buffered or streamed through us; its wrapper only
        // applies the Vary/ETag policy, which depends on the status and type the servlet sets. (A header that
        // accepts none of our codings is rare and parsed later, as usual, so that responses that are not
        // compressible never pay for reading its values.)
        boolean head = "HEAD".equals(http.getMethod());
        boolean noAcceptEncoding = http.getHeader("Accept-Encoding") == null;
        HttpServletResponse httpResponse = (HttpServletResponse) response;
        WrapperPool p = pool;
        CompressingResponse wrapped = p == null ? null : p.acquire();
        if (wrapped == null) {
            wrapped = new CompressingResponse(http, httpResponse, this, head, noAcceptEncoding);
        } else {
            wrapped.reuse(http, httpResponse, head, noAcceptEncoding);
        }
        // the request wrapper exists for startAsync(): without async support for this dispatch it cannot be called
        HttpServletRequest wrappedRequest = http.isAsyncSupported() ? wrapped.wrapRequest(http) : http;
        boolean completed = false;
        try {
            chain.doFilter(wrappedRequest, wrapped);
            completed = true;
        } finally {
            if (!completed) {
                wrapped.abort();
                http.setAttribute(RESPONSE_ATTRIBUTE, PASS_THROUGH); // an error page must not be wrapped again
            } else if (!wrappedRequest.isAsyncStarted()) {
                wrapped.finish(null);
            } else {
                wrapped.pin();
                http.setAttribute(RESPONSE_ATTRIBUTE, wrapped); // the ASYNC dispatch must find it, not wrap again
            }
        }
        // Reached only when neither the chain nor finishing the body threw. isAsyncStarted() stays true until the
        // dispatch that started async has returned, even after an early complete() (AsyncContext.complete()
        // javadoc), so a request that went async through any path is seen here.
        if (p != null && wrapped.isRecyclable() && !http.isAsyncStarted()) {
            wrapped.recycle();
            p.release(wrapped);
        }
    }

    /** Marks the request so that a dispatch after this one (the container's error page) passes through. */
    static void passThroughLaterDispatches(HttpServletRequest request) {
        request.setAttribute(RESPONSE_ATTRIBUTE, PASS_THROUGH);
    }

    /** @return our wrapper when the response is one or wraps one (a forward or include from inside the chain) */
    private static @Nullable CompressingResponse wrapperIn(ServletResponse response) {
        ServletResponse r = response;
        while (r instanceof ServletResponseWrapper) {
            if (r instanceof CompressingResponse) {
                return (CompressingResponse) r;
            }
            r = ((ServletResponseWrapper) r).getResponse();
        }
        return null;
    }

    EncodingNegotiator.Choice negotiate(HttpServletRequest request) {
        Enumeration<String> values = request.getHeaders("Accept-Encoding");
        if (values == null || !values.hasMoreElements()) {
            return negotiator.choose(null);
        }
        String first = values.nextElement();
        if (!values.hasMoreElements()) {
            return negotiator.choose(first);
        }
        StringBuilder joined = new StringBuilder(first);
        while (values.hasMoreElements()) {
            joined.append(',').append(values.nextElement());
        }
        return negotiator.choose(joined.toString());
    }

    @Nullable Compressor open(ContentEncoding encoding) {
        try {
            return encoding.newCompressor();
        } catch (RuntimeException | LinkageError e) {
            onFailure("open-" + encoding.token(), "Could not start " + encoding.token() + "; sending identity", e);
            return null;
        }
    }

    void recordSkipped(SkipReason reason) {
        try {
            recorder.skipped(reason);
        } catch (RuntimeException e) {
            onFailure("recorder", "CompressionRecorder threw", e);
        }
    }

    void recordCompressed(String token, long bytesIn, long bytesOut, long nanos) {
        try {
            recorder.compressed(token, bytesIn, bytesOut, nanos);
        } catch (RuntimeException e) {
            onFailure("recorder", "CompressionRecorder threw", e);
        }
    }

    void onFailure(String problem, String message, Throwable cause) {
        LOG.warn(problem, message, cause);
    }

    /** Closes the configured codings, ending their pooled native encoders. */
    @Override
    public void destroy() {
        for (ContentEncoding e : config.encodings()) {
            try {
                e.close();
            } catch (RuntimeException ex) {
                onFailure("close", "Closing " + e.token() + " failed", ex);
            }
        }
    }

    @Override
    public String toString() {
        return "CompressionFilter" + config;
    }

    /**
     * Wraps the async context so that {@code complete()} first finishes the encoded body. Belongs to one
     * {@link CompressingResponse} and is recycled with it.
     */
    static final class CompressingRequest extends HttpServletRequestWrapper {
        private final CompressingResponse response;
        private @Nullable CompressingAsyncContext async;

        CompressingRequest(HttpServletRequest request, CompressingResponse response) {
            super(request);
            this.response = response;
        }

        void rebind(HttpServletRequest request) {
            setRequest(request);
            async = null;
        }

        @Override
        public AsyncContext startAsync() {
            return startAsync(this, response);
        }

        @Override
        public AsyncContext startAsync(ServletRequest servletRequest, ServletResponse servletResponse) {
            response.pin(); // the container holds these wrappers until the async cycle ends
            return wrap(super.startAsync(servletRequest, servletResponse));
        }

        @Override
        public AsyncContext getAsyncContext() {
            response.pin();
            return wrap(super.getAsyncContext());
        }

        private AsyncContext wrap(AsyncContext delegate) {
            CompressingAsyncContext a = async;
            if (a == null || a.delegate != delegate) {
                a = new CompressingAsyncContext(delegate, response);
                async = a;
            }
            return a;
        }
    }

    private static final class CompressingAsyncContext implements AsyncContext {
        final AsyncContext delegate;
        private final CompressingResponse response;

        CompressingAsyncContext(AsyncContext delegate, CompressingResponse response) {
            this.delegate = delegate;
            this.response = response;
            delegate.addListener(new AsyncListener() {
                @Override
                public void onComplete(AsyncEvent event) {
                    response.abort(); // returns the compressor if complete() never ran through us
                }

                @Override
                public void onTimeout(AsyncEvent event) {}

                @Override
                public void onError(AsyncEvent event) {
                    response.abort();
                }

                @Override
                public void onStartAsync(AsyncEvent event) {}
            });
        }

        @Override
        public ServletRequest getRequest() {
            return delegate.getRequest();
        }

        @Override
        public ServletResponse getResponse() {
            return delegate.getResponse();
        }

        @Override
        public boolean hasOriginalRequestAndResponse() {
            return delegate.hasOriginalRequestAndResponse();
        }

        @Override
        public void dispatch() {
            delegate.dispatch();
        }

        @Override
        public void dispatch(String path) {
            delegate.dispatch(path);
        }

        @Override
        public void dispatch(ServletContext context, String path) {
            delegate.dispatch(context, path);
        }

        @Override
        public void complete() {
            try {
                response.finish(delegate::complete);
            } catch (IOException | RuntimeException e) {
                response.abort();
                LOG.warn("async-complete", "Finishing the compressed response failed", e);
                delegate.complete();
            }
        }

        @Override
        public void start(Runnable run) {
            delegate.start(run);
        }

        @Override
        public void addListener(AsyncListener listener) {
            delegate.addListener(listener);
        }

        @Override
        public void addListener(AsyncListener listener, ServletRequest servletRequest,
                ServletResponse servletResponse) {
            delegate.addListener(listener, servletRequest, servletResponse);
        }

        @Override
        public <T extends AsyncListener> T createListener(Class<T> clazz) throws ServletException {
            return delegate.createListener(clazz);
        }

        @Override
        public void setTimeout(long timeout) {
            delegate.setTimeout(timeout);
        }

        @Override
        public long getTimeout() {
            return delegate.getTimeout();
        }
    }
}
