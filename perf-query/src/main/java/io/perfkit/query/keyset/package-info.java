/**
 * Keyset pagination, the cure for deep {@code OFFSET}: {@link io.perfkit.query.keyset.KeysetPager} seeks past the
 * last row of the previous page with {@code WHERE (sort, id) < (?, ?)} instead of reading and discarding every
 * earlier row, so page 10,000 costs what page 1 costs. Cursors are opaque, versioned and signed
 * ({@link io.perfkit.query.keyset.CursorCodec}); column names are checked against a whitelist and quoted.
 */
@NullMarked
package io.perfkit.query.keyset;

import org.jspecify.annotations.NullMarked;
