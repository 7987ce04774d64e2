/**
 * Query monitoring for JDBC on PostgreSQL: {@link io.perfkit.query.QueryMonitor} wraps a
 * {@link javax.sql.DataSource}, times every statement by its {@link io.perfkit.query.Fingerprint}, captures and
 * analyses the plans of slow ones ({@link io.perfkit.query.PlanAnalyzer}) and detects N+1 loops, duplicate
 * queries and unbatched writes within a {@link io.perfkit.core.WorkScope}; {@link io.perfkit.query.QueryProfiler}
 * explains and analyses a given statement on demand.
 */
@NullMarked
package io.perfkit.query;

import org.jspecify.annotations.NullMarked;
