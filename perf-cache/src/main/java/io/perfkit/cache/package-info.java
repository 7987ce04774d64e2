/**
 * TieredCache: a Caffeine L1 over a Redis L2 (Lettuce), race-safe across instances and serving through Redis failures; a Redis rate limiter.
 *
 * <p>This module's API is built by its own issue; until then the package holds no types.
 */
@NullMarked
package io.perfkit.cache;

import org.jspecify.annotations.NullMarked;
