/**
 * HikariCP sizing with its reasoning, a tuned configuration, a saturation advisor and PostgreSQL's view of the
 * connections.
 *
 * <p>This module's API is built by its own issue; until then the package holds no types.
 */
@NullMarked
package io.perfkit.pool;

import org.jspecify.annotations.NullMarked;
