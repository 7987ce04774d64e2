package io.perfkit.compression.zstd;

import io.perfkit.compression.Compressor;
import io.perfkit.compression.ContentEncoding;
import io.perfkit.core.Require;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Zstandard ({@code zstd}) through zstd-jni, with native compression contexts pooled and reused across responses
 * (freed when evicted or when the encoding is closed).
 *
 * <p>RFC 9659 requires HTTP zstd encoders to keep the window at or below 8 MiB, because decoders may refuse
 * more: the window log is therefore capped at {@value #MAX_WINDOW_LOG}; levels 20-22, whose own window is larger,
 * run with that cap.
 *
 * <pre>{@code
 * CompressionConfig.builder().encodings(ZstdEncoding.level(3), ContentEncoding.gzip()).build();
 * }</pre>
 *
 * <p>Add {@code com.github.luben:zstd-jni} to use it. When it is missing or its native library cannot load,
 * {@link #unavailabilityCause()} says why and the configuration falls back to gzip, logging it once.
 */
public final class ZstdEncoding implements ContentEncoding {
    /** The default level: zstd's own default, fast with a ratio close to gzip-9. */
    public static final int DEFAULT_LEVEL = 3;
    /** log2 of the largest window RFC 9659 allows for HTTP: 8 MiB. */
    public static final int MAX_WINDOW_LOG = 23;

    private final int level;
    private final int windowLog;
    private final @Nullable Throwable unavailable;
    private final @Nullable ZstdContextPool pool;

    ZstdEncoding(int level, int windowLog, Supplier<@Nullable Throwable> nativeProbe) {
        Require.argument(level >= -7 && level <= 22, "zstd level must be between -7 and 22, but was %s", level);
        Require.argument(windowLog == 0 || (windowLog >= 10 && windowLog <= MAX_WINDOW_LOG),
                "zstd windowLog must be between 10 and %s (RFC 9659 caps HTTP zstd windows at 8 MiB), but was %s",
                MAX_WINDOW_LOG, windowLog);
        this.level = level;
        this.windowLog = windowLog != 0 ? windowLog : (level >= 20 ? MAX_WINDOW_LOG : 0);
        this.unavailable = nativeProbe.get();
        this.pool = unavailable == null ? new ZstdContextPool(level, this.windowLog) : null;
    }

    /** @return zstd at level {@value #DEFAULT_LEVEL} */
    public static ZstdEncoding ofDefaults() {
        return level(DEFAULT_LEVEL);
    }

    /**
     * Returns zstd at a level, with the level's own window capped at 8 MiB.
     *
     * @param level -7 (fastest) to 22 (smallest)
     * @return the coding
     */
    public static ZstdEncoding level(int level) {
        return new ZstdEncoding(level, 0, ZstdEncoding::probe);
    }

    /**
     * Returns zstd at a level with an explicit window.
     *
     * @param level -7 to 22
     * @param windowLog log2 of the window, 10 to {@value #MAX_WINDOW_LOG}
     * @return the coding
     */
    public static ZstdEncoding of(int level, int windowLog) {
        Require.argument(windowLog != 0, "zstd windowLog must be between 10 and %s, but was 0", MAX_WINDOW_LOG);
        return new ZstdEncoding(level, windowLog, ZstdEncoding::probe);
    }

    static @Nullable Throwable probe() {
        try {
            Class.forName("com.github.luben.zstd.util.Native", false, ZstdEncoding.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return new IllegalStateException("zstd-jni is not on the classpath", e);
        }
        try {
            return ZstdContextPool.nativeUnavailability();
        } catch (LinkageError e) {
            return e;
        }
    }

    /** @return the level */
    public int level() {
        return level;
    }

    /** @return the window log the encoder is capped at, or 0 when the level's own (at most 8 MiB) is used */
    public int windowLog() {
        return windowLog;
    }

    @Override
    public String token() {
        return "zstd";
    }

    @Override
    public Compressor newCompressor() {
        ZstdContextPool p = pool;
        if (p == null) {
            throw new IllegalStateException("zstd is unavailable", unavailable);
        }
        return new ZstdCompressor(p);
    }

    @Override
    public @Nullable Throwable unavailabilityCause() {
        return unavailable;
    }

    @Override
    public void close() {
        ZstdContextPool p = pool;
        if (p != null) {
            p.close();
        }
    }

    @Override
    public String toString() {
        return "zstd(level " + level + ")";
    }
}
