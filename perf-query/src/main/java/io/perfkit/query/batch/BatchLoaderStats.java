package io.perfkit.query.batch;

/**
 * What a {@link BatchLoader} has done since it was built: the figures that show an N+1 loop turned into a
 * batch.
 *
 * @param batches calls of the batch function, that is round trips to the database
 * @param keysRequested keys asked for, duplicates included
 * @param keysLoaded keys passed to the batch function (distinct, not cached)
 * @param cacheHits keys answered from the cache
 */
public record BatchLoaderStats(long batches, long keysRequested, long keysLoaded, long cacheHits) {}
