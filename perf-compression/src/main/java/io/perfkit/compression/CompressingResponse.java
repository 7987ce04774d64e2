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

    private static final String ACCEPT_ENCODING = "Accept-Encoding";

    private final CompressionFilter filter;
    private HttpServletRequest request;
    /** A HEAD request: never compressed. */
    private boolean head;
    /** The request has no {@code Accept-Encoding}: identity. */
    private boolean noAcceptEncoding;
    /**
     * The request alone rules compression out (HEAD, or no {@code Accept-Encoding}): the body goes straight to
     * the container, and the wrapper only applies the Vary/ETag policy once the servlet has set status and type.
     */
    private boolean identityOnly;
    /** Whether this wrapper has put {@code Accept-Encoding} into {@code Vary}. */
    private boolean varied;

    private @Nullable CompressingOutputStream stream;
    private @Nullable PrintWriter writer;
    private long declaredLength = -1;
    private boolean decided;
    private boolean compressing;
    private @Nullable ContentEncoding encoding;
    /** The Content-Type value {@link #checkedCompressible} was computed for (compared by identity). */
    private @Nullable String checkedType;
    private boolean checkedCompressible;

    /**
     * With recycling: the objects kept for the next request. One field rather than two keeps this wrapper, which
     * every non-excluded response allocates when recycling is off, at the size it had before recycling existed.
     */
    private @Nullable Spares spares;
    /**
     * False once anything could keep using this wrapper after the filter returns (async started through it, a
     * {@code WriteListener}, an abort): such a wrapper is never recycled.
     */
    private boolean recyclable = true;

    CompressingResponse(HttpServletRequest request, HttpServletResponse response, CompressionFilter filter,
                        boolean head, boolean noAcceptEncoding) {
        super(response);
        this.filter = filter;
        this.request = request;
        this.head = head;
        this.noAcceptEncoding = noAcceptEncoding;
        this.identityOnly = head || noAcceptEncoding;
    }

    /** Binds a recycled wrapper to a new request and response. */
    void reuse(HttpServletRequest request, HttpServletResponse response, boolean head, boolean noAcceptEncoding) {
        clear();
        setResponse(response);
        this.request = request;
        this.head = head;
        this.noAcceptEncoding = noAcceptEncoding;
        this.identityOnly = head || noAcceptEncoding;
    }

    /**
     * @param http the request as the container passed it
     * @return the request the chain sees: this wrapper's request wrapper (kept across recycling)
     */
    HttpServletRequest wrapRequest(HttpServletRequest http) {
        if (!filter.recycles()) {
            // not kept in a field: a wrapper that nothing stores can be scalar-replaced by the JIT when the
            // application never looks at it
            return new CompressionFilter.CompressingRequest(http, this);
        }
        Spares kept = spares();
        CompressionFilter.CompressingRequest w = kept.request;
        if (w == null) {
            w = new CompressionFilter.CompressingRequest(http, this);
            kept.request = w;
        } else {
            w.rebind(http);
        }
        return w;
    }

    private Spares spares() {
        Spares kept = spares;
        if (kept == null) {
            kept = new Spares();
            spares = kept;
        }
        return kept;
    }

    /** Something outside the filter's doFilter may still use this wrapper: never recycle it. */
    void pin() {
        recyclable = false;
    }

    boolean isRecyclable() {
        return recyclable;
    }

    /**
     * Resets every per-request field and lets go of the request and response, so the wrapper can go back to the
     * pool. The caller has checked {@link #isRecyclable()} and that the request is not asynchronous.
     */
    void recycle() {
        clear();
        setResponse(Released.RESPONSE);
        request = Released.REQUEST;
        // identity mode reaches the (released) container response before changing any state of ours, so a stale
        // caller gets the IllegalStateException and leaves the idle wrapper as it was
        head = false;
        noAcceptEncoding = true;
        identityOnly = true;
        Spares kept = spares;
        if (kept != null && kept.request != null) {
            kept.request.rebind(Released.REQUEST);
        }
    }

    /** Back to the state of a new wrapper (apart from the objects kept for reuse). */
    private void clear() {
        CompressingOutputStream s = stream;
        if (s != null) {
            s.recycle(); // also makes sure no compressor stays referenced
            spares().stream = s;
        } else if (spares != null && spares.stream != null) {
            spares.stream.recycle();
        }
        stream = null;
        writer = null;
        varied = false;
        declaredLength = -1;
        decided = false;
        compressing = false;
        encoding = null;
        checkedType = null;
        checkedCompressible = false;
        recyclable = true;
    }

    boolean isIdentityOnly() {
        return identityOnly;
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
            s = spares == null ? null : spares.stream;
            if (s == null) {
                s = new CompressingOutputStream(this, filter.config().minSize(), filter.recycles());
            }
            stream = s;
        }
        return s;
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
        if (identityOnly) {
            decideIdentity();
            return super.getOutputStream();
        }
        if (writer != null) {
            throw new IllegalStateException("getWriter() has already been called on this response");
        }
        return stream();
    }

    @Override
    public PrintWriter getWriter() throws IOException {
        if (identityOnly) {
            decideIdentity();
            return super.getWriter();
        }
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
        if (identityOnly) {
            decideIdentity();
            super.flushBuffer();
            return;
        }
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
        if (identityOnly) {
            // clears our Vary with the other headers; the status and type the servlet sets next bring it back
            super.reset();
            varied = false;
            return;
        }
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
        passThroughErrorPage();
        super.sendError(sc, msg);
    }

    @Override
    public void sendError(int sc) throws IOException {
        bypass();
        passThroughErrorPage();
        super.sendError(sc);
    }

    /** The container may dispatch to an error page after we return; that page goes out as the container sends it. */
    private void passThroughErrorPage() {
        if (!identityOnly) {
            CompressionFilter.passThroughLaterDispatches(request);
        }
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
        if (identityOnly) {
            super.setContentLengthLong(len);
        } else if (!decided) {
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
            if (varied && name.equalsIgnoreCase("Vary")) {
                addVary(); // the servlet replaced Vary after the decision: merge Accept-Encoding in again
            } else if (identityOnly && decided && name.equalsIgnoreCase("Content-Type")) {
                revisitVary();
            }
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
    public void setContentType(@Nullable String type) {
        super.setContentType(type);
        if (identityOnly && decided) {
            revisitVary();
        }
    }

    @Override
    public void setStatus(int sc) {
        super.setStatus(sc);
        if (identityOnly && decided) {
            revisitVary();
        }
    }

    /**
     * In identity mode the policy is applied when the servlet asks for the output, which is normally after it set
     * status and type; a servlet that sets them later, before the response is committed, gets the {@code Vary}
     * the final values call for. Only ever adds it: an extra {@code Vary} costs a cache a split entry, a
     * missing one can serve the wrong variant.
     */
    private void revisitVary() {
        if (!varied && !isCommitted() && varies(getStatus(), responseSkipReason(getStatus()))) {
            addVary();
        }
    }

    @Override
    public boolean containsHeader(String name) {
        if (isContentLength(name) && !decided && !identityOnly) {
            return declaredLength >= 0;
        }
        return super.containsHeader(name);
    }

    @Override
    public @Nullable String getHeader(String name) {
        if (isContentLength(name) && !decided && !identityOnly) {
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
        int status = getStatus();
        SkipReason reason = responseSkipReason(status);
        boolean vary = varies(status, reason);
        EncodingNegotiator.Choice choice = null;
        if (reason == null) {
            choice = noAcceptEncoding ? EncodingNegotiator.Choice.NONE : filter.negotiate(request);
            boolean small = phase == Phase.FINISH ? bytes < filter.config().minSize() || bytes == 0
                    : declaredLength >= 0 && declaredLength < filter.config().minSize();
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

    /** In identity mode: decides (and applies the header policy) before the servlet's first byte can go out. */
    private void decideIdentity() {
        if (!decided) {
            decide(0, Phase.FINISH);
        }
    }

    /**
     * Returns why the response, as the servlet has set it up so far, is not compressed whatever the client
     * accepts, or null when it is eligible (then the coding and the size decide).
     */
    private @Nullable SkipReason responseSkipReason(int status) {
        if (head) {
            return SkipReason.HEAD;
        } else if (status == SC_PARTIAL_CONTENT || super.containsHeader("Content-Range")) {
            return SkipReason.RANGE;
        } else if (status < 200 || status == SC_NO_CONTENT || status == SC_RESET_CONTENT || status == SC_NOT_MODIFIED) {
            return SkipReason.NO_BODY_STATUS;
        } else if (status >= 300) {
            return SkipReason.STATUS;
        } else if (super.getHeader("Content-Encoding") != null) {
            return SkipReason.ALREADY_ENCODED;
        } else if (filter.config().honourNoTransform() && hasNoTransform()) {
            return SkipReason.NO_TRANSFORM;
        } else if (CompressionFilter.isMarkedSensitive(request)) {
            return SkipReason.SENSITIVE;
        } else if (!compressibleType()) {
            return SkipReason.CONTENT_TYPE;
        }
        return null;
    }

    /**
     * The Vary policy: responses whose body could differ by {@code Accept-Encoding} — eligible ones (compressed
     * or not), HEADs of compressible types (their GET would be) and 304s (their 200 would be).
     */
    private boolean varies(int status, @Nullable SkipReason reason) {
        return reason == null || (reason == SkipReason.HEAD && compressibleType())
                || (reason == SkipReason.NO_BODY_STATUS && status == SC_NOT_MODIFIED);
    }

    private boolean compressibleType() {
        String type = getContentType();
        // asked two or three times per response (early decision, final decision, Vary policy): remember the answer
        // for the value it was computed for; a servlet that changes the type gets a new answer
        if (type == null || type != checkedType) {
            checkedType = type;
            checkedCompressible = filter.config().isCompressible(type); // matched in place, no substring
        }
        return checkedCompressible;
    }

    private boolean hasNoTransform() {
        if (super.getHeader("Cache-Control") == null) {
            return false; // most responses: no header, and no collection of its values to build
        }
        for (String value : super.getHeaders("Cache-Control")) {
            if (value != null && value.toLowerCase(Locale.ROOT).contains("no-transform")) {
                return true;
            }
        }
        return false;
    }

    private void addVary() {
        varied = true;
        if (super.getHeader("Vary") == null) {
            super.setHeader("Vary", ACCEPT_ENCODING); // the usual case: a constant, nothing to merge
            return;
        }
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
        super.setHeader("Vary", merged.length() == 0 ? ACCEPT_ENCODING : merged + ", " + ACCEPT_ENCODING);
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
        recyclable = false;
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

    /** What a recycled wrapper keeps for its next request. */
    private static final class Spares {
        @Nullable CompressingOutputStream stream;
        CompressionFilter.@Nullable CompressingRequest request;
    }
}
