/**
 * The hand-written JDBC wrappers that {@code QueryMonitor.wrap(DataSource)} returns: they delegate every call
 * to the driver's objects and report executions to a {@link io.perfkit.query.internal.jdbc.JdbcObserver}. Not
 * an API: public only so that {@code io.perfkit.query} can create them; they change without notice.
 */
@NullMarked
package io.perfkit.query.internal.jdbc;

import org.jspecify.annotations.NullMarked;
