/**
 * Benchmarks of perf-compression: the {@link io.perfkit.compression.CompressionFilter} against the raw codecs it
 * drives (JDK {@code GZIPOutputStream} and {@code Deflater}, brotli4j, zstd-jni) on the same realistic JSON, and
 * the cost of a response the filter leaves alone.
 */
@NullMarked
package io.perfkit.benchmarks.compression;

import org.jspecify.annotations.NullMarked;
