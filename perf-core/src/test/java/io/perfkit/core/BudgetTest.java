package io.perfkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BudgetTest {

    private static ScopeReport report(long queries, Duration dbTime, long hits, long misses, Finding... findings) {
        return new ScopeReport("GET /orders", Duration.ofMillis(80), queries, dbTime, hits, misses,
                List.of(findings), true);
    }

    @Test
    void aReportWithinEveryLimitPasses() {
        Budget budget = Budget.builder().maxQueries(10).maxDatabaseTime(Duration.ofMillis(50))
                .maxFindings(FindingKind.N_PLUS_ONE, 0).minCacheHitRate(0.8).build();
        BudgetReport result = budget.check(report(10, Duration.ofMillis(50), 8, 2));
        assertThat(result.passed()).isTrue();
        result.assertWithinBudget();
        assertThat(result).hasToString("within budget");
    }

    @Test
    void everyBreachIsReportedWithTheNumbers() {
        Budget budget = Budget.builder()
                .maxQueries(10)
                .maxDatabaseTime(Duration.ofMillis(50))
                .maxDuration(Duration.ofMillis(60))
                .maxFindings(FindingKind.N_PLUS_ONE, 0)
                .minCacheHitRate(0.8)
                .build();
        BudgetReport result = budget.check(report(23, Duration.ofMillis(120), 1, 3,
                Finding.builder(FindingKind.N_PLUS_ONE, "loop").build()));

        assertThat(result.passed()).isFalse();
        assertThat(result.breaches()).extracting(Breach::toString).containsExactly(
                "GET /orders: queries 23 > 10",
                "GET /orders: database time 120 ms > 50 ms",
                "GET /orders: duration 80 ms > 60 ms",
                "GET /orders: N_PLUS_ONE findings 1 > 0",
                "GET /orders: cache miss rate 75.0 % > 20.0 %");
        assertThatThrownBy(result::assertWithinBudget)
                .isInstanceOf(BudgetExceededError.class)
                .hasMessageContaining("5 breaches")
                .hasMessageContaining("queries 23 > 10");
    }

    @Test
    void aScopeWithoutCacheReadsPassesTheHitRateLimit() {
        Budget budget = Budget.builder().minCacheHitRate(0.9).build();
        assertThat(budget.check(report(1, Duration.ZERO, 0, 0)).passed()).isTrue();
    }

    @Test
    void reportsCombine() {
        BudgetReport a = new BudgetReport(List.of(new Breach("queries", "1", "2", "a")));
        BudgetReport b = new BudgetReport(List.of(new Breach("queries", "1", "3", "b")));
        assertThat(a.and(b).breaches()).hasSize(2);
    }

    @Test
    void badBudgetsAreRejectedNamingTheSetting() {
        assertThatThrownBy(() -> Budget.builder().build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("at least one limit");
        assertThatThrownBy(() -> Budget.builder().maxQueries(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxQueries");
        assertThatThrownBy(() -> Budget.builder().maxQueries(1).maxQueries(2))
                .isInstanceOf(IllegalStateException.class).hasMessage("maxQueries was already set to 1");
        assertThatThrownBy(() -> Budget.builder().minCacheHitRate(1.5))
                .hasMessageContaining("minCacheHitRate");
        assertThatThrownBy(() -> Budget.builder().maxDatabaseTime(Duration.ZERO))
                .hasMessageContaining("maxDatabaseTime");
    }

    @Test
    void aBudgetChecksALiveScope() {
        Budget budget = Budget.builder().maxQueries(2).build();
        try (WorkScope scope = WorkScope.open("GET /orders")) {
            for (int i = 0; i < 3; i++) {
                scope.recordQuery(1_000);
            }
            assertThat(budget.check(scope.report()).breaches())
                    .extracting(Breach::actual).containsExactly("3");
        }
    }
}
