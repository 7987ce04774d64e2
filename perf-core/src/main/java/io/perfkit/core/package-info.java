/**
 * What every perfkit module shares: {@link io.perfkit.core.Finding findings} of performance problems and the
 * {@link io.perfkit.core.FindingSink sinks} they go to, the {@link io.perfkit.core.WorkScope unit of work}
 * that queries, cache reads and findings are recorded against, and {@link io.perfkit.core.Budget budgets}
 * that turn those records into a pass or a list of breaches.
 *
 * <pre>{@code
 * CollectingFindingSink findings = FindingSink.collecting();
 * try (WorkScope scope = WorkScope.open("GET /books")) {
 *     service.listBooks();                     // perfkit modules record into the current scope
 *     Budget.builder().maxQueries(10).build()
 *           .check(scope.report())
 *           .assertWithinBudget();
 * }
 * }</pre>
 */
@NullMarked
package io.perfkit.core;

import org.jspecify.annotations.NullMarked;
