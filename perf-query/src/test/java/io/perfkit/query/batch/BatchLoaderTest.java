package io.perfkit.query.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perfkit.core.WorkScope;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** BatchLoader's contract, with an in-memory batch function standing in for the query (the IT runs the SQL). */
class BatchLoaderTest {
    /** Keys 1..100 exist, except multiples of 10; records every batch it is asked for. */
    static final class Recorder implements BatchFunction<Integer, String> {
        final List<List<Integer>> calls = new ArrayList<>();

        @Override
        public Map<Integer, String> load(List<Integer> keys) {
            calls.add(List.copyOf(keys));
            Map<Integer, String> found = new HashMap<>();
            for (int k : keys) {
                if (k >= 1 && k <= 100 && k % 10 != 0) {
                    found.put(k, "v" + k);
                }
            }
            found.put(999, "never asked for");
            return found;
        }
    }

    @Test
    void loadManyAnswersInKeyOrderWithMissingKeysEmptyAndDuplicatesSentOnce() throws SQLException {
        Recorder db = new Recorder();
        BatchLoader<Integer, String> loader = BatchLoader.builder(db).cache(BatchLoader.CacheScope.NONE).build();

        List<Optional<String>> values = loader.loadMany(List.of(3, 10, 1, 3, 500));

        assertThat(values).containsExactly(Optional.of("v3"), Optional.empty(), Optional.of("v1"), Optional.of("v3"),
                Optional.empty());
        assertThat(db.calls).containsExactly(List.of(3, 10, 1, 500));
        assertThat(loader.stats()).isEqualTo(new BatchLoaderStats(1, 5, 4, 0));
    }

    @Test
    void loadAllReturnsOnlyFoundKeysInFirstSeenOrder() throws SQLException {
        BatchLoader<Integer, String> loader = BatchLoader.builder(new Recorder()).build();
        assertThat(loader.loadAll(List.of(5, 20, 2, 5)).entrySet()).extracting(Map.Entry::getKey).containsExactly(5, 2);
    }

    @Test
    void largeKeySetsAreChunkedByMaxBatchSize() throws SQLException {
        Recorder db = new Recorder();
        BatchLoader<Integer, String> loader = BatchLoader.builder(db).maxBatchSize(40)
                .cache(BatchLoader.CacheScope.NONE).build();
        List<Integer> keys = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            keys.add(i);
        }
        List<Optional<String>> values = loader.loadMany(keys);
        assertThat(db.calls).extracting(List::size).containsExactly(40, 40, 20);
        assertThat(values.get(0)).contains("v1");
        assertThat(values.get(99)).isEmpty();
        assertThat(values.get(98)).contains("v99");
    }

    @Test
    void workScopeCacheMeansOneRequestNeverLoadsAKeyTwiceAndTheNextRequestReloads() throws SQLException {
        Recorder db = new Recorder();
        BatchLoader<Integer, String> loader = BatchLoader.builder(db).build(); // WORK_SCOPE is the default
        try (WorkScope request = WorkScope.open("GET /books")) {
            loader.loadMany(List.of(1, 2, 10));
            loader.loadMany(List.of(2, 3, 10)); // 2 and 10 (a miss) are cached for this request
            assertThat(loader.load(1)).contains("v1");
        }
        assertThat(db.calls).containsExactly(List.of(1, 2, 10), List.of(3));
        try (WorkScope next = WorkScope.open("GET /books")) {
            loader.loadMany(List.of(1));
        }
        assertThat(db.calls).hasSize(3);
        loader.loadMany(List.of(1));
        loader.loadMany(List.of(1));
        assertThat(db.calls).as("outside a scope nothing is cached").hasSize(5);
    }

    @Test
    void loaderCacheLivesAsLongAsTheLoaderAndCanBeInvalidated() throws SQLException {
        Recorder db = new Recorder();
        BatchLoader<Integer, String> loader = BatchLoader.builder(db).cache(BatchLoader.CacheScope.LOADER).build();
        loader.loadMany(List.of(1, 2));
        loader.loadMany(List.of(1, 2));
        assertThat(db.calls).hasSize(1);
        loader.invalidate(2);
        loader.loadMany(List.of(1, 2));
        assertThat(db.calls).containsExactly(List.of(1, 2), List.of(2));
        loader.invalidateAll();
        loader.load(1);
        assertThat(db.calls).hasSize(3);
        assertThat(loader.stats().cacheHits()).isEqualTo(3);
    }

    @Test
    void deferredLoadsQueueUntilOneDispatchLoadsThemTogether() throws SQLException {
        // tag::deferred[]
        Recorder db = new Recorder();
        BatchLoader<Integer, String> loader = BatchLoader.builder(db).build();

        // Each "resolver" asks for its own key and gets a future; nothing runs yet.
        CompletableFuture<Optional<String>> a = loader.loadLater(7);
        CompletableFuture<Optional<String>> b = loader.loadLater(30);
        CompletableFuture<Optional<String>> c = loader.loadLater(7);
        assertThat(db.calls).isEmpty();

        assertThat(loader.dispatch()).isEqualTo(3);

        assertThat(db.calls).containsExactly(List.of(7, 30));
        assertThat(a.join()).contains("v7");
        assertThat(b.join()).isEmpty();
        assertThat(c.join()).contains("v7");
        // end::deferred[]
    }

    @Test
    void loadsQueuedByCallbacksDuringDispatchRunInAFollowingBatch() {
        Recorder db = new Recorder();
        BatchLoader<Integer, String> loader = BatchLoader.builder(db).cache(BatchLoader.CacheScope.LOADER).build();
        CompletableFuture<Optional<String>> child = loader.loadLater(1)
                .thenCompose(parent -> loader.loadLater(parent.map(v -> 2).orElse(3)));
        loader.dispatch();
        assertThat(child.join()).contains("v2");
        assertThat(db.calls).containsExactly(List.of(1), List.of(2));
        assertThat(loader.pendingCount()).isZero();
    }

    @Test
    void aFailingBatchFailsTheCallOrTheFutures() {
        BatchLoader<Integer, String> loader = BatchLoader.<Integer, String>builder(keys -> {
            throw new SQLException("connection refused", "08001");
        }).build();
        assertThatThrownBy(() -> loader.loadMany(List.of(1))).isInstanceOf(SQLException.class)
                .hasMessage("connection refused");
        CompletableFuture<Optional<String>> f = loader.loadLater(1);
        loader.dispatch();
        assertThatThrownBy(f::join).isInstanceOf(CompletionException.class).hasCauseInstanceOf(SQLException.class);
    }

    @Test
    void badInputIsRejectedWithTheSettingNamed() {
        assertThatThrownBy(() -> BatchLoader.builder(new Recorder()).maxBatchSize(0))
                .hasMessageContaining("maxBatchSize");
        BatchLoader<Integer, String> loader = BatchLoader.builder(new Recorder()).build();
        List<Integer> withNull = new ArrayList<>();
        withNull.add(null);
        assertThatThrownBy(() -> loader.loadMany(withNull)).hasMessageContaining("keys element");
        assertThatThrownBy(() -> BatchLoader.<Integer, String>builder(keys -> null).build().load(1))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("returned null");
    }
}
