/** Micrometer metrics for {@link io.perfkit.compression.CompressionFilter}. */
@NullMarked
package io.perfkit.compression.micrometer;

import org.jspecify.annotations.NullMarked;
