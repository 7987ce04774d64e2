/**
 * The load test: closed-loop HTTP clients drive each bookstore endpoint in naive and tuned mode, and the results
 * are printed as tables and written as a self-contained HTML report.
 */
@NullMarked
package io.perfkit.examples.loadtest;

import org.jspecify.annotations.NullMarked;
