/** Micrometer meters for {@link io.perfkit.cache.TieredCache} and {@link io.perfkit.cache.RateLimiter}. */
@NullMarked
package io.perfkit.cache.micrometer;

import org.jspecify.annotations.NullMarked;
