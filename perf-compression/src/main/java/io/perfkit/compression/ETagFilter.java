package io.perfkit.compression;

import io.perfkit.core.Require;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Enumeration;
import org.jspecify.annotations.Nullable;

/**
 * Gives GET 200 responses a strong ETag computed from their body, and answers {@code If-None-Match} with
 * {@code 304 Not Modified} and no body.
 *
 * <pre>{@code
 * context.addFilter(new FilterHolder(CompressionFilter.of(config)), "/*", EnumSet.of(DispatcherType.REQUEST));
 * context.addFilter(new FilterHolder(ETagFilter.builder().maxBodySize(256 * 1024).build()), "/api/*",
 *         EnumSet.of(DispatcherType.REQUEST));
 * }</pre>
 *
 * <ul>
 *   <li>The body is held (it must be, to put the ETag in the headers before it) up to {@code maxBodySize}, and
 *       digested while it is written (SHA-256 by default): one copy of the body, no second pass. A larger body,
 *       a {@code flush()}, async I/O or {@code startAsync()} stop the filter's work for that response, which then
 *       streams as usual without an ETag.
 *   <li>An ETag the application set itself is kept and used for the comparison.
 *   <li>{@code If-None-Match} is compared weakly, as RFC 9110 §13.1.2 requires: a list of tags, {@code W/}
 *       ignored on both sides, {@code *} matching any current representation. A match sends 304 with the ETag,
 *       {@code Cache-Control} and {@code Vary} the 200 would have carried, and no body.
 *   <li>Map it inside (after) the {@link CompressionFilter}: it then digests identity bytes, the compression
 *       filter weakens the tag on compressed responses, and a revalidation answered 304 never runs a compressor.
 * </ul>
 */
public final class ETagFilter implements Filter {
    /** The default largest body that gets an ETag: 1 MiB. */
    public static final int DEFAULT_MAX_BODY_SIZE = 1 << 20;

    private final int maxBodySize;
    private final MessageDigest prototype;
    private final boolean weak;

    private ETagFilter(Builder b) {
        this.maxBodySize = b.maxBodySize;
        this.prototype = b.prototype;
        this.weak = b.weak;
    }

    /** Creates a filter with the defaults, for containers that instantiate filters. */
    public ETagFilter() {
        this(new Builder());
    }

    /** @return a builder holding the defaults (1 MiB, SHA-256, strong tags) */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!(request instanceof HttpServletRequest) || !(response instanceof HttpServletResponse)
                || !"GET".equals(((HttpServletRequest) request).getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        HttpServletRequest http = (HttpServletRequest) request;
        ETagResponse wrapped = new ETagResponse(http, (HttpServletResponse) response, newDigest());
        HttpServletRequestWrapper wrappedRequest = new HttpServletRequestWrapper(http) {
            @Override
            public AsyncContext startAsync() {
                wrapped.passThroughQuietly();
                return super.startAsync();
            }

            @Override
            public AsyncContext startAsync(ServletRequest req, ServletResponse resp) {
                wrapped.passThroughQuietly();
                return super.startAsync(req, resp);
            }
        };
        boolean completed = false;
        try {
            chain.doFilter(wrappedRequest, wrapped);
            completed = true;
        } finally {
            if (completed) {
                wrapped.finish();
            }
        }
    }

    private MessageDigest newDigest() {
        try {
            return (MessageDigest) prototype.clone();
        } catch (CloneNotSupportedException e) {
            try {
                return MessageDigest.getInstance(prototype.getAlgorithm());
            } catch (NoSuchAlgorithmException impossible) {
                throw new IllegalStateException(impossible);
            }
        }
    }

    String tagFor(byte[] digest) {
        String opaque = '"' + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest,
                Math.min(digest.length, 16))) + '"';
        return weak ? "W/" + opaque : opaque;
    }

    @Override
    public String toString() {
        return "ETagFilter{maxBodySize=" + maxBodySize + ", algorithm=" + prototype.getAlgorithm() + "}";
    }

    private final class ETagResponse extends HttpServletResponseWrapper {
        private final HttpServletRequest request;
        private final MessageDigest digest;
        private final HoldingStream stream = new HoldingStream();
        private @Nullable PrintWriter writer;
        private boolean streamUsed;
        private byte[] body = new byte[0];
        private int size;
        private long declaredLength = -1;
        private boolean passThrough;
        private boolean finishing;

        ETagResponse(HttpServletRequest request, HttpServletResponse response, MessageDigest digest) {
            super(response);
            this.request = request;
            this.digest = digest;
        }

        @Override
        public ServletOutputStream getOutputStream() {
            if (writer != null) {
                throw new IllegalStateException("getWriter() has already been called on this response");
            }
            streamUsed = true;
            return stream;
        }

        @Override
        public PrintWriter getWriter() {
            PrintWriter w = writer;
            if (w == null) {
                if (streamUsed) {
                    throw new IllegalStateException("getOutputStream() has already been called on this response");
                }
                String charset = getCharacterEncoding();
                setCharacterEncoding(charset);
                w = new PrintWriter(new OutputStreamWriter(stream, Charset.forName(charset)), false);
                writer = w;
            }
            return w;
        }

        @Override
        public void setContentLength(int len) {
            setContentLengthLong(len);
        }

        @Override
        public void setContentLengthLong(long len) {
            if (passThrough) {
                super.setContentLengthLong(len);
            } else {
                declaredLength = len;
            }
        }

        @Override
        public void setHeader(String name, @Nullable String value) {
            if (!passThrough && name.equalsIgnoreCase("Content-Length")) {
                try {
                    declaredLength = value == null ? -1 : Long.parseLong(value.trim());
                } catch (NumberFormatException e) {
                    declaredLength = -1;
                }
            } else {
                super.setHeader(name, value);
            }
        }

        @Override
        public void flushBuffer() throws IOException {
            PrintWriter w = writer;
            if (w != null) {
                w.flush();
            }
            passThrough();
            super.flushBuffer();
        }

        @Override
        public void resetBuffer() {
            size = 0;
            digest.reset();
            super.resetBuffer();
        }

        @Override
        public void reset() {
            size = 0;
            digest.reset();
            declaredLength = -1;
            super.reset();
        }

        @Override
        public void sendError(int sc, @Nullable String msg) throws IOException {
            size = 0;
            passThrough = true;
            super.sendError(sc, msg);
        }

        @Override
        public void sendError(int sc) throws IOException {
            size = 0;
            passThrough = true;
            super.sendError(sc);
        }

        @Override
        public void sendRedirect(String location) throws IOException {
            size = 0;
            passThrough = true;
            super.sendRedirect(location);
        }

        void passThroughQuietly() {
            try {
                passThrough();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        /** Gives up on the ETag: sends what was held and streams the rest. */
        void passThrough() throws IOException {
            if (passThrough) {
                return;
            }
            passThrough = true;
            if (declaredLength >= 0) {
                super.setContentLengthLong(declaredLength);
            }
            if (size > 0) {
                super.getOutputStream().write(body, 0, size);
                size = 0;
            }
        }

        void hold(byte[] b, int off, int len) throws IOException {
            if (passThrough) {
                super.getOutputStream().write(b, off, len);
                return;
            }
            if ((long) size + len > maxBodySize) {
                passThrough();
                super.getOutputStream().write(b, off, len);
                return;
            }
            if (size + len > body.length) {
                body = Arrays.copyOf(body,
                        Math.min(maxBodySize, Math.max(size + len, Math.max(4096, body.length * 2))));
            }
            System.arraycopy(b, off, body, size, len);
            size += len;
            digest.update(b, off, len);
        }

        void finish() throws IOException {
            PrintWriter w = writer;
            if (w != null) {
                finishing = true; // the writer's own flush below is not the application's
                w.flush();
            }
            if (passThrough || request.isAsyncStarted()) {
                return;
            }
            passThrough = true;
            if (getStatus() != SC_OK) {
                if (declaredLength >= 0) {
                    super.setContentLengthLong(declaredLength);
                }
                if (size > 0) {
                    super.getOutputStream().write(body, 0, size);
                }
                return;
            }
            String etag = getHeader("ETag");
            if (etag == null) {
                etag = tagFor(digest.digest());
                super.setHeader("ETag", etag);
            }
            if (matches(etag)) {
                super.setStatus(SC_NOT_MODIFIED);
                return;
            }
            super.setContentLengthLong(size);
            if (size > 0) {
                super.getOutputStream().write(body, 0, size);
            }
        }

        private boolean matches(String etag) {
            Enumeration<String> values = request.getHeaders("If-None-Match");
            while (values != null && values.hasMoreElements()) {
                String v = values.nextElement();
                if (v != null && ETags.noneMatchHits(v, etag)) {
                    return true;
                }
            }
            return false;
        }

        private final class HoldingStream extends ServletOutputStream {
            private final byte[] one = new byte[1];

            @Override
            public void write(int b) throws IOException {
                one[0] = (byte) b;
                hold(one, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                java.util.Objects.checkFromIndexSize(off, len, b.length);
                hold(b, off, len);
            }

            @Override
            public void flush() throws IOException {
                if (finishing) {
                    return;
                }
                passThrough();
                ETagResponse.super.getOutputStream().flush();
            }

            @Override
            public void close() throws IOException {
                PrintWriter w = writer;
                if (w != null) {
                    w.flush();
                }
                if (passThrough) {
                    ETagResponse.super.getOutputStream().close();
                }
                // else: finish() sends the held body when the chain returns
            }

            @Override
            public boolean isReady() {
                if (!passThrough) {
                    return true;
                }
                try {
                    return ETagResponse.super.getOutputStream().isReady();
                } catch (IOException e) {
                    return false;
                }
            }

            @Override
            public void setWriteListener(WriteListener writeListener) {
                try {
                    passThrough();
                    ETagResponse.super.getOutputStream().setWriteListener(writeListener);
                } catch (IOException e) {
                    throw new IllegalStateException("cannot switch to non-blocking output", e);
                }
            }
        }
    }

    /** Builds an {@link ETagFilter}. */
    public static final class Builder {
        private int maxBodySize = DEFAULT_MAX_BODY_SIZE;
        private MessageDigest prototype = digest("SHA-256", "algorithm");
        private boolean weak;

        private Builder() {}

        /**
         * Sets the largest body that gets an ETag; larger ones stream without one.
         *
         * @param bytes 1 to 64 MiB
         * @return this builder
         */
        public Builder maxBodySize(int bytes) {
            Require.argument(bytes >= 1 && bytes <= 64 << 20, "maxBodySize must be between 1 and %s bytes, but was %s",
                    64 << 20, bytes);
            this.maxBodySize = bytes;
            return this;
        }

        /**
         * Sets the digest algorithm.
         *
         * @param algorithm a {@link MessageDigest} name such as {@code SHA-256} (default) or {@code SHA-1}
         * @return this builder
         */
        public Builder algorithm(String algorithm) {
            this.prototype = digest(Require.nonBlank(algorithm, "algorithm"), "algorithm");
            return this;
        }

        /**
         * Sets whether the computed tags are weak ({@code W/"..."}). Strong by default: the digest is over the
         * exact bytes.
         *
         * @param weak true for weak tags
         * @return this builder
         */
        public Builder weak(boolean weak) {
            this.weak = weak;
            return this;
        }

        private static MessageDigest digest(String algorithm, String setting) {
            try {
                return MessageDigest.getInstance(algorithm);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalArgumentException(setting + " '" + algorithm + "' is not available in this JVM", e);
            }
        }

        /** @return the filter */
        public ETagFilter build() {
            return new ETagFilter(this);
        }
    }
}
