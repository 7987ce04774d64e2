package io.perfkit.compression;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.Collection;
import java.util.Enumeration;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The response the application sees. Holds back {@code Content-Length} until the decision, makes the decision
 * once (first write past {@code minSize}, first flush, or end of the response) and then fixes the headers:
 * {@code Content-Encoding}, {@code Vary}, the ETag policy, {@code Content-Length}.
 */
final class CompressingResponse extends HttpServletResponseWrapper {
    /** What triggered the decision. */
    enum Phase {
        /**
         * The first write of a body still below {@code minSize}: decide now only if the outcome cannot depend on
         * the size (an image, a client that accepts nothing, a 304), so nothing needs buffering.
         */
        EARLY,
        /** The body reached {@code minSize}. */
        WRITE,
        /** The application flushed before {@code minSize}: a streaming response, compressed if eligible. */
        FLUSH,
        /** The body ended; its size is known. */
        FINISH
    }

    private final HttpServletRequest request;
    private final CompressionFilter filter;
    private final CompressionConfig config;

    private @Nullable CompressingOutputStream stream;
    private @Nullable PrintWriter writer;
    private long declaredLength = -1;
    private boolean decided;
    private boolean compressing;
    private @Nullable ContentEncoding encoding;

    CompressingResponse(HttpServletRequest request, HttpServletResponse response, CompressionFilter filter) {
        super(response);
        this.request = request;
        this.filter = filter;
        this.config = filter.config();
    }

    boolean isDecided() {
        return decided;
    }

    @Nullable String encodingToken() {
        ContentEncoding e = encoding;
        return e == null ? null : e.token();
    }

    boolean timesCompression() {
        return filter.timesCompression();
    }

    ServletOutputStream rawOutputStream() throws IOException {
        return super.getOutputStream();
    }

    // ---- output ----

    private CompressingOutputStream stream() {
        CompressingOutputStream s = stream;
        if (s == null) {
            s = new CompressingOutputStream(this, config.minSize());
            stream = s;
        }
        return s;
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
        if (writer != null) {
            throw new IllegalStateException("getWriter() has already been called on this response");
        }
        return stream();
    }

    @Override
    public PrintWriter getWriter() throws IOException {
        PrintWriter w = writer;
        if (w != null) {
            return w;
        }
        if (stream != null) {
            throw new IllegalStateException("getOutputStream() has already been called on this response");
        }
        String charset = getCharacterEncoding();
        // name the charset in Content-Type, as the container's own getWriter() would
        setCharacterEncoding(charset);
        w = new PrintWriter(new OutputStreamWriter(stream(), Charset.forName(charset)), false);
        writer = w;
        return w;
    }

    @Override
    public void flushBuffer() throws IOException {
        PrintWriter w = writer;
        if (w != null) {
            w.flush();
        }
        if (stream != null || !decided) {
            stream().flush();
        } else {
            super.flushBuffer();
        }
    }

    @Override
    public void resetBuffer() {
        if (!decided && stream != null) {
            stream.resetBuffer();
        }
        super.resetBuffer();
    }

    @Override
    public void reset() {
        if (!decided) {
            declaredLength = -1;
            if (stream != null) {
                stream.resetBuffer();
            }
        }
        super.reset();
    }

    @Override
    public void sendError(int sc, @Nullable String msg) throws IOException {
        bypass();
        super.sendError(sc, msg);
    }

    @Override
    public void sendError(int sc) throws IOException {
        bypass();
        super.sendError(sc);
    }

    @Override
    public void sendRedirect(String location) throws IOException {
        bypass();
        super.sendRedirect(location);
    }

    /** An error page or redirect written by the container: not ours to compress. */
    private void bypass() {
        if (!decided) {
            decided = true;
            if (stream != null) {
                stream.resetBuffer();
            }
            filter.recordSkipped(SkipReason.STATUS);
        }
    }

    // ---- Content-Length and headers ----

    @Override
    public void setContentLength(int len) {
        setContentLengthLong(len);
    }

    @Override
    public void setContentLengthLong(long len) {
        if (!decided) {
            declaredLength = len;
        } else if (!compressing) {
            super.setContentLengthLong(len);
        }
    }

    private static boolean isContentLength(String name) {
        return name.equalsIgnoreCase("Content-Length");
    }

    @Override
    public void setHeader(String name, @Nullable String value) {
        if (isContentLength(name)) {
            setContentLengthLong(value == null ? -1 : parseLength(value));
        } else if (compressing && value != null && name.equalsIgnoreCase("ETag")) {
            super.setHeader(name, weaken(value));
        } else {
            super.setHeader(name, value);
        }
    }

    @Override
    public void addHeader(String name, @Nullable String value) {
        if (isContentLength(name)) {
            setContentLengthLong(value == null ? -1 : parseLength(value));
        } else if (compressing && value != null && name.equalsIgnoreCase("ETag")) {
            super.addHeader(name, weaken(value));
        } else {
            super.addHeader(name, value);
        }
    }

    @Override
    public void setIntHeader(String name, int value) {
        if (isContentLength(name)) {
            setContentLengthLong(value);
        } else {
            super.setIntHeader(name, value);
        }
    }

    @Override
    public void addIntHeader(String name, int value) {
        if (isContentLength(name)) {
            setContentLengthLong(value);
        } else {
            super.addIntHeader(name, value);
        }
    }

    @Override
    public boolean containsHeader(String name) {
        if (isContentLength(name) && !decided) {
            return declaredLength >= 0;
        }
        return super.containsHeader(name);
    }

    @Override
    public @Nullable String getHeader(String name) {
        if (isContentLength(name) && !decided) {
            return declaredLength >= 0 ? Long.toString(declaredLength) : null;
        }
        return super.getHeader(name);
    }

    private static long parseLength(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    // ---- the decision ----

    /**
     * Decides, once, whether this response is compressed, and sets the headers accordingly.
     *
     * @param bytes the body bytes known so far
     * @param phase what triggered the decision
     * @return the compressor to use, or null for identity
     */
    @Nullable Compressor decide(long bytes, Phase phase) {
        if (decided) {
            return null;
        }
        SkipReason reason = null;
        boolean vary = false;
        int status = getStatus();
        EncodingNegotiator.Choice choice = null;
        if ("HEAD".equals(request.getMethod())) {
            reason = SkipReason.HEAD;
            vary = compressibleType();
        } else if (status == SC_PARTIAL_CONTENT || super.containsHeader("Content-Range")) {
            reason = SkipReason.RANGE;
        } else if (status < 200 || status == SC_NO_CONTENT || status == SC_RESET_CONTENT || status == SC_NOT_MODIFIED) {
            reason = SkipReason.NO_BODY_STATUS;
            vary = status == SC_NOT_MODIFIED;
        } else if (status >= 300) {
            reason = SkipReason.STATUS;
        } else if (super.getHeader("Content-Encoding") != null) {
            reason = SkipReason.ALREADY_ENCODED;
        } else if (config.honourNoTransform() && hasNoTransform()) {
            reason = SkipReason.NO_TRANSFORM;
        } else if (CompressionFilter.isMarkedSensitive(request)) {
            reason = SkipReason.SENSITIVE;
        } else if (!compressibleType()) {
            reason = SkipReason.CONTENT_TYPE;
        } else {
            vary = true;
            choice = filter.negotiate(request);
            boolean small = phase == Phase.FINISH ? bytes < config.minSize() || bytes == 0
                    : declaredLength >= 0 && declaredLength < config.minSize();
            if (choice.encoding() == null) {
                reason = SkipReason.NOT_ACCEPTED;
            } else if (small && !(choice.identityForbidden() && bytes > 0)) {
                reason = SkipReason.BELOW_MIN_SIZE;
            }
        }
        if (phase == Phase.EARLY && reason == null) {
            return null; // size decides: keep buffering
        }
        decided = true;
        if (vary) {
            addVary();
        }
        if (status == SC_NOT_MODIFIED && vary) {
            weakenOnNotModified();
        }
        if (reason == null && choice != null) {
            ContentEncoding e = choice.encoding();
            if (e != null) {
                Compressor c = filter.open(e);
                if (c != null) {
                    compressing = true;
                    encoding = e;
                    super.setHeader("Content-Encoding", e.token());
                    String etag = super.getHeader("ETag");
                    if (etag != null) {
                        super.setHeader("ETag", weaken(etag));
                    }
                    return c;
                }
            }
            reason = SkipReason.NOT_ACCEPTED; // the codec failed to open: logged by the filter
        }
        filter.recordSkipped(reason);
        if (declaredLength >= 0) {
            super.setContentLengthLong(declaredLength);
        }
        return null;
    }

    private boolean compressibleType() {
        String essence = MediaTypes.essence(getContentType());
        return essence != null && config.isCompressible(essence);
    }

    private boolean hasNoTransform() {
        for (String value : super.getHeaders("Cache-Control")) {
            if (value != null && value.toLowerCase(Locale.ROOT).contains("no-transform")) {
                return true;
            }
        }
        return false;
    }

    private void addVary() {
        Collection<String> existing = super.getHeaders("Vary");
        StringBuilder merged = new StringBuilder();
        for (String value : existing) {
            if (value == null) {
                continue;
            }
            for (String token : value.split(",")) {
                String t = token.trim();
                if (t.equals("*") || t.equalsIgnoreCase("Accept-Encoding")) {
                    return;
                }
            }
            if (!value.isBlank()) {
                if (merged.length() > 0) {
                    merged.append(", ");
                }
                merged.append(value.trim());
            }
        }
        super.setHeader("Vary", merged.length() == 0 ? "Accept-Encoding" : merged + ", Accept-Encoding");
    }

    /**
     * A 304 carries the ETag its 200 would have. The client holds the compressed variant exactly when it
     * presents the weakened tag, so the 304's strong tag is weakened then.
     */
    private void weakenOnNotModified() {
        String etag = super.getHeader("ETag");
        if (etag == null || !etag.startsWith("\"")) {
            return;
        }
        String weak = "W/" + etag;
        Enumeration<String> values = request.getHeaders("If-None-Match");
        while (values != null && values.hasMoreElements()) {
            String v = values.nextElement();
            if (v != null && ETags.listContainsExactly(v, weak)) {
                super.setHeader("ETag", weak);
                return;
            }
        }
    }

    /** The ETag policy under compression: strong tags become weak, {@code "x"} to {@code W/"x"}. */
    static String weaken(String etag) {
        String t = etag.trim();
        return t.startsWith("\"") ? "W/" + t : t;
    }

    // ---- end of the response ----

    /** Ends the response after the filter chain returned (or the async context completes). */
    void finish(@Nullable Runnable then) throws IOException {
        PrintWriter w = writer;
        if (w != null) {
            stream().finishing(); // the writer's own flush below must not decide "streaming"
            w.flush();
        }
        CompressingOutputStream s = stream;
        if (s != null) {
            s.finish(then);
            return;
        }
        if (!decided) {
            decide(0, Phase.FINISH);
        }
        if (then != null) {
            then.run();
        }
    }

    /** Releases the compressor after a failure; writes nothing. */
    void abort() {
        decided = true;
        CompressingOutputStream s = stream;
        if (s != null) {
            s.release();
        }
    }

    void recordCompressed(@Nullable String token, long bytesIn, long bytesOut, long nanos) {
        if (token != null) {
            filter.recordCompressed(token, bytesIn, bytesOut, nanos);
        }
    }

    void onAsyncFailure(Throwable t) {
        filter.onFailure("async-close", "Closing the compressed response failed", t);
    }
}
