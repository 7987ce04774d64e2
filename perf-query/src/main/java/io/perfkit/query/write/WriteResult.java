package io.perfkit.query.write;

import java.util.OptionalLong;

/**
 * What a {@link BatchWriter} wrote.
 *
 * @param rows the number of input rows
 * @param batches the number of JDBC batches executed (round trips, before any driver rewrite)
 * @param affectedRows rows inserted or updated as the database reported them; empty when the driver did not
 *     report per-row counts (pgjdbc with {@code reWriteBatchedInserts=true} reports
 *     {@link java.sql.Statement#SUCCESS_NO_INFO}). An upsert counts a row once whether inserted or updated; an
 *     ignored conflict counts zero.
 * @param reWriteBatchedInserts whether pgjdbc rewrote the batches into multi-row inserts; false when it did not
 *     or when the driver is not pgjdbc
 */
public record WriteResult(int rows, int batches, OptionalLong affectedRows, boolean reWriteBatchedInserts) {}
