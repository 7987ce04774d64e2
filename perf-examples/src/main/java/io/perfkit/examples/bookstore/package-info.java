/**
 * The bookstore service: an HTTP API over PostgreSQL (jOOQ, HikariCP) and Redis (Lettuce) on Jetty 12, with each
 * endpoint in a naive and a tuned {@link io.perfkit.examples.bookstore.Mode}, so a load test can measure what each
 * cure buys.
 */
@NullMarked
package io.perfkit.examples.bookstore;

import org.jspecify.annotations.NullMarked;
