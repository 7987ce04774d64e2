/**
 * Test fixtures shared by perfkit's modules.
 *
 * <ul>
 *   <li>{@link io.perfkit.testkit.RealServers @RealServers} gives a test class a real PostgreSQL
 *       database and a Redis key space of its own, taken from the environment, from
 *       Testcontainers, or from embedded servers, in that order.</li>
 *   <li>{@link io.perfkit.testkit.StubDataSource} and {@link io.perfkit.testkit.StubDriver} are a
 *       JDBC driver with canned results and no network, for benchmarks and for unit tests of JDBC
 *       wrappers.</li>
 * </ul>
 */
@NullMarked
package io.perfkit.testkit;

import org.jspecify.annotations.NullMarked;
