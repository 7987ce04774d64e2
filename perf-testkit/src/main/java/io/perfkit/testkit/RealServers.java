package io.perfkit.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives a JUnit 5 test class a real PostgreSQL database and a Redis key space of its own.
 *
 * <p>Declare {@link TestDatabase} or {@link TestRedis} parameters on test, lifecycle
 * ({@code @BeforeAll} included) or constructor methods:
 *
 * <pre>{@code
 * @RealServers
 * class OrdersIT {
 *   @BeforeAll
 *   static void schema(TestDatabase db) throws SQLException {
 *     try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
 *       s.execute("CREATE TABLE orders (id bigint PRIMARY KEY)");
 *     }
 *   }
 *
 *   @Test
 *   void caches_orders(TestDatabase db, TestRedis redis) {
 *     RedisClient client = RedisClient.create(redis.uri());
 *     String key = redis.key("order:1"); // "perfkit-test:<id>:order:1"
 *     ...
 *   }
 * }
 * }</pre>
 *
 * <p>Servers are resolved once per JVM, the first time a test asks for one, in this order: the
 * environment ({@code PERFKIT_TEST_PG_URL}, {@code PERFKIT_TEST_REDIS_URL}), Testcontainers when a
 * Docker engine is reachable, else embedded servers. The system property
 * {@code perfkit.test.servers} ({@code auto}, {@code environment}, {@code testcontainers},
 * {@code embedded}) forces one source. Each test class gets a fresh database, dropped after the
 * class, and a key prefix whose keys are deleted after the class.
 *
 * @see RealServersExtension
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@ExtendWith(RealServersExtension.class)
public @interface RealServers {}
