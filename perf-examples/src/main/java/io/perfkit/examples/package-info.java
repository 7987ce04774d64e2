/** The bookstore example service and its load test, showing perfkit finding and fixing its problems. */
@NullMarked
package io.perfkit.examples;

import org.jspecify.annotations.NullMarked;
