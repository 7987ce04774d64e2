/**
 * Servlet response compression (br, zstd, gzip, deflate) with correct Vary, ETag and 304 handling, and Cache-Control rules.
 *
 * <p>This module's API is built by its own issue; until then the package holds no types.
 */
@NullMarked
package io.perfkit.compression;

import org.jspecify.annotations.NullMarked;
