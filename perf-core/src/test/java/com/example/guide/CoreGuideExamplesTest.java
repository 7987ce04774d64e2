package com.example.guide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.perfkit.core.Budget;
import io.perfkit.core.BudgetExceededError;
import io.perfkit.core.CallSiteLocator;
import io.perfkit.core.CollectingFindingSink;
import io.perfkit.core.Finding;
import io.perfkit.core.FindingKind;
import io.perfkit.core.FindingPublisher;
import io.perfkit.core.FindingSink;
import io.perfkit.core.ScopeReport;
import io.perfkit.core.StrictFindingSink;
import io.perfkit.core.WorkScope;
import io.perfkit.core.micrometer.LatencyBudget;
import io.perfkit.core.micrometer.MicrometerFindingSink;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The examples of docs/core.md. Each region between {@code tag::name[]} and {@code end::name[]} is copied
 * verbatim into the guide, and {@code DocSnippetsTest} fails when the two drift apart.
 */
class CoreGuideExamplesTest {

    @Test
    void sinks() {
        MeterRegistry meterRegistry = new SimpleMeterRegistry();
        // tag::sinks[]
        CollectingFindingSink collected = FindingSink.collecting();
        FindingSink sink = FindingSink.all(
                FindingSink.logging(),                              // SLF4J, logger "io.perfkit.findings"
                MicrometerFindingSink.counting(meterRegistry),      // perfkit.findings{kind,severity}
                collected);                                         // in memory, for reports and tests
        // end::sinks[]
        FindingPublisher.of(sink).publish(Finding.builder(FindingKind.SLOW_QUERY, "slow").build());
        assertThat(collected.findings()).hasSize(1);
        assertThat(meterRegistry.get("perfkit.findings").tag("kind", "slow_query").counter().count()).isEqualTo(1);
    }

    @Test
    void publishing() {
        CollectingFindingSink userSink = FindingSink.collecting();
        // tag::publish[]
        FindingPublisher findings = FindingPublisher.of(userSink);   // once per component
        for (int i = 0; i < 1_000; i++) {                            // a hot loop...
            findings.publish(Finding.builder(FindingKind.N_PLUS_ONE, "SELECT on order_items ran 20 times")
                    .subject("q:7f3a2c")
                    .evidence("executions", 20)
                    .suggestion("SELECT * FROM order_items WHERE order_id = ANY(?)")
                    .callSite(CallSiteLocator.defaults().locate())
                    .build());
        }
        // ...reaches the sink once per minute per (kind, subject, call site)
        assertThat(userSink.findings()).hasSize(1);
        // end::publish[]
        assertThat(userSink.findings().get(0).callSite()).hasValueSatisfying(
                site -> assertThat(site.getClassName()).isEqualTo(CoreGuideExamplesTest.class.getName()));
    }

    @Test
    void scopes() throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        // tag::scope[]
        try (WorkScope scope = WorkScope.open("GET /orders")) {
            scope.recordQuery(Duration.ofMillis(2).toNanos());       // perf-query does this for every statement
            executor.submit(scope.wrap(() ->                         // hand-off: the task joins the scope
                    WorkScope.current().ifPresent(s -> s.recordQuery(1_000_000)))).get();
            ScopeReport report = scope.report();
            assertThat(report.queryCount()).isEqualTo(2);
            assertThat(report.databaseTime()).isEqualTo(Duration.ofMillis(3));
        }
        // end::scope[]
        executor.shutdown();
        assertThat(executor.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void budgets() {
        // tag::budget[]
        Budget budget = Budget.builder()
                .maxQueries(10)
                .maxFindings(FindingKind.N_PLUS_ONE, 0)
                .maxDatabaseTime(Duration.ofMillis(50))
                .build();
        try (WorkScope scope = WorkScope.open("GET /orders")) {
            for (int i = 0; i < 12; i++) {
                scope.recordQuery(Duration.ofMillis(1).toNanos());
            }
            assertThatThrownBy(() -> budget.check(scope.report()).assertWithinBudget())
                    .isInstanceOf(BudgetExceededError.class)
                    .hasMessageContaining("GET /orders: queries 12 > 10");
        }
        // end::budget[]
    }

    @Test
    void latencyBudgets() {
        MeterRegistry meterRegistry = new SimpleMeterRegistry();
        Timer timer = Timer.builder("http.server.requests").tag("uri", "/books").publishPercentiles(0.95, 0.99)
                .register(meterRegistry);
        for (int i = 0; i < 100; i++) {
            timer.record(Duration.ofMillis(20));
        }
        // tag::latency[]
        LatencyBudget.builder("http.server.requests")
                .tag("uri", "/books")
                .p95(Duration.ofMillis(200))
                .p99(Duration.ofMillis(500))
                .build()
                .check(meterRegistry)
                .assertWithinBudget();
        // end::latency[]
    }

    @Test
    void strictSinkInTests() {
        // tag::strict[]
        StrictFindingSink strict = FindingSink.strict(FindingKind.N_PLUS_ONE);
        FindingPublisher findings = FindingPublisher.of(strict);
        findings.publish(Finding.builder(FindingKind.SLOW_QUERY, "slow, but allowed here").build());
        strict.verify();   // passes: only N+1 findings fail this test
        // end::strict[]
    }
}
