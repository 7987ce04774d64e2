/**
 * Brotli ({@code br}) through the optional brotli4j library and its native encoder. Only this package touches
 * brotli4j; without it on the classpath (or when its native library cannot load) {@link
 * io.perfkit.compression.brotli.BrotliEncoding} reports itself unavailable and the filter falls back to gzip.
 */
@NullMarked
package io.perfkit.compression.brotli;

import org.jspecify.annotations.NullMarked;
