/**
 * Batch loading, the cure for N+1 query loops: {@link io.perfkit.query.batch.BatchLoader} collects keys and
 * loads them with one query ({@code WHERE key = ANY(?)} on PostgreSQL), returning results in key order and
 * caching them per {@link io.perfkit.core.WorkScope} or per loader.
 */
@NullMarked
package io.perfkit.query.batch;

import org.jspecify.annotations.NullMarked;
