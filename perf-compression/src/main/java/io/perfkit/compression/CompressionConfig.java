package io.perfkit.compression;

import io.perfkit.compression.brotli.BrotliEncoding;
import io.perfkit.compression.zstd.ZstdEncoding;
import io.perfkit.core.Require;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link CompressionFilter}'s settings: immutable, built and validated once; every rejected value names its
 * setting.
 *
 * <pre>{@code
 * CompressionConfig config = CompressionConfig.builder()
 *         .minSize(1024)
 *         .excludedPaths("/downloads/*", "/account/*")
 *         .recorder(MicrometerCompressionRecorder.of(registry))
 *         .build();
 * }</pre>
 *
 * <table>
 *   <caption>Defaults</caption>
 *   <tr><th>setting</th><th>default</th></tr>
 *   <tr><td>{@code encodings}</td><td>br (quality 4), zstd (level 3), gzip (6), deflate (6); br and zstd only
 *       when their optional native library loads</td></tr>
 *   <tr><td>{@code minSize}</td><td>1024 bytes</td></tr>
 *   <tr><td>{@code includedMimeTypes}</td><td>{@link #DEFAULT_INCLUDED_MIME_TYPES}</td></tr>
 *   <tr><td>{@code excludedMimeTypes}, {@code excludedPaths}</td><td>none</td></tr>
 *   <tr><td>{@code honourNoTransform}</td><td>true</td></tr>
 *   <tr><td>{@code recorder}</td><td>{@link CompressionRecorder#disabled()}</td></tr>
 *   <tr><td>{@code recycledWrappers}</td><td>0: per-response wrappers are not recycled</td></tr>
 * </table>
 */
public final class CompressionConfig {
    /** The default minimum body size in bytes below which responses go out uncompressed. */
    public static final int DEFAULT_MIN_SIZE = 1024;

    /** The largest accepted {@code minSize}: the filter buffers up to this many bytes per response. */
    public static final int MAX_MIN_SIZE = 1 << 20;

    /** Text, JSON, XML, JavaScript and SVG: what compresses well. */
    public static final List<String> DEFAULT_INCLUDED_MIME_TYPES = List.of(
            "text/*",
            "application/json",
            "*/*+json",
            "application/x-ndjson",
            "application/xml",
            "*/*+xml",
            "application/javascript",
            "application/x-javascript",
            "application/ecmascript",
            "application/graphql",
            "application/x-www-form-urlencoded",
            "image/svg+xml",
            "image/x-icon",
            "font/ttf",
            "font/otf",
            "application/wasm");

    /** The largest accepted {@code recycledWrappers}. */
    public static final int MAX_RECYCLED_WRAPPERS = 4096;

    private static final Logger LOG = LoggerFactory.getLogger(CompressionConfig.class);

    private final List<ContentEncoding> encodings;
    private final int minSize;
    private final List<String> includedMimeTypes;
    private final List<String> excludedMimeTypes;
    private final MediaTypes.Patterns included;
    private final MediaTypes.Patterns excluded;
    private final List<String> excludedPaths;
    private final boolean honourNoTransform;
    private final CompressionRecorder recorder;
    private final int recycledWrappers;

    private CompressionConfig(Builder b, List<ContentEncoding> encodings) {
        this.encodings = List.copyOf(encodings);
        this.minSize = b.minSize;
        this.includedMimeTypes = List.copyOf(b.includedMimeTypes);
        this.excludedMimeTypes = List.copyOf(b.excludedMimeTypes);
        this.included = MediaTypes.Patterns.of(includedMimeTypes);
        this.excluded = MediaTypes.Patterns.of(excludedMimeTypes);
        this.excludedPaths = List.copyOf(b.excludedPaths);
        this.honourNoTransform = b.honourNoTransform;
        this.recorder = b.recorder;
        this.recycledWrappers = b.recycledWrappers;
    }

    /** @return a builder holding the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the default configuration */
    public static CompressionConfig ofDefaults() {
        return builder().build();
    }

    /** @return the usable codings in server preference order (unavailable ones already replaced by gzip) */
    public List<ContentEncoding> encodings() {
        return encodings;
    }

    /** @return the minimum body size in bytes that gets compressed */
    public int minSize() {
        return minSize;
    }

    /** @return media-type patterns that are compressed */
    public List<String> includedMimeTypes() {
        return includedMimeTypes;
    }

    /** @return media-type patterns never compressed, checked before the included ones */
    public List<String> excludedMimeTypes() {
        return excludedMimeTypes;
    }

    /** @return path patterns never compressed */
    public List<String> excludedPaths() {
        return excludedPaths;
    }

    /** @return whether {@code Cache-Control: no-transform} on a response prevents compressing it */
    public boolean honourNoTransform() {
        return honourNoTransform;
    }

    /** @return where the filter reports what it did */
    public CompressionRecorder recorder() {
        return recorder;
    }

    /**
     * @return how many idle per-response wrapper sets the filter keeps for reuse; 0 when recycling is off
     * @see Builder#recycledWrappers(int)
     */
    public int recycledWrappers() {
        return recycledWrappers;
    }

    /** @param contentType a Content-Type value (parameters allowed) or its type/subtype; null is not compressible */
    boolean isCompressible(@Nullable String contentType) {
        return MediaTypes.isIncluded(contentType, included, excluded);
    }

    @Override
    public String toString() {
        return "CompressionConfig{encodings=" + encodings + ", minSize=" + minSize + ", includedMimeTypes="
                + includedMimeTypes + ", excludedMimeTypes=" + excludedMimeTypes + ", excludedPaths=" + excludedPaths
                + ", honourNoTransform=" + honourNoTransform + ", recycledWrappers=" + recycledWrappers + "}";
    }

    /** Builds a {@link CompressionConfig}. Not thread-safe. */
    public static final class Builder {
        private List<ContentEncoding> encodings = List.of();
        private boolean encodingsSet;
        private int minSize = DEFAULT_MIN_SIZE;
        private List<String> includedMimeTypes = DEFAULT_INCLUDED_MIME_TYPES;
        private List<String> excludedMimeTypes = List.of();
        private List<String> excludedPaths = List.of();
        private boolean honourNoTransform = true;
        private CompressionRecorder recorder = CompressionRecorder.disabled();
        private int recycledWrappers;

        private Builder() {}

        /**
         * Sets the codings offered, most preferred first; ties in the client's q-values go to the earlier one.
         * A coding whose native library cannot load is dropped when the configuration is built, with one log
         * line, and gzip is added if it is not already offered.
         *
         * @param encodings at least one coding, no two with the same token
         * @return this builder
         */
        public Builder encodings(ContentEncoding... encodings) {
            Require.nonNull(encodings, "encodings");
            return encodings(Arrays.asList(encodings));
        }

        /**
         * Sets the codings offered, most preferred first.
         *
         * @param encodings at least one coding, no two with the same token
         * @return this builder
         * @see #encodings(ContentEncoding...)
         */
        public Builder encodings(List<? extends ContentEncoding> encodings) {
            Require.nonNull(encodings, "encodings");
            Require.argument(!encodings.isEmpty(), "encodings must not be empty");
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < encodings.size(); i++) {
                ContentEncoding e = Require.nonNull(encodings.get(i), "encodings[" + i + "]");
                String token = ContentEncoding.normalize(Require.nonBlank(e.token(), "encodings[" + i + "].token()"));
                Require.argument(!token.equals("identity") && !token.equals("*"),
                        "encodings[%s] must be a real coding, but was '%s'", i, token);
                Require.argument(seen.add(token), "encodings lists '%s' twice", token);
            }
            this.encodings = List.copyOf(encodings);
            this.encodingsSet = true;
            return this;
        }

        /**
         * Sets the smallest body that is compressed. The filter buffers at most this many bytes to decide, then
         * streams; a body that ends (or is flushed) before reaching it goes out uncompressed.
         *
         * @param bytes 0 (compress everything) to {@value #MAX_MIN_SIZE}
         * @return this builder
         */
        public Builder minSize(int bytes) {
            Require.argument(bytes >= 0 && bytes <= MAX_MIN_SIZE, "minSize must be between 0 and %s bytes, but was %s",
                    MAX_MIN_SIZE, bytes);
            this.minSize = bytes;
            return this;
        }

        /**
         * Replaces the compressible media types.
         *
         * @param patterns such as {@code text/*}, {@code application/json}, {@code application/*+json}
         * @return this builder
         */
        public Builder includedMimeTypes(String... patterns) {
            this.includedMimeTypes = mimeTypes(patterns, "includedMimeTypes");
            return this;
        }

        /**
         * Sets media types never compressed even when included.
         *
         * @param patterns such as {@code text/event-stream}
         * @return this builder
         */
        public Builder excludedMimeTypes(String... patterns) {
            this.excludedMimeTypes = mimeTypes(patterns, "excludedMimeTypes");
            return this;
        }

        /**
         * Sets paths (inside the web application) whose responses are never compressed: downloads, pages that
         * reflect user input next to secrets (BREACH).
         *
         * @param patterns exact ({@code /login}), prefix ({@code /account/*}) or extension ({@code *.zip})
         * @return this builder
         */
        public Builder excludedPaths(String... patterns) {
            Require.nonNull(patterns, "excludedPaths");
            List<String> list = new ArrayList<>();
            for (int i = 0; i < patterns.length; i++) {
                list.add(PathPatterns.validate(patterns[i], "excludedPaths[" + i + "]"));
            }
            this.excludedPaths = list;
            return this;
        }

        /**
         * Sets whether a response marked {@code Cache-Control: no-transform} is left uncompressed (default true).
         * RFC 9110 binds only intermediaries to it; an origin-side filter honours it because it usually sits in
         * front of content that asked not to be changed.
         *
         * @param honour false to compress such responses anyway
         * @return this builder
         */
        public Builder honourNoTransform(boolean honour) {
            this.honourNoTransform = honour;
            return this;
        }

        /**
         * Sets where the filter reports bytes, time and skips.
         *
         * @param recorder such as {@code MicrometerCompressionRecorder.of(registry)}
         * @return this builder
         */
        public Builder recorder(CompressionRecorder recorder) {
            this.recorder = Require.nonNull(recorder, "recorder");
            return this;
        }

        /**
         * Turns on recycling of the filter's per-response objects (the response and stream wrappers, the request
         * wrapper and the buffer that holds a body below {@code minSize}), so that a response the filter leaves
         * uncompressed allocates nothing of the filter's own. Off by default.
         *
         * <p>A wrapper goes back to a bounded, lock-free pool shared by all threads only after the filter's
         * {@code doFilter} has returned normally for a request that never went asynchronous (no
         * {@code startAsync}, no {@code WriteListener}) and whose body was finished without an exception; it is
         * reset completely before it serves another request. The servlet specification makes request and
         * response objects valid only within {@code service}/{@code doFilter} (or the async cycle), so code that
         * follows it cannot tell. Code that keeps the response, its stream or writer, or the request after
         * returning, and uses them from another thread later, would then write into, or read from, whichever
         * request the wrapper serves at that moment: the reason Tomcat discards its own facades by default
         * ({@code discardFacades}). While a wrapper sits idle in the pool such use fails with
         * {@code IllegalStateException}. Turn it on for applications that do not hold on to requests or
         * responses past their return; see docs/compression.md.
         *
         * @param maxIdle how many idle wrapper sets to keep, 0 (off) to {@value #MAX_RECYCLED_WRAPPERS}; about
         *     the number of requests served at once is enough (a busier moment allocates, as without recycling)
         * @return this builder
         */
        public Builder recycledWrappers(int maxIdle) {
            Require.argument(maxIdle >= 0 && maxIdle <= MAX_RECYCLED_WRAPPERS,
                    "recycledWrappers must be between 0 (off) and %s, but was %s", MAX_RECYCLED_WRAPPERS, maxIdle);
            this.recycledWrappers = maxIdle;
            return this;
        }

        private static List<String> mimeTypes(String[] patterns, String setting) {
            Require.nonNull(patterns, setting);
            List<String> list = new ArrayList<>();
            for (int i = 0; i < patterns.length; i++) {
                list.add(MediaTypes.validate(patterns[i], setting + "[" + i + "]"));
            }
            return list;
        }

        /**
         * Validates and builds the configuration, dropping codings whose native library cannot load.
         *
         * @return the configuration
         */
        public CompressionConfig build() {
            List<ContentEncoding> requested = encodingsSet ? encodings : defaultEncodings();
            List<ContentEncoding> usable = new ArrayList<>();
            boolean dropped = false;
            for (ContentEncoding e : requested) {
                Throwable cause = e.unavailabilityCause();
                if (cause == null) {
                    usable.add(e);
                } else {
                    dropped = true;
                    if (encodingsSet) {
                        LOG.warn("Content coding '{}' is unavailable ({}); responses use gzip instead", e.token(),
                                cause.toString());
                    } else {
                        LOG.info("Content coding '{}' is not offered: {}", e.token(), cause.toString());
                    }
                }
            }
            if (dropped && usable.stream().noneMatch(e -> e.token().equalsIgnoreCase("gzip"))) {
                usable.add(ContentEncoding.gzip());
            }
            return new CompressionConfig(this, usable);
        }

        private static List<ContentEncoding> defaultEncodings() {
            List<ContentEncoding> list = new ArrayList<>(4);
            list.add(BrotliEncoding.ofDefaults());
            list.add(ZstdEncoding.ofDefaults());
            list.add(ContentEncoding.gzip());
            list.add(ContentEncoding.deflate());
            return list;
        }
    }
}
