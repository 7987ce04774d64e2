package io.perfkit.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {
    final AtomicLong now = new AtomicLong();
    final List<BreakerState> changes = new ArrayList<>();
    final CircuitBreaker breaker = new CircuitBreaker(3, TimeUnit.SECONDS.toNanos(1), now::get, changes::add);

    @Test
    void opensAfterConsecutiveFailuresAndFailsFastWhileOpen() {
        breaker.onFailure();
        breaker.onFailure();
        breaker.onSuccess(); // resets the run
        breaker.onFailure();
        breaker.onFailure();
        assertThat(breaker.state()).isEqualTo(BreakerState.CLOSED);
        breaker.onFailure();
        assertThat(breaker.state()).isEqualTo(BreakerState.OPEN);
        assertThat(breaker.tryAcquire()).isFalse();
        assertThat(changes).containsExactly(BreakerState.OPEN);
    }

    @Test
    void letsOneProbeThroughAfterTheOpenTimeAndClosesOnItsSuccess() {
        for (int i = 0; i < 3; i++) {
            breaker.onFailure();
        }
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(999));
        assertThat(breaker.tryAcquire()).isFalse();
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(1));
        assertThat(breaker.tryAcquire()).isTrue();   // the probe
        assertThat(breaker.tryAcquire()).isFalse();  // only one
        breaker.onSuccess();
        assertThat(breaker.state()).isEqualTo(BreakerState.CLOSED);
        assertThat(breaker.tryAcquire()).isTrue();
        assertThat(changes).containsExactly(BreakerState.OPEN, BreakerState.HALF_OPEN, BreakerState.CLOSED);
    }

    @Test
    void aFailedProbeReopensForAnotherFullPeriod() {
        for (int i = 0; i < 3; i++) {
            breaker.onFailure();
        }
        now.addAndGet(TimeUnit.SECONDS.toNanos(1));
        assertThat(breaker.tryAcquire()).isTrue();
        breaker.onFailure();
        assertThat(breaker.state()).isEqualTo(BreakerState.OPEN);
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(500));
        assertThat(breaker.tryAcquire()).isFalse();
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(500));
        assertThat(breaker.tryAcquire()).isTrue();
    }
}
