package io.perfkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * Runs three {@link RealServers} classes in order, in a JUnit run of their own, so that each can
 * check what the one before it left behind: its database must be gone and its keys deleted, and
 * nothing of it may be visible from the next class. The nested run resolves servers the same way
 * as this one (environment, else Testcontainers, else embedded).
 */
class RealServersLifecycleIT {

    /** What each fixture class saw, by class name; written by the nested run, read by the next. */
    static final Map<String, TestDatabase> DATABASES = new ConcurrentHashMap<>();
    static final Map<String, TestRedis> KEYSPACES = new ConcurrentHashMap<>();

    @Test
    void each_class_gets_a_fresh_database_and_key_prefix_and_leaves_nothing_behind() {
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(First.class), selectClass(Second.class), selectClass(Third.class))
                .configurationParameter(
                        "junit.jupiter.testclass.order.default", ClassOrderer.OrderAnnotation.class.getName())
                .execute();

        List<String> failures = new ArrayList<>();
        for (Event event : results.testEvents().failed().list()) {
            failures.add(event.getTestDescriptor().getDisplayName() + ": "
                    + event.getPayload().map(Object::toString).orElse("?"));
        }
        assertThat(failures).isEmpty();
        results.testEvents().assertStatistics(stats -> stats.started(3).succeeded(3));
        assertThat(DATABASES).hasSize(3);
    }

    @RealServers
    @Order(1)
    static class First {
        @Test
        void writes_a_table_and_keys(TestDatabase db, TestRedis redis) throws SQLException {
            writeSomething(db, redis);
        }
    }

    @RealServers
    @Order(2)
    static class Second {
        @Test
        void sees_nothing_of_first_which_is_gone(TestDatabase db, TestRedis redis)
                throws SQLException {
            assertCleanedUpAndIsolated("First", db, redis);
            writeSomething(db, redis);
        }
    }

    @RealServers
    @Order(3)
    static class Third {
        @Test
        void sees_nothing_of_second_which_is_gone(TestDatabase db, TestRedis redis)
                throws SQLException {
            assertCleanedUpAndIsolated("Second", db, redis);
            DATABASES.put("Third", db);
        }
    }

    static void writeSomething(TestDatabase db, TestRedis redis) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE book (id bigint PRIMARY KEY)");
            s.execute("INSERT INTO book SELECT generate_series(1, 10)");
        }
        withRedis(redis, commands -> {
            for (int i = 0; i < 1200; i++) { // more than one SCAN page
                commands.set(redis.key("book:" + i), "x");
            }
            commands.hset(redis.key("hash"), "field", "value");
        });
        String name = Thread.currentThread().getStackTrace()[2].getClassName();
        String simple = name.substring(name.lastIndexOf('$') + 1);
        DATABASES.put(simple, db);
        KEYSPACES.put(simple, redis);
    }

    static void assertCleanedUpAndIsolated(String previous, TestDatabase db, TestRedis redis)
            throws SQLException {
        TestDatabase before = DATABASES.get(previous);
        TestRedis beforeKeys = KEYSPACES.get(previous);
        assertThat(before).as("%s ran first", previous).isNotNull();
        assertThat(db.databaseName()).isNotEqualTo(before.databaseName());
        assertThat(redis.keyPrefix()).isNotEqualTo(beforeKeys.keyPrefix());

        try (Connection c = db.dataSource().getConnection();
                PreparedStatement exists = c.prepareStatement(
                        "SELECT count(*) FROM pg_database WHERE datname = ?");
                Statement s = c.createStatement()) {
            exists.setString(1, before.databaseName());
            try (ResultSet rs = exists.executeQuery()) {
                rs.next();
                assertThat(rs.getLong(1)).as("database %s dropped", before.databaseName()).isZero();
            }
            try (ResultSet rs = s.executeQuery(
                    "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")) {
                rs.next();
                assertThat(rs.getLong(1)).as("a fresh database has no tables").isZero();
            }
        }
        withRedis(redis, commands -> {
            assertThat(keysUnder(commands, beforeKeys.keyPrefix())).isEmpty();
            assertThat(keysUnder(commands, redis.keyPrefix())).isEmpty();
        });
    }

    private static List<String> keysUnder(RedisCommands<String, String> commands, String prefix) {
        List<String> keys = new ArrayList<>();
        ScanIterator.scan(commands, ScanArgs.Builder.matches(TestNames.globEscape(prefix) + "*"))
                .forEachRemaining(keys::add);
        return keys;
    }

    private interface RedisWork {
        void run(RedisCommands<String, String> commands);
    }

    private static void withRedis(TestRedis redis, RedisWork work) {
        RedisClient client = RedisClient.create(redis.uri());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            work.run(connection.sync());
        } finally {
            client.shutdown();
        }
    }
}
