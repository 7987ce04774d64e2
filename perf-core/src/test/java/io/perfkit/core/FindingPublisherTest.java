package io.perfkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FindingPublisherTest {
    private final ManualTicker ticker = new ManualTicker();
    private final CollectingFindingSink sink = FindingSink.collecting();
    private final FindingPublisher publisher = FindingPublisher.builder(sink)
            .deduplicationWindow(Duration.ofMinutes(1)).ticker(ticker).build();

    private static Finding nPlusOne(String subject, int line) {
        return Finding.builder(FindingKind.N_PLUS_ONE, "loop").subject(subject)
                .callSite(Optional.of(new StackTraceElement("com.acme.Orders", "list", "Orders.java", line)))
                .build();
    }

    @Test
    void sameKindSubjectAndCallSiteReachTheSinkOncePerWindow() {
        for (int i = 0; i < 1000; i++) {
            publisher.publish(nPlusOne("q:1", 42));
        }
        assertThat(sink.findings()).hasSize(1);
        assertThat(publisher.publishedCount()).isEqualTo(1);
        assertThat(publisher.suppressedCount()).isEqualTo(999);

        ticker.advance(Duration.ofSeconds(61));
        publisher.publish(nPlusOne("q:1", 42));
        assertThat(sink.findings()).hasSize(2);
    }

    @Test
    void differentCallSitesOrSubjectsAreNotDuplicates() {
        publisher.publish(nPlusOne("q:1", 42));
        publisher.publish(nPlusOne("q:1", 43));
        publisher.publish(nPlusOne("q:2", 42));
        assertThat(sink.findings()).hasSize(3);
    }

    @Test
    void zeroWindowPassesEveryFinding() {
        FindingPublisher all = FindingPublisher.builder(sink).deduplicationWindow(Duration.ZERO).build();
        all.publish(nPlusOne("q:1", 42));
        all.publish(nPlusOne("q:1", 42));
        assertThat(sink.findings()).hasSize(2);
    }

    @Test
    void aThrowingSinkIsCountedAndNeverReachesTheCaller() {
        FindingPublisher guarded = FindingPublisher.of(f -> {
            throw new IllegalStateException("sink down");
        });
        guarded.publish(nPlusOne("q:1", 42));
        guarded.publish(nPlusOne("q:2", 42));
        assertThat(guarded.sinkFailureCount()).isEqualTo(2);
    }

    @Test
    void aStrictSinkStillFailsTheTest() {
        FindingPublisher strict = FindingPublisher.of(FindingSink.strict(FindingKind.N_PLUS_ONE));
        assertThatThrownBy(() -> strict.publish(nPlusOne("q:1", 42))).isInstanceOf(FindingAssertionError.class);
    }

    @Test
    void everyFindingIsAddedToTheCurrentScopeWithItsNameEvenWhenTheSinkSuppressesIt() {
        try (WorkScope scope = WorkScope.open("GET /orders")) {
            publisher.publish(nPlusOne("q:1", 42));
            publisher.publish(nPlusOne("q:1", 42));
            assertThat(scope.report().findings()).hasSize(2)
                    .allSatisfy(f -> assertThat(f.scopeName()).hasValue("GET /orders"));
        }
        assertThat(sink.findings()).hasSize(1);
        assertThat(sink.findings().get(0).scopeName()).hasValue("GET /orders");
    }

    @Test
    void trackedKeysStayBounded() {
        FindingPublisher bounded = FindingPublisher.builder(sink).maxTrackedKeys(10).ticker(ticker).build();
        for (int i = 0; i < 100; i++) {
            bounded.publish(nPlusOne("q:" + i, 42));
        }
        // Every distinct key was published; the memory of keys was cleared rather than grown.
        assertThat(sink.findings()).hasSize(100);
        bounded.publish(nPlusOne("q:99", 42));
        assertThat(sink.findings()).hasSize(100);
    }

    @Test
    void builderRejectsBadSettingsNamingThem() {
        assertThatThrownBy(() -> FindingPublisher.builder(sink).deduplicationWindow(Duration.ofSeconds(-1)))
                .hasMessageContaining("deduplicationWindow");
        assertThatThrownBy(() -> FindingPublisher.builder(sink).maxTrackedKeys(0))
                .hasMessageContaining("maxTrackedKeys");
        assertThatThrownBy(() -> FindingPublisher.builder(null)).hasMessage("sink must not be null");
    }
}
