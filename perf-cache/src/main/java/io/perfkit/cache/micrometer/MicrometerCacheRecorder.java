package io.perfkit.cache.micrometer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.perfkit.cache.BreakerState;
import io.perfkit.cache.CacheRecorder;
import io.perfkit.cache.FlushReason;
import io.perfkit.cache.InvalidationType;
import io.perfkit.cache.Tier;
import io.perfkit.core.Require;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Records a {@link io.perfkit.cache.TieredCache} into Micrometer, with Micrometer's cache meter names where they
 * fit so existing dashboards work, plus a {@code tier} tag:
 * <ul>
 *   <li>{@code cache.gets{cache,tier=l1|l2,result=hit|miss}}, {@code cache.puts{cache,tier}},
 *       {@code cache.evictions{cache,tier=l1}}</li>
 *   <li>{@code cache.load{cache,result=success|failure}} (timer), {@code cache.refreshes{cache}}</li>
 *   <li>{@code cache.remote.failures{cache,operation}}: every Redis failure and fallback;
 *       {@code cache.breaker.state{cache}} (0 closed, 1 half-open, 2 open)</li>
 *   <li>{@code cache.invalidations{cache,direction=sent|received,type=key|tag|all}},
 *       {@code cache.invalidation.lag{cache}} (timer, sender to receiver wall clock),
 *       {@code cache.l1.flushes{cache,reason}}</li>
 * </ul>
 * Every meter is registered up front (operation tags are created on first use from a small fixed set), so
 * recording never looks a meter up by tags. Keys are never tags. The four {@code cache.gets} meters are
 * {@link FunctionCounter}s, as in Micrometer's own cache binders (look them up with {@code functionCounter()}): an L1
 * hit adds one to a {@link LongAdder} on the hottest path, with no conversion to {@code double} per hit.
 *
 * <pre>{@code
 * TieredCache.<String, Book>builder("books").recorder(MicrometerCacheRecorder.factory(registry)) ...
 * }</pre>
 */
public final class MicrometerCacheRecorder implements CacheRecorder {
    private final MeterRegistry registry;
    private final Tags tags;
    private final LongAdder l1Hit = new LongAdder();
    private final LongAdder l1Miss = new LongAdder();
    private final LongAdder l2Hit = new LongAdder();
    private final LongAdder l2Miss = new LongAdder();
    private final Counter l1Put;
    private final Counter l2Put;
    private final Counter l1Eviction;
    private final Counter l2Eviction;
    private final Timer loadSuccess;
    private final Timer loadFailure;
    private final Counter refreshes;
    private final AtomicInteger breaker = new AtomicInteger();
    private final Map<InvalidationType, Counter> sent = new EnumMap<>(InvalidationType.class);
    private final Map<InvalidationType, Counter> received = new EnumMap<>(InvalidationType.class);
    private final Map<FlushReason, Counter> flushes = new EnumMap<>(FlushReason.class);
    private final Timer lag;
    private final ConcurrentHashMap<String, Counter> failures = new ConcurrentHashMap<>();

    private MicrometerCacheRecorder(MeterRegistry registry, String cacheName) {
        this.registry = registry;
        this.tags = Tags.of("cache", cacheName);
        gets(l1Hit, Tier.L1, "hit");
        gets(l1Miss, Tier.L1, "miss");
        gets(l2Hit, Tier.L2, "hit");
        gets(l2Miss, Tier.L2, "miss");
        this.l1Put = counter("cache.puts", "Entries added to the cache", Tags.of("tier", "l1"));
        this.l2Put = counter("cache.puts", "Entries added to the cache", Tags.of("tier", "l2"));
        this.l1Eviction = counter("cache.evictions", "Cache evictions", Tags.of("tier", "l1"));
        this.l2Eviction = counter("cache.evictions", "Cache evictions", Tags.of("tier", "l2"));
        this.loadSuccess = Timer.builder("cache.load").description("Loader calls").tags(tags)
                .tag("result", "success").register(registry);
        this.loadFailure = Timer.builder("cache.load").description("Loader calls").tags(tags)
                .tag("result", "failure").register(registry);
        this.refreshes = counter("cache.refreshes", "Early (XFetch) refreshes started", Tags.empty());
        Gauge.builder("cache.breaker.state", breaker, AtomicInteger::get)
                .description("Circuit breaker in front of Redis: 0 closed, 1 half-open, 2 open").tags(tags)
                .register(registry);
        for (InvalidationType t : InvalidationType.values()) {
            String type = t.name().toLowerCase(java.util.Locale.ROOT);
            sent.put(t, counter("cache.invalidations", "Invalidation messages",
                    Tags.of("direction", "sent", "type", type)));
            received.put(t, counter("cache.invalidations", "Invalidation messages",
                    Tags.of("direction", "received", "type", type)));
        }
        for (FlushReason r : FlushReason.values()) {
            flushes.put(r, counter("cache.l1.flushes", "Whole-L1 clears",
                    Tags.of("reason", r.name().toLowerCase(java.util.Locale.ROOT))));
        }
        this.lag = Timer.builder("cache.invalidation.lag").description("Invalidation message delay")
                .tags(tags).register(registry);
    }

    /**
     * Returns a factory for {@link io.perfkit.cache.TieredCache.Builder#recorder}.
     *
     * @param registry the registry; yours, perfkit never uses the global one
     * @return the factory
     */
    public static CacheRecorder.Factory factory(MeterRegistry registry) {
        Require.nonNull(registry, "registry");
        return name -> new MicrometerCacheRecorder(registry, name);
    }

    private void gets(LongAdder count, Tier tier, String result) {
        // held weakly by the registry, like every function meter; the cache holds this recorder, so the count is
        // reported for as long as the cache exists (as with Micrometer's CacheMeterBinder)
        FunctionCounter.builder("cache.gets", count, LongAdder::doubleValue).description("Cache lookups")
                .tags(tags).tags("tier", tier.tagValue(), "result", result).register(registry);
    }

    private Counter counter(String name, String description, Tags extra) {
        return Counter.builder(name).description(description).tags(tags).tags(extra).register(registry);
    }

    @Override
    public void recordGet(Tier tier, boolean hit) {
        (tier == Tier.L1 ? (hit ? l1Hit : l1Miss) : (hit ? l2Hit : l2Miss)).increment();
    }

    @Override
    public void recordPut(Tier tier) {
        (tier == Tier.L1 ? l1Put : l2Put).increment();
    }

    @Override
    public void recordEviction(Tier tier) {
        (tier == Tier.L1 ? l1Eviction : l2Eviction).increment();
    }

    @Override
    public void recordLoad(long nanos, boolean success) {
        (success ? loadSuccess : loadFailure).record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void recordRemoteFailure(String operation) {
        failures.computeIfAbsent(operation, op -> counter("cache.remote.failures",
                "Redis operations that failed, timed out or met an open breaker; each one fell back by policy",
                Tags.of("operation", op))).increment();
    }

    @Override
    public void recordBreakerState(BreakerState state) {
        breaker.set(state == BreakerState.CLOSED ? 0 : state == BreakerState.HALF_OPEN ? 1 : 2);
    }

    @Override
    public void recordInvalidationSent(InvalidationType type) {
        Counter c = sent.get(type);
        if (c != null) {
            c.increment();
        }
    }

    @Override
    public void recordInvalidationReceived(InvalidationType type, long lagMillis) {
        Counter c = received.get(type);
        if (c != null) {
            c.increment();
        }
        lag.record(lagMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void recordFlush(FlushReason reason) {
        Counter c = flushes.get(reason);
        if (c != null) {
            c.increment();
        }
    }

    @Override
    public void recordRefresh() {
        refreshes.increment();
    }

    @Override
    public String toString() {
        return "MicrometerCacheRecorder" + tags;
    }
}
