package io.perfkit.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perfkit.core.CollectingFindingSink;
import io.perfkit.core.FindingKind;
import io.perfkit.core.FindingSink;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PoolAdvisorTest {
    private final FakeTicker ticker = new FakeTicker();
    private final CollectingFindingSink sink = FindingSink.collecting();
    private final SimulatedPool pool = new SimulatedPool(10);

    private PoolAdvisor.Builder advisor() {
        return PoolAdvisor.builder("orders", pool).findings(sink).ticker(ticker).windowSamples(4);
    }

    private Optional<PoolAdvice> window(PoolAdvisor a, int active, int pending, int acquisitionsPerSample,
                                        Duration hold) {
        Optional<PoolAdvice> advice = Optional.empty();
        for (int i = 0; i < 4; i++) {
            pool.state(active, pending).load(acquisitionsPerSample, hold);
            ticker.advance(Duration.ofSeconds(1));
            advice = a.sample();
        }
        return advice;
    }

    @Test
    void sample_callersWaiting_reportsSaturatedWithLargerSize() {
        PoolAdvisor a = advisor().build();

        PoolAdvice advice = window(a, 10, 6, 500, Duration.ofMillis(20)).orElseThrow();

        assertThat(advice.verdict()).isEqualTo(PoolAdvice.Verdict.SATURATED);
        assertThat(advice.cause()).isEqualTo(PoolAdvice.Cause.DEMAND);
        assertThat(advice.recommendedMaximumPoolSize()).isEqualTo(20); // 16 wanted / 0.8
        assertThat(sink.findings(FindingKind.POOL_SATURATED)).singleElement().satisfies(f -> {
            assertThat(f.subject()).isEqualTo("orders");
            assertThat(f.suggestion()).hasValue("Set maximumPoolSize=20.");
        });
    }

    @Test
    void sample_longHoldTimes_blamesHoldTimeWithItsOwnFinding() {
        PoolAdvisor a = advisor().build();

        PoolAdvice advice = window(a, 10, 3, 5, Duration.ofSeconds(2)).orElseThrow();

        assertThat(advice.cause()).isEqualTo(PoolAdvice.Cause.HOLD_TIME);
        assertThat(sink.findings(FindingKind.CONNECTION_HELD_TOO_LONG)).hasSize(1);
    }

    @Test
    void sample_holdTimesInflateAsThePoolGrew_recommendsTheBestSizeNotALargerOne() {
        PoolAdvisor a = advisor().build();
        window(a, 10, 4, 500, Duration.ofMillis(10));
        pool.maximumPoolSize = 20;

        PoolAdvice advice = window(a, 20, 4, 500, Duration.ofMillis(20)).orElseThrow();

        assertThat(advice.cause()).isEqualTo(PoolAdvice.Cause.DATABASE);
        assertThat(advice.recommendedMaximumPoolSize()).isEqualTo(10); // 20 × 10 / 20
    }

    @Test
    void sample_peakFarBelowMax_reportsOversized() {
        PoolAdvisor a = advisor().build();

        PoolAdvice advice = window(a, 2, 0, 100, Duration.ofMillis(5)).orElseThrow();

        assertThat(advice.verdict()).isEqualTo(PoolAdvice.Verdict.OVERSIZED);
        // peak 2 / 0.8 = 3, but 0.5 busy on average needs 4 for at most 1 % of borrows to wait (Erlang C)
        assertThat(advice.recommendedMaximumPoolSize()).isEqualTo(4);
        assertThat(sink.findings(FindingKind.POOL_OVERSIZED)).hasSize(1);
    }

    @Test
    void sample_occasionalWaitsUnderRandomArrivals_growsToTheErlangCSize() {
        PoolAdvisor a = advisor().build();
        pool.maximumPoolSize = 2;

        Optional<PoolAdvice> advice = Optional.empty();
        for (int i = 0; i < 4; i++) { // one sample in four sees a caller waiting
            pool.state(2, i == 0 ? 1 : 0).load(150, Duration.ofMillis(5)); // 0.75 connections busy on average
            ticker.advance(Duration.ofSeconds(1));
            advice = a.sample();
        }

        assertThat(advice.orElseThrow().verdict()).isEqualTo(PoolAdvice.Verdict.SATURATED);
        assertThat(advice.orElseThrow().recommendedMaximumPoolSize()).isEqualTo(4);
    }

    /** One window of twelve samples: {@code busy} samples of a saturating burst and the rest idle, in that order. */
    private PoolAdvice burstAndIdle(PoolAdvisor a, int busy, boolean burstFirst) {
        Optional<PoolAdvice> advice = Optional.empty();
        for (int i = 0; i < 12; i++) {
            boolean inBurst = burstFirst ? i < busy : i >= 12 - busy;
            if (inBurst) {
                pool.state(10, 6).load(1000, Duration.ofMillis(10)); // all 10 lent out, 6 waiting: 16 wanted
            } else {
                pool.state(0, 0).load(0, Duration.ZERO);
            }
            ticker.advance(Duration.ofSeconds(1));
            advice = a.sample();
        }
        return advice.orElseThrow();
    }

    @Test
    void sample_burstThenIdleInOneWindow_judgedOnTheBurstNotTheAverage() {
        // Averaged over the window, callers waited in 5 of 12 samples (below the 50 % threshold) and Little's law
        // says 4.2 connections in use, which Erlang C serves with 10: the averaged reading was HEALTHY ("nobody
        // waited for long") for a burst in which callers always waited and 16 connections were wanted at once.
        PoolAdvisor a = advisor().windowSamples(12).build();

        PoolAdvice advice = burstAndIdle(a, 5, true);

        assertThat(advice.verdict()).isEqualTo(PoolAdvice.Verdict.SATURATED);
        assertThat(advice.cause()).isEqualTo(PoolAdvice.Cause.DEMAND);
        assertThat(advice.recommendedMaximumPoolSize()).isEqualTo(20); // 16 wanted / 0.8, as for a steady burst
        assertThat(advice.window().samples()).isEqualTo(5);
        assertThat(advice.window().waitingFraction()).isEqualTo(1.0);
        assertThat(advice.window().acquisitionsPerSecond()).isEqualTo(1000.0);
        assertThat(advice.reason()).startsWith("Demand changed within the window: 5 of 12 samples were busy");
        assertThat(sink.findings(FindingKind.POOL_SATURATED)).singleElement()
                .satisfies(f -> assertThat(f.evidence()).containsEntry("busySamples", 5));
    }

    @Test
    void sample_idleThenBurstInOneWindow_judgedOnTheBurst() {
        PoolAdvisor a = advisor().windowSamples(12).build();

        PoolAdvice advice = burstAndIdle(a, 4, false);

        assertThat(advice.verdict()).isEqualTo(PoolAdvice.Verdict.SATURATED);
        assertThat(advice.recommendedMaximumPoolSize()).isEqualTo(20);
    }

    @Test
    void sample_burstInTheMiddleOfIdle_judgedOnTheBurst() {
        PoolAdvisor a = advisor().windowSamples(12).build();
        Optional<PoolAdvice> advice = Optional.empty();
        for (int i = 0; i < 12; i++) {
            if (i >= 4 && i < 8) {
                pool.state(10, 6).load(1000, Duration.ofMillis(10));
            } else {
                pool.state(1, 0).load(20, Duration.ofMillis(10));
            }
            ticker.advance(Duration.ofSeconds(1));
            advice = a.sample();
        }

        assertThat(advice.orElseThrow().verdict()).isEqualTo(PoolAdvice.Verdict.SATURATED);
        assertThat(advice.orElseThrow().recommendedMaximumPoolSize()).isEqualTo(20);
        assertThat(advice.orElseThrow().window().samples()).isEqualTo(4);
    }

    @Test
    void sample_steadyLoadWithNoise_notSplit() {
        PoolAdvisor a = advisor().windowSamples(12).build();
        int[] active = {7, 8, 6, 7, 9, 7, 8, 6, 7, 8, 7, 6};
        Optional<PoolAdvice> advice = Optional.empty();
        for (int n : active) {
            pool.state(n, 0).load(700, Duration.ofMillis(10));
            ticker.advance(Duration.ofSeconds(1));
            advice = a.sample();
        }

        assertThat(advice.orElseThrow().window().samples()).isEqualTo(12);
        assertThat(advice.orElseThrow().verdict()).isEqualTo(PoolAdvice.Verdict.HEALTHY);
    }

    @Test
    void erlangSize_knownValues() {
        assertThat(PoolAdvisor.erlangSize(0, 0.01)).isZero();
        assertThat(PoolAdvisor.erlangSize(0.76, 0.01)).isEqualTo(4);
        assertThat(PoolAdvisor.erlangSize(10, 0.01)).isEqualTo(19); // C(18, 10) = 1.6 %, C(19, 10) = 0.8 %
    }

    @Test
    void sample_healthyPool_noFinding() {
        PoolAdvisor a = advisor().build();

        PoolAdvice advice = window(a, 7, 0, 100, Duration.ofMillis(5)).orElseThrow();

        assertThat(advice.verdict()).isEqualTo(PoolAdvice.Verdict.HEALTHY);
        assertThat(sink.findings()).isEmpty();
    }

    @Test
    void sample_adaptiveOffByDefault_neverResizes() {
        PoolAdvisor a = advisor().build();

        window(a, 10, 6, 500, Duration.ofMillis(20));

        assertThat(pool.maximumPoolSize).isEqualTo(10);
        assertThat(a.growCount()).isZero();
    }

    @Test
    void sample_adaptive_growsByStepWithCooldownThenShrinksWhenIdle() {
        PoolAdvisor a = advisor().adaptive(pool, AdaptiveSizing.within(4, 14).step(3)
                .cooldown(Duration.ofSeconds(6))).build();

        window(a, 10, 6, 500, Duration.ofMillis(20));
        assertThat(pool.maximumPoolSize).isEqualTo(13);
        window(a, 13, 6, 500, Duration.ofMillis(20)); // within the cooldown: no change
        assertThat(pool.maximumPoolSize).isEqualTo(13);
        window(a, 13, 6, 500, Duration.ofMillis(20));
        assertThat(pool.maximumPoolSize).isEqualTo(14); // bounded
        window(a, 1, 0, 10, Duration.ofMillis(5));
        window(a, 1, 0, 10, Duration.ofMillis(5));
        assertThat(pool.maximumPoolSize).isEqualTo(11);
        assertThat(pool.minimumIdle).isLessThanOrEqualTo(11);
        assertThat(a.growCount()).isEqualTo(2);
        assertThat(a.shrinkCount()).isEqualTo(1);
    }

    @Test
    void build_rejectsBadValues_namingTheSetting() {
        assertThatThrownBy(() -> advisor().windowSamples(1)).hasMessageContaining("windowSamples");
        assertThatThrownBy(() -> advisor().sampleInterval(Duration.ofMillis(1))).hasMessageContaining("sampleInterval");
        assertThatThrownBy(() -> advisor().upperBound(5).adaptive(pool, AdaptiveSizing.within(1, 10)).build())
                .hasMessageContaining("upperBound");
        assertThatThrownBy(() -> AdaptiveSizing.within(5, 4)).hasMessageContaining("maximumSize");
    }

    /** A pool whose gauges and counters the test sets, and whose size the advisor may change. */
    static final class SimulatedPool implements PoolSampler, PoolControls {
        int maximumPoolSize;
        int minimumIdle;
        int active;
        int pending;
        long acquisitions;
        long usageNanos;

        SimulatedPool(int size) {
            this.maximumPoolSize = size;
            this.minimumIdle = size;
        }

        SimulatedPool state(int active, int pending) {
            this.active = active;
            this.pending = pending;
            return this;
        }

        void load(int acquisitions, Duration hold) {
            this.acquisitions += acquisitions;
            this.usageNanos += acquisitions * hold.toNanos();
        }

        @Override
        public PoolSnapshot sample() {
            return new PoolSnapshot(active, Math.max(0, maximumPoolSize - active), maximumPoolSize, pending,
                    maximumPoolSize, minimumIdle, true, acquisitions, 0, acquisitions, usageNanos, 0);
        }

        @Override
        public void resize(int maximumPoolSize, int minimumIdle) {
            this.maximumPoolSize = maximumPoolSize;
            this.minimumIdle = minimumIdle;
        }
    }
}
