package io.perfkit.pool.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.perfkit.core.FindingSink;
import io.perfkit.pool.LeakTracker;
import io.perfkit.pool.PoolAdvisor;
import io.perfkit.pool.PoolSnapshot;
import org.junit.jupiter.api.Test;

class PoolMetricsTest {

    @Test
    void bind_registersPerfPoolMetersTaggedWithThePool() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        LeakTracker leaks = LeakTracker.builder("orders").findings(FindingSink.disabled()).build();
        PoolAdvisor advisor = PoolAdvisor.builder("orders", () -> PoolSnapshot.ofGauges(1, 9, 10, 0, 10, 10))
                .findings(FindingSink.disabled()).windowSamples(2).build();

        PoolMetrics.bind(leaks, registry);
        PoolMetrics.bind(advisor, registry);
        assertThat(registry.get("perfkit.pool.recommended.size").tag("pool", "orders").gauge().value()).isNaN();
        advisor.sample();
        advisor.sample();

        assertThat(registry.get("perfkit.pool.leaks").tag("pool", "orders").functionCounter().count()).isZero();
        assertThat(registry.get("perfkit.pool.connections.held.too.long").gauge().value()).isZero();
        assertThat(registry.get("perfkit.pool.recommended.size").gauge().value()).isEqualTo(2.0); // oversized: 1 / 0.8
        assertThat(registry.get("perfkit.pool.adjustments").tag("direction", "grow").functionCounter().count())
                .isZero();
        assertThat(registry.getMeters()).noneMatch(m -> m.getId().getName().startsWith("hikaricp."));
    }
}
