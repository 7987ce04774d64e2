package io.perfkit.examples.bookstore;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.jspecify.annotations.Nullable;

/**
 * The service's stand-in for perf-compression until its filters are wired in: buffers a GET response, gives it a
 * strong ETag (a SHA-256 prefix of the body), answers a matching {@code If-None-Match} with 304 and no body, and
 * gzips bodies of at least {@value #MIN_SIZE} bytes for clients that accept gzip ({@code Vary: Accept-Encoding}).
 * Buffering whole bodies suits this service's bounded JSON responses; perf-compression's {@code CompressionFilter}
 * streams, negotiates br/zstd/gzip with q-values and pools deflaters, and replaces this class.
 */
public final class GzipEtagFilter implements Filter {
    /** Bodies smaller than this are sent as they are: gzip's header and the CPU would cost more than they save. */
    public static final int MIN_SIZE = 1024;

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!(request instanceof HttpServletRequest) || !(response instanceof HttpServletResponse)
                || !"GET".equals(((HttpServletRequest) request).getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        HttpServletRequest http = (HttpServletRequest) request;
        HttpServletResponse out = (HttpServletResponse) response;
        BufferingResponse buffered = new BufferingResponse(out);
        chain.doFilter(request, buffered);
        byte[] body = buffered.body();
        if (buffered.getStatus() != HttpServletResponse.SC_OK || out.isCommitted()) {
            write(out, body);
            return;
        }
        String etag = etag(body);
        out.setHeader("ETag", etag);
        out.addHeader("Vary", "Accept-Encoding");
        if (matches(http.getHeader("If-None-Match"), etag)) {
            out.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            out.setContentLength(-1);
            return;
        }
        if (body.length >= MIN_SIZE && acceptsGzip(http.getHeader("Accept-Encoding"))) {
            ByteArrayOutputStream compressed = new ByteArrayOutputStream(body.length / 4 + 64);
            try (GZIPOutputStream gzip = new FastGzip(compressed)) {
                gzip.write(body);
            }
            out.setHeader("Content-Encoding", "gzip");
            write(out, compressed.toByteArray());
            return;
        }
        write(out, body);
    }

    private static void write(HttpServletResponse out, byte[] body) throws IOException {
        out.setContentLength(body.length);
        out.getOutputStream().write(body);
    }

    static String etag(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            StringBuilder sb = new StringBuilder(34).append('"');
            for (int i = 0; i < 16; i++) {
                sb.append(Character.forDigit((digest[i] >> 4) & 0xF, 16)).append(Character.forDigit(digest[i] & 0xF, 16));
            }
            return sb.append('"').toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }

    /** {@code If-None-Match}: a list of entity tags, possibly weak ({@code W/}), or {@code *}. */
    static boolean matches(@Nullable String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String c = candidate.trim();
            if (c.equals("*") || c.equals(etag) || (c.startsWith("W/") && c.substring(2).equals(etag))) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code Accept-Encoding} lists gzip (or {@code *}) with a non-zero quality. */
    static boolean acceptsGzip(@Nullable String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String part : acceptEncoding.split(",")) {
            String[] pieces = part.trim().split(";");
            String coding = pieces[0].trim().toLowerCase(Locale.ROOT);
            if (!coding.equals("gzip") && !coding.equals("x-gzip") && !coding.equals("*")) {
                continue;
            }
            double q = 1.0;
            for (int i = 1; i < pieces.length; i++) {
                String p = pieces[i].trim();
                if (p.startsWith("q=")) {
                    try {
                        q = Double.parseDouble(p.substring(2));
                    } catch (NumberFormatException e) {
                        q = 0;
                    }
                }
            }
            if (q > 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * gzip at {@link Deflater#BEST_SPEED}: on JSON it gives most of the default level's saving for a fraction of its
     * CPU, which matters on a small machine serving on a fast network.
     */
    private static final class FastGzip extends GZIPOutputStream {
        FastGzip(ByteArrayOutputStream out) throws IOException {
            super(out, 8192);
            def.setLevel(Deflater.BEST_SPEED);
        }
    }

    /** Collects the body instead of sending it. */
    private static final class BufferingResponse extends HttpServletResponseWrapper {
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(8192);
        private @Nullable ServletOutputStream stream;
        private @Nullable PrintWriter writer;

        BufferingResponse(HttpServletResponse response) {
            super(response);
        }

        @Override
        public ServletOutputStream getOutputStream() {
            if (writer != null) {
                throw new IllegalStateException("getWriter() was already called");
            }
            if (stream == null) {
                stream = new ServletOutputStream() {
                    @Override
                    public void write(int b) {
                        buffer.write(b);
                    }

                    @Override
                    public void write(byte[] b, int off, int len) {
                        buffer.write(b, off, len);
                    }

                    @Override
                    public boolean isReady() {
                        return true;
                    }

                    @Override
                    public void setWriteListener(WriteListener listener) {
                        throw new UnsupportedOperationException("buffered responses are written synchronously");
                    }
                };
            }
            return stream;
        }

        @Override
        public PrintWriter getWriter() {
            if (stream != null) {
                throw new IllegalStateException("getOutputStream() was already called");
            }
            if (writer == null) {
                String encoding = getCharacterEncoding();
                writer = new PrintWriter(new OutputStreamWriter(buffer,
                        encoding == null ? StandardCharsets.UTF_8 : java.nio.charset.Charset.forName(encoding)));
            }
            return writer;
        }

        @Override
        public void setContentLength(int len) {
            // The length is set when the buffered (possibly compressed) body is written.
        }

        @Override
        public void setContentLengthLong(long len) {
            // As above.
        }

        @Override
        public void flushBuffer() {
            // Nothing is sent before the filter decides.
        }

        byte[] body() {
            if (writer != null) {
                writer.flush();
            }
            return buffer.toByteArray();
        }
    }
}
