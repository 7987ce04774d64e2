/**
 * Servlet response compression (br, zstd, gzip, deflate) with correct {@code Vary}, ETag and 304 handling,
 * conditional requests ({@link io.perfkit.compression.ETagFilter}) and {@code Cache-Control} rules
 * ({@link io.perfkit.compression.CacheControlFilter}).
 *
 * <p>Entry point: {@link io.perfkit.compression.CompressionFilter}, configured by
 * {@link io.perfkit.compression.CompressionConfig}. Brotli and zstd live in the {@code .brotli} and
 * {@code .zstd} subpackages because they need optional native libraries; Micrometer metrics in
 * {@code .micrometer}. See {@code docs/compression.md}.
 */
@NullMarked
package io.perfkit.compression;

import org.jspecify.annotations.NullMarked;
