/**
 * Batched writes, the cure for the missing-batch finding ({@code FindingKind.MISSING_BATCH}):
 * {@link io.perfkit.query.write.BatchWriter} inserts or upserts many rows through JDBC batching, in chunks, and
 * names the failing row when a constraint is violated.
 */
@NullMarked
package io.perfkit.query.write;

import org.jspecify.annotations.NullMarked;
