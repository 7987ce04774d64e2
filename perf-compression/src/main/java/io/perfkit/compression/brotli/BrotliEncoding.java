package io.perfkit.compression.brotli;

import io.perfkit.compression.Compressor;
import io.perfkit.compression.ContentEncoding;
import io.perfkit.core.Require;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Brotli ({@code br}, RFC 7932) through brotli4j's streaming native encoder. A new native encoder per response
 * (brotli's encoder cannot be reset), always destroyed when the response ends.
 *
 * <pre>{@code
 * CompressionConfig.builder().encodings(BrotliEncoding.quality(4), ContentEncoding.gzip()).build();
 * }</pre>
 *
 * <p>Add {@code com.aayushatharva.brotli4j:brotli4j} to use it. When brotli4j is missing or its native library
 * cannot load (musl without libstdc++, an unsupported platform), {@link #unavailabilityCause()} says why and the
 * {@code CompressionConfig} drops this coding in favour of gzip, logging it once when the configuration is
 * built. Quality 4 is the default for dynamic responses: about gzip-6's ratio or better at twice its speed;
 * 11 is for pre-compressed static files only.
 */
public final class BrotliEncoding implements ContentEncoding {
    /** The default quality for dynamic responses. */
    public static final int DEFAULT_QUALITY = 4;
    /** The default window: 2^22 bytes, brotli's own default. */
    public static final int DEFAULT_WINDOW_BITS = 22;

    private final int quality;
    private final int windowBits;
    private final @Nullable Throwable unavailable;

    BrotliEncoding(int quality, int windowBits, Supplier<@Nullable Throwable> nativeProbe) {
        Require.argument(quality >= 0 && quality <= 11, "brotli quality must be between 0 and 11, but was %s", quality);
        Require.argument(windowBits >= 10 && windowBits <= 24,
                "brotli windowBits must be between 10 and 24, but was %s", windowBits);
        this.quality = quality;
        this.windowBits = windowBits;
        this.unavailable = nativeProbe.get();
    }

    /** @return brotli at quality {@value #DEFAULT_QUALITY} */
    public static BrotliEncoding ofDefaults() {
        return quality(DEFAULT_QUALITY);
    }

    /**
     * Returns brotli at a quality.
     *
     * @param quality 0 (fastest) to 11 (smallest, far too slow for dynamic responses)
     * @return the coding
     */
    public static BrotliEncoding quality(int quality) {
        return new BrotliEncoding(quality, DEFAULT_WINDOW_BITS, BrotliEncoding::probe);
    }

    /**
     * Returns brotli at a quality and window size.
     *
     * @param quality 0 to 11
     * @param windowBits log2 of the window, 10 to 24
     * @return the coding
     */
    public static BrotliEncoding of(int quality, int windowBits) {
        return new BrotliEncoding(quality, windowBits, BrotliEncoding::probe);
    }

    /** Checks that brotli4j is present and its native library loaded, without linking to it when absent. */
    static @Nullable Throwable probe() {
        try {
            Class.forName("com.aayushatharva.brotli4j.Brotli4jLoader", false, BrotliEncoding.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return new IllegalStateException("brotli4j is not on the classpath", e);
        }
        try {
            return BrotliCompressor.nativeUnavailability();
        } catch (LinkageError e) {
            return e;
        }
    }

    /** @return the quality */
    public int quality() {
        return quality;
    }

    @Override
    public String token() {
        return "br";
    }

    @Override
    public Compressor newCompressor() {
        Throwable cause = unavailable;
        if (cause != null) {
            throw new IllegalStateException("brotli is unavailable", cause);
        }
        return new BrotliCompressor(quality, windowBits);
    }

    @Override
    public @Nullable Throwable unavailabilityCause() {
        return unavailable;
    }

    @Override
    public String toString() {
        return "br(quality " + quality + ")";
    }
}
