/**
 * Zstandard ({@code zstd}, RFC 8878 / RFC 9659) through the optional zstd-jni library. Only this package touches
 * zstd-jni; without it on the classpath (or when its native library cannot load) {@link
 * io.perfkit.compression.zstd.ZstdEncoding} reports itself unavailable and the filter falls back to gzip.
 */
@NullMarked
package io.perfkit.compression.zstd;

import org.jspecify.annotations.NullMarked;
