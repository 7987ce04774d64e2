package io.perfkit.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PoolSizingTest {

    @Test
    void recommend_coresAndSpindles_followsHikariRule() {
        SizingRecommendation r = PoolSizing.builder().databaseCores(4).effectiveSpindles(1).build().recommend();

        assertThat(r.maximumPoolSize()).isEqualTo(9);
        assertThat(r.minimumIdle()).isEqualTo(9);
        assertThat(r.reasoning().get(0)).contains("4 cores × 2 + 1 effective spindles");
        assertThat(r.warnings()).isEmpty();
    }

    @Test
    void recommend_severalInstances_shareTheServerBudget() {
        SizingRecommendation r = PoolSizing.builder().databaseCores(8).instances(3).build().recommend();

        assertThat(r.maximumPoolSize()).isEqualTo(6); // ceil(16 / 3)
        assertThat(r.explain()).contains("3 application instances share that budget");
    }

    @Test
    void recommend_littlesLawAboveBudget_raisesAndWarnsThatTheDatabaseIsTheLimit() {
        SizingRecommendation r = PoolSizing.builder().databaseCores(2)
                .observedLoad(1000, Duration.ofMillis(20)) // 20 connections busy on average
                .build().recommend();

        assertThat(r.maximumPoolSize()).isEqualTo(25); // 20 / 0.8
        assertThat(r.warnings()).singleElement().asString().contains("requests will queue");
    }

    @Test
    void recommend_lightLoad_keepsTheCoreBasedSize() {
        SizingRecommendation r = PoolSizing.builder().databaseCores(4)
                .observedLoad(100, Duration.ofMillis(5))
                .build().recommend();

        assertThat(r.maximumPoolSize()).isEqualTo(8);
        assertThat(r.explain()).contains("Little's law: 100 acquisitions/s × 5 ms held = 0.5 connections");
    }

    @Test
    void recommend_nestedConnections_staysAboveTheDeadlockFloor() {
        SizingRecommendation r = PoolSizing.builder().databaseCores(2)
                .nestedConnections(8, 3) // 8 × (3 − 1) + 1 = 17
                .build().recommend();

        assertThat(r.maximumPoolSize()).isEqualTo(17);
        assertThat(r.explain()).contains("Tn × (Cm − 1) + 1 = 8 × 2 + 1 = 17");
    }

    @Test
    void recommend_aboveMaxConnections_capsPerInstanceAndWarns() {
        SizingRecommendation r = PoolSizing.builder().databaseCores(32).instances(10)
                .databaseLimits(DatabaseLimits.of(100, 3))
                .otherClientConnections(7)
                .observedLoad(2000, Duration.ofMillis(10)) // 20 busy -> 25 per instance
                .build().recommend();

        assertThat(r.maximumPoolSize()).isEqualTo(9); // (100 - 3 - 7) / 10
        assertThat(r.warnings()).anySatisfy(w -> assertThat(w).contains("do not fit under max_connections"));
    }

    @Test
    void build_rejectsBadValues_namingTheSetting() {
        assertThatThrownBy(() -> PoolSizing.builder().build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("databaseCores");
        assertThatThrownBy(() -> PoolSizing.builder().instances(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("instances");
        assertThatThrownBy(() -> PoolSizing.builder().observedLoad(-1, Duration.ofMillis(1)))
                .hasMessageContaining("acquisitionsPerSecond");
        assertThatThrownBy(() -> PoolSizing.builder().targetUtilization(1.5))
                .hasMessageContaining("targetUtilization");
        assertThatThrownBy(() -> DatabaseLimits.of(10, 10)).hasMessageContaining("reservedConnections");
    }
}
