package io.perfkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FindingSinkTest {
    private static final Finding N_PLUS_ONE = Finding.builder(FindingKind.N_PLUS_ONE, "loop").build();
    private static final Finding SLOW = Finding.builder(FindingKind.SLOW_QUERY, "slow").build();

    @Test
    void collectingSinkKeepsFindingsInOrderAndSelectsByKind() {
        CollectingFindingSink sink = FindingSink.collecting();
        sink.accept(N_PLUS_ONE);
        sink.accept(SLOW);
        assertThat(sink.findings()).containsExactly(N_PLUS_ONE, SLOW);
        assertThat(sink.findings(FindingKind.SLOW_QUERY)).containsExactly(SLOW);
        sink.clear();
        assertThat(sink.findings()).isEmpty();
    }

    @Test
    void strictSinkThrowsOnRejectedKindsOnlyAndVerifyReportsThemLater() {
        StrictFindingSink strict = FindingSink.strict(FindingKind.N_PLUS_ONE);
        strict.accept(SLOW); // not rejected
        assertThatThrownBy(() -> strict.accept(N_PLUS_ONE))
                .isInstanceOf(FindingAssertionError.class)
                .hasMessageContaining("N_PLUS_ONE");
        assertThat(strict.violations()).containsExactly(N_PLUS_ONE);
        assertThatThrownBy(strict::verify).isInstanceOf(FindingAssertionError.class);
    }

    @Test
    void strictSinkWithoutKindsRejectsEverything() {
        StrictFindingSink strict = FindingSink.strict();
        assertThatThrownBy(() -> strict.accept(SLOW)).isInstanceOf(FindingAssertionError.class);
    }

    @Test
    void strictSinkVerifyPassesWhenNothingWasRejected() {
        StrictFindingSink strict = FindingSink.strict(FindingKind.N_PLUS_ONE);
        strict.accept(SLOW);
        strict.verify();
        assertThat(strict.violations()).isEmpty();
    }

    @Test
    void compositeSinkCallsEverySinkEvenWhenOneThrows() {
        List<Finding> seen = new ArrayList<>();
        FindingSink failing = f -> {
            throw new IllegalStateException("broken sink");
        };
        FindingSink sink = FindingSink.all(failing, seen::add);
        assertThatThrownBy(() -> sink.accept(SLOW)).hasMessage("broken sink");
        assertThat(seen).containsExactly(SLOW);
    }

    @Test
    void compositeOfOneIsThatSinkAndDisabledSinksAreDropped() {
        CollectingFindingSink collecting = FindingSink.collecting();
        assertThat(FindingSink.all(collecting, FindingSink.disabled())).isSameAs(collecting);
        assertThat(FindingSink.all(FindingSink.disabled())).isSameAs(FindingSink.disabled());
        assertThatThrownBy(FindingSink::all).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void loggingSinkAcceptsEverySeverity() {
        FindingSink logging = FindingSink.logging();
        for (Severity severity : Severity.values()) {
            logging.accept(Finding.builder(FindingKind.SLOW_QUERY, "slow").severity(severity).build());
        }
        assertThat(logging).hasToString("FindingSink.logging()");
    }
}
