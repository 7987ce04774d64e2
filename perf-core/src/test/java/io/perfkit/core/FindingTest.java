package io.perfkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FindingTest {

    @Test
    void severityDefaultsToTheKindsSeverityAndCanBeOverridden() {
        assertThat(Finding.builder(FindingKind.POOL_SATURATED, "waiting").build().severity())
                .isEqualTo(Severity.CRITICAL);
        assertThat(Finding.builder(FindingKind.POOL_SATURATED, "waiting").severity(Severity.INFO).build().severity())
                .isEqualTo(Severity.INFO);
    }

    @Test
    void evidenceKeepsInsertionOrderAndIsImmutable() {
        Finding f = Finding.builder(FindingKind.N_PLUS_ONE, "loop")
                .evidence("executions", 20).evidence("time", Duration.ofMillis(14)).evidence("batched", true)
                .build();
        assertThat(f.evidence().keySet()).containsExactly("executions", "time", "batched");
        assertThatThrownBy(() -> f.evidence().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void evidenceRejectsValuesThatAreNotNumbersOrShortText() {
        assertThatThrownBy(() -> Finding.builder(FindingKind.N_PLUS_ONE, "loop").evidence("params", new Object()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("evidence 'params'");
    }

    @Test
    void blankMessageIsRejectedNamingTheSetting() {
        assertThatThrownBy(() -> Finding.builder(FindingKind.SLOW_QUERY, " "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("message must not be blank");
        assertThatThrownBy(() -> Finding.builder(null, "x"))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("kind must not be null");
    }

    @Test
    void summaryLineNamesKindMessageEvidenceScopeAndCallSite() {
        StackTraceElement site = new StackTraceElement("com.acme.Orders", "list", "Orders.java", 42);
        Finding f = Finding.builder(FindingKind.N_PLUS_ONE, "SELECT order_items ran 20 times")
                .evidence("executions", 20)
                .scopeName("GET /orders")
                .callSite(Optional.of(site))
                .suggestion("SELECT * FROM order_items WHERE order_id = ANY(?)")
                .build();
        assertThat(f.toString()).isEqualTo("N_PLUS_ONE [WARNING] SELECT order_items ran 20 times {executions=20}"
                + " in GET /orders at com.acme.Orders.list(Orders.java:42)");
        assertThat(f.describe()).contains("suggestion: SELECT * FROM order_items WHERE order_id = ANY(?)");
    }

    @Test
    void toBuilderCopiesEveryField() {
        Finding f = Finding.builder(FindingKind.MISSING_INDEX, "seq scan on orders")
                .subject("q:1").evidence("rows", 1000).suggestion("CREATE INDEX ...").detail("{plan}")
                .scopeName("job").build();
        assertThat(f.toBuilder().build()).isEqualTo(f);
    }
}
