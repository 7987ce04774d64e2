/**
 * Cursor streaming: read a large result with bounded memory. {@link io.perfkit.query.stream.RowStreamer} runs a
 * query with a JDBC fetch size inside a transaction (pgjdbc only streams with autocommit off) and hands the rows
 * out as a {@link java.util.stream.Stream} or a {@link io.perfkit.query.stream.RowCursor} that must be closed.
 *
 * <p>The cure for large results loaded whole into memory.
 */
@NullMarked
package io.perfkit.query.stream;

import org.jspecify.annotations.NullMarked;
