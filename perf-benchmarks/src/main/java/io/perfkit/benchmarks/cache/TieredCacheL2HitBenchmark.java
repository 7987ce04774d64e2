package io.perfkit.benchmarks.cache;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.perfkit.cache.TieredCache;
import io.perfkit.cache.ValueCodec;
import io.perfkit.cache.redis.LettuceRemoteStore;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * An L2 hit of {@link TieredCache} (one GET, envelope check, JSON decode, L1 fill) against a raw Lettuce sync GET
 * plus the same Jackson decode, on the same Redis (PERFKIT_TEST_REDIS_URL, default redis://127.0.0.1:6379) in the
 * same run. 512 keys, an L1 of one entry, so nearly every TieredCache read goes to Redis.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TieredCacheL2HitBenchmark {
    private static final int KEYS = 512;

    /** A small DTO, about 100 bytes of JSON. */
    public record Book(String isbn, String title, String author, int pages, double price) {}

    private final ObjectMapper mapper = new ObjectMapper();
    private final String[] keys = new String[KEYS];
    private final String[] rawKeys = new String[KEYS];
    private RedisClient client;
    private StatefulRedisConnection<String, byte[]> raw;
    private LettuceRemoteStore store;
    private TieredCache<String, Book> tiered;
    private int cursor;

    /** Writes the same values for both paths. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        RedisURI uri = RedisURI.create(
                System.getenv().getOrDefault("PERFKIT_TEST_REDIS_URL", "redis://127.0.0.1:6379"));
        client = RedisClient.create();
        raw = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE), uri);
        store = LettuceRemoteStore.create(client, uri);
        tiered = TieredCache.<String, Book>builder("bench-l2")
                .namespace("perfkit-bench:l2")
                .local(1, Duration.ofMinutes(5))
                .remote(store, Duration.ofMinutes(30))
                .commandTimeout(Duration.ofSeconds(1))
                .earlyRefresh(0)
                .codec(ValueCodec.json(Book.class))
                .build();
        for (int i = 0; i < KEYS; i++) {
            Book b = new Book("978-" + i, "Effective Java, edition " + i, "Joshua Bloch", 412, 45.5);
            keys[i] = "book:" + i;
            rawKeys[i] = "perfkit-bench:raw:book:" + i;
            raw.sync().set(rawKeys[i], mapper.writeValueAsBytes(b));
            tiered.put(keys[i], b);
        }
    }

    /** Closes what setUp opened. */
    @TearDown(Level.Trial)
    public void tearDown() {
        tiered.close();
        store.close();
        raw.close();
        client.shutdown();
    }

    /**
     * Raw Lettuce sync GET plus Jackson decode.
     *
     * @return the value
     * @throws IOException never, the bytes are valid JSON
     */
    @Benchmark
    public Book rawLettuceGetAndDecode() throws IOException {
        cursor = (cursor + 1) % KEYS;
        return mapper.readValue(raw.sync().get(rawKeys[cursor]), Book.class);
    }

    /**
     * TieredCache L2 hit.
     *
     * @return the value
     */
    @Benchmark
    public Book tieredL2Hit() {
        cursor = (cursor + 1) % KEYS;
        return tiered.getIfPresent(keys[cursor]);
    }
}
