package io.perfkit.examples.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perfkit.examples.bookstore.Mode;
import io.perfkit.examples.bookstore.SeedPlan;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScenariosTest {
    private final SeedPlan plan = new SeedPlan(1_000, 100, 1_000, 5);
    private final URI base = URI.create("http://127.0.0.1:1/");

    @Test
    void searchPrefixesAreTheFirstWordAndTheStartOfTheSecond() {
        assertThat(Scenarios.prefix("The Silent River")).isEqualTo("the sil");
        assertThat(Scenarios.prefix("Golden Map")).isEqualTo("golden map");
        assertThat(Scenarios.prefix("Dream")).isEqualTo("dream");
    }

    @Test
    void eachScenarioAsksForItsModeAndTheListingUsesPagesNaiveAndCursorsTuned() {
        for (Scenario s : Scenarios.all(plan)) {
            Scenario.Client client = new Scenario.Client(1);
            for (Mode mode : Mode.values()) {
                HttpRequest r = s.next(base, mode, client);
                assertThat(r.uri().getQuery()).contains("mode=" + mode.label());
                assertThat(r.headers().firstValue("Accept-Encoding")).hasValue("gzip");
            }
        }
        Scenario listing = Scenarios.select(Scenarios.all(plan), List.of("listing")).get(0);
        Scenario.Client client = new Scenario.Client(3);
        for (int i = 0; i < 20; i++) {
            assertThat(listing.next(base, Mode.NAIVE, client).uri().getQuery()).contains("page=")
                    .doesNotContain("cursor=");
            assertThat(listing.next(base, Mode.TUNED, client).uri().getQuery()).doesNotContain("page=");
        }
    }

    @Test
    void unknownScenariosAreRejectedByName() {
        assertThatThrownBy(() -> Scenarios.select(Scenarios.all(plan), List.of("nope")))
                .hasMessageContaining("nope");
    }
}
