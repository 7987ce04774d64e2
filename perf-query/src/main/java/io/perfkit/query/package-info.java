/**
 * The JDBC wrapper: query fingerprints and timers, slow-query plan capture and analysis, N+1 detection; and the cures: batch loading, keyset pagination, batched writes.
 *
 * <p>This module's API is built by its own issue; until then the package holds no types.
 */
@NullMarked
package io.perfkit.query;

import org.jspecify.annotations.NullMarked;
