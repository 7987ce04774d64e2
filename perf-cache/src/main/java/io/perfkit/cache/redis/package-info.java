/** The Redis L2 and message channel through Lettuce, standalone or Cluster. */
@NullMarked
package io.perfkit.cache.redis;

import org.jspecify.annotations.NullMarked;
