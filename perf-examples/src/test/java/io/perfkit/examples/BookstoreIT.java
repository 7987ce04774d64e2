package io.perfkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perfkit.core.CollectingFindingSink;
import io.perfkit.core.Finding;
import io.perfkit.core.FindingKind;
import io.perfkit.core.FindingSink;
import io.perfkit.examples.bookstore.BookstoreService;
import io.perfkit.examples.bookstore.Mode;
import io.perfkit.examples.bookstore.Route;
import io.perfkit.examples.bookstore.Schema;
import io.perfkit.examples.bookstore.ScopeStats;
import io.perfkit.examples.bookstore.SeedPlan;
import io.perfkit.query.PlanAnalyzer;
import io.perfkit.query.batch.BatchLoaderStats;
import io.perfkit.testkit.RealServers;
import io.perfkit.testkit.TestDatabase;
import io.perfkit.testkit.TestRedis;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Boots the bookstore on a small data set against real PostgreSQL and Redis (perf-testkit's {@code @RealServers}:
 * PERFKIT_TEST_PG_URL and PERFKIT_TEST_REDIS_URL, else Testcontainers, else embedded servers), in a database of its
 * own, and checks through a real HTTP client
 * that every endpoint answers the same in both modes, that the tuned mode does less work, and that the naive mode's
 * findings appear.
 */
@RealServers
class BookstoreIT {
    private static final SeedPlan PLAN = new SeedPlan(2_000, 300, 3_000, 99);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static BookstoreService service;
    private static BookstoreService secondInstance;
    private static final CollectingFindingSink findings = FindingSink.collecting();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start(TestDatabase db, TestRedis redis) {
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        service = BookstoreService.builder()
                .jdbcUrl(db.jdbcUrl())
                .credentials(db.user(), db.password())
                .redisUri(redis.uri())
                .cacheNamespace(redis.key("book-detail"))
                .seed(PLAN)
                .findingSink(findings)
                .start();
        // A second instance on the same database and Redis, as behind a load balancer.
        secondInstance = BookstoreService.builder()
                .jdbcUrl(db.jdbcUrl())
                .credentials(db.user(), db.password())
                .redisUri(redis.uri())
                .cacheNamespace(redis.key("book-detail"))
                .start();
    }

    @AfterAll
    static void stop() {
        if (secondInstance != null) {
            secondInstance.close();
        }
        if (service != null) {
            service.close();
        }
    }

    @Test
    void everyEndpointAnswersTheSameInBothModes() throws Exception {
        for (long user : new long[] {1, 17, 150, 300}) {
            assertSameInBothModes("users/" + user + "/orders");
        }
        for (String q : List.of("the sil", "The Sil", "GOLDEN", "lost r", "50% off_", "zz")) {
            assertSameInBothModes("books/search?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8));
        }
        for (long book : new long[] {1, 2, 999, 2_000}) {
            assertSameInBothModes("books/" + book);
            assertSameInBothModes("books/" + book); // the tuned answer now comes from the cache
        }
        for (String genre : List.of("Fantasy", "Science Fiction", "Humor", "No Such Genre")) {
            assertSameInBothModes("catalog?genre=" + URLEncoder.encode(genre, StandardCharsets.UTF_8));
        }
        // Errors are the same too.
        assertSameInBothModes("users/999999/orders");
        assertSameInBothModes("books/999999");
        assertSameInBothModes("books/search?q=x");
        assertSameInBothModes("books?size=0");
    }

    @Test
    void deepListingByOffsetAndByKeysetGiveTheSamePages() throws Exception {
        String cursor = null;
        for (int page = 0; page < 8; page++) {
            Answer naive = get("books?size=37&page=" + page, Mode.NAIVE, false);
            Answer tuned = get("books?size=37" + (cursor == null ? "" : "&cursor=" + cursor), Mode.TUNED, false);
            assertThat(naive.status).isEqualTo(200);
            assertThat(tuned.json()).isEqualTo(naive.json());
            assertThat(naive.json().get("books")).hasSize(37);
            cursor = tuned.json().get("nextCursor").asText();
        }
        // A short last page has no next cursor.
        int lastPage = (int) (PLAN.books() / 30);
        Answer last = get("books?size=30&page=" + lastPage, Mode.NAIVE, false);
        assertThat(last.json().get("books")).hasSize((int) (PLAN.books() % 30));
        assertThat(last.json().get("nextCursor").isNull()).isTrue();
        assertThat(get("books?cursor=nonsense", Mode.TUNED, false).status).isEqualTo(400);
    }

    @Test
    void theTunedOrdersEndpointRunsTwoStatementsWhereTheNaiveOneRunsOnePerOrderAndLine() throws Exception {
        ScopeStats stats = service.scopeStats();
        ScopeStats.Totals naiveBefore = stats.snapshot(Route.USER_ORDERS, Mode.NAIVE);
        ScopeStats.Totals tunedBefore = stats.snapshot(Route.USER_ORDERS, Mode.TUNED);
        JsonNode orders = get("users/42/orders", Mode.NAIVE, false).json().get("orders");
        BatchLoaderStats loaderBefore = service.queries().orderItemsLoaderStats();
        get("users/42/orders", Mode.TUNED, false);
        BatchLoaderStats loader = service.queries().orderItemsLoaderStats();
        int lines = 0;
        for (JsonNode order : orders) {
            lines += order.get("items").size();
        }
        assertThat(orders.size()).isGreaterThan(1);
        ScopeStats.Totals naive = settled(Route.USER_ORDERS, Mode.NAIVE, naiveBefore, 1);
        ScopeStats.Totals tuned = settled(Route.USER_ORDERS, Mode.TUNED, tunedBefore, 1);
        assertThat(naive.queries()).isEqualTo(2 + orders.size() + lines);
        // The user's orders, then every line of them: whether the user exists is only asked when there are none.
        assertThat(tuned.queries()).isEqualTo(2);
        // The lines came from perf-query's BatchLoader: one batch holding every order of the user.
        assertThat(loader.batches() - loaderBefore.batches()).isEqualTo(1);
        assertThat(loader.keysLoaded() - loaderBefore.keysLoaded()).isEqualTo(orders.size());
        assertThat(naive.overBudget()).isEqualTo(lines + orders.size() + 2 > 10 ? 1 : 0);
    }

    @Test
    void aUserWithoutOrdersGetsAnEmptyListInBothModesAndTheTunedModeThenChecksTheUserExists() throws Exception {
        long userId = PLAN.users() + 1;
        try (Connection c = service.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO users (id, email, name, created_at) VALUES (" + userId
                    + ", 'no-orders@example.com', 'No Orders', now()) ON CONFLICT (id) DO NOTHING");
        }
        ScopeStats.Totals tunedBefore = service.scopeStats().snapshot(Route.USER_ORDERS, Mode.TUNED);
        Answer tuned = get("users/" + userId + "/orders", Mode.TUNED, false);
        Answer naive = get("users/" + userId + "/orders", Mode.NAIVE, false);
        assertThat(tuned.status).isEqualTo(200);
        assertThat(tuned.json()).isEqualTo(naive.json());
        assertThat(tuned.json().get("orders")).isEmpty();
        assertThat(settled(Route.USER_ORDERS, Mode.TUNED, tunedBefore, 1).queries()).isEqualTo(2);
    }

    @Test
    void theNaiveOrdersEndpointIsReportedAsNPlusOneAtItsSourceLineAndTheTunedOneIsNot() throws Exception {
        ScopeStats.Totals tunedBefore = service.scopeStats().snapshot(Route.USER_ORDERS, Mode.TUNED);
        ScopeStats.Totals naiveBefore = service.scopeStats().snapshot(Route.USER_ORDERS, Mode.NAIVE);
        get("users/77/orders", Mode.TUNED, false);
        settled(Route.USER_ORDERS, Mode.TUNED, tunedBefore, 1);
        assertThat(nPlusOnes()).noneMatch(f -> f.scopeName().orElse("").endsWith("tuned"));
        get("users/77/orders", Mode.NAIVE, false);
        settled(Route.USER_ORDERS, Mode.NAIVE, naiveBefore, 1);
        List<Finding> found = nPlusOnes();
        assertThat(found).isNotEmpty();
        assertThat(found).anySatisfy(f -> {
            assertThat(f.message()).contains("FROM order_items").contains("order_id = ?");
            assertThat(f.callSite()).hasValueSatisfying(site -> {
                assertThat(site.getClassName()).isEqualTo("io.perfkit.examples.bookstore.Queries");
                assertThat(site.getMethodName()).isEqualTo("itemsOneByOne");
            });
            assertThat(f.suggestion()).hasValueSatisfying(s -> assertThat(s).contains("ANY(?)"));
            assertThat(f.scopeName()).hasValue("GET /users/{id}/orders naive");
        });
    }

    @Test
    void theNaiveSearchIsReportedAsASlowQueryWithItsPlanAndASeqScanOfBooks(TestDatabase db, TestRedis redis)
            throws Exception {
        // 2,000 books are fast to scan: this instance calls every statement slow and reports scans of 100 rows.
        CollectingFindingSink slow = FindingSink.collecting();
        try (BookstoreService small = BookstoreService.builder()
                .jdbcUrl(db.jdbcUrl())
                .credentials(db.user(), db.password())
                .redisUri(redis.uri())
                .slowQueryThreshold(java.time.Duration.ofNanos(1))
                .planAnalyzer(PlanAnalyzer.of(100, 1_000, 10))
                .findingSink(slow)
                .start()) {
            HttpResponse<String> found = http.send(HttpRequest.newBuilder(
                    small.uri().resolve("books/search?q=the+sil&mode=naive")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(found.statusCode()).isEqualTo(200);
            long deadline = System.nanoTime() + 20_000_000_000L;
            while ((seqScansOfBooks(slow).isEmpty() || slow.findings(FindingKind.MISSING_INDEX).isEmpty())
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        }
        List<Finding> scans = seqScansOfBooks(slow);
        assertThat(scans).as("findings: %s", slow.findings()).hasSize(1);
        Finding scan = scans.get(0);
        assertThat(scan.message()).startsWith("Seq Scan on books read");
        assertThat(scan.detail()).hasValueSatisfying(d -> assertThat(d).contains("~~*"));
        // perf-query names the index that serves the naive ILIKE: a trigram GIN index on books.title.
        assertThat(slow.findings(FindingKind.MISSING_INDEX)).anySatisfy(f -> {
            assertThat(f.subject()).isEqualTo(scan.subject());
            assertThat(f.suggestion()).hasValueSatisfying(ddl -> assertThat(ddl)
                    .contains("CREATE EXTENSION IF NOT EXISTS pg_trgm")
                    .contains("CREATE INDEX CONCURRENTLY")
                    .contains("books")
                    .contains("gin (title gin_trgm_ops)")
                    .doesNotContain("the sil"));
        });
        // The slow-query finding of the same statement carries the captured plan and the service's line.
        assertThat(slow.findings(FindingKind.SLOW_QUERY)).anySatisfy(f -> {
            assertThat(f.subject()).isEqualTo(scan.subject());
            assertThat(f.message()).contains("ILIKE");
            assertThat(f.detail()).hasValueSatisfying(plan -> assertThat(plan).contains("Seq Scan"));
            assertThat(f.callSite()).hasValueSatisfying(site -> {
                assertThat(site.getClassName()).isEqualTo("io.perfkit.examples.bookstore.Queries");
                assertThat(site.getMethodName()).isEqualTo("searchIlike");
            });
        });
    }

    private static List<Finding> seqScansOfBooks(CollectingFindingSink sink) {
        return sink.findings(FindingKind.SEQ_SCAN).stream()
                .filter(f -> f.evidence().getOrDefault("table", "").equals("books")).toList();
    }

    /**
     * The server records a request's scope after the handler returned, which can be just after the client got the
     * last byte: waits until the expected requests are counted.
     */
    private ScopeStats.Totals settled(Route route, Mode mode, ScopeStats.Totals before, long requests)
            throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        ScopeStats.Totals now = service.scopeStats().snapshot(route, mode).minus(before);
        while (now.requests() < requests && System.nanoTime() < deadline) {
            Thread.sleep(5);
            now = service.scopeStats().snapshot(route, mode).minus(before);
        }
        assertThat(now.requests()).as("requests recorded for " + route + " " + mode).isEqualTo(requests);
        return now;
    }

    private List<Finding> nPlusOnes() {
        return new ArrayList<>(findings.findings(FindingKind.N_PLUS_ONE));
    }

    @Test
    void theTunedDetailIsServedFromTheCacheAndAPriceChangeInvalidatesIt() throws Exception {
        ScopeStats.Totals before = service.scopeStats().snapshot(Route.BOOK_DETAIL, Mode.TUNED);
        get("books/123", Mode.TUNED, false);
        get("books/123", Mode.TUNED, false);
        ScopeStats.Totals two = settled(Route.BOOK_DETAIL, Mode.TUNED, before, 2);
        assertThat(two.cacheHits()).isEqualTo(1);
        assertThat(two.cacheMisses()).isEqualTo(1);
        assertThat(two.queries()).isEqualTo(2);

        HttpResponse<String> put = http.send(HttpRequest.newBuilder(service.uri().resolve("books/123/price?mode=naive"))
                .PUT(HttpRequest.BodyPublishers.ofString("{\"price\": 17.25}"))
                .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(put.body()).get("price").decimalValue()).isEqualByComparingTo("17.25");
        JsonNode tuned = get("books/123", Mode.TUNED, false).json();
        assertThat(tuned.get("price").decimalValue()).isEqualByComparingTo("17.25");
        assertThat(tuned).isEqualTo(get("books/123", Mode.NAIVE, false).json());

        HttpResponse<String> bad = http.send(HttpRequest.newBuilder(service.uri().resolve("books/123/price"))
                .PUT(HttpRequest.BodyPublishers.ofString("{\"price\": -1}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("price must be positive");
    }

    @Test
    void aDetailLoadedByOneInstanceIsServedToTheOtherFromRedisWithoutAStatement() throws Exception {
        JsonNode loaded = get("books/555", Mode.TUNED, false).json();
        ScopeStats.Totals before = secondInstance.scopeStats().snapshot(Route.BOOK_DETAIL, Mode.TUNED);
        HttpResponse<String> other = http.send(HttpRequest.newBuilder(
                secondInstance.uri().resolve("books/555?mode=tuned")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(JSON.readTree(other.body())).isEqualTo(loaded);
        long deadline = System.nanoTime() + 10_000_000_000L;
        ScopeStats.Totals read = secondInstance.scopeStats().snapshot(Route.BOOK_DETAIL, Mode.TUNED).minus(before);
        while (read.requests() < 1 && System.nanoTime() < deadline) {
            Thread.sleep(5);
            read = secondInstance.scopeStats().snapshot(Route.BOOK_DETAIL, Mode.TUNED).minus(before);
        }
        // Not in the second instance's L1 (a miss there), but in the shared L2: no statement ran.
        assertThat(read.requests()).isEqualTo(1);
        assertThat(read.cacheMisses()).isEqualTo(1);
        assertThat(read.queries()).isZero();
    }

    @Test
    void aPriceChangeOnOneInstanceDropsTheCachedDetailOnTheOtherOverRedis() throws Exception {
        URI other = secondInstance.uri();
        HttpRequest read = HttpRequest.newBuilder(other.resolve("books/321?mode=tuned")).build();
        JsonNode before = JSON.readTree(http.send(read, HttpResponse.BodyHandlers.ofString()).body());
        JsonNode cached = JSON.readTree(http.send(read, HttpResponse.BodyHandlers.ofString()).body());
        assertThat(cached).isEqualTo(before);

        String newPrice = before.get("price").decimalValue().add(java.math.BigDecimal.ONE).toPlainString();
        HttpResponse<String> put = http.send(HttpRequest.newBuilder(service.uri().resolve("books/321/price"))
                .PUT(HttpRequest.BodyPublishers.ofString("{\"price\": " + newPrice + "}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).isEqualTo(200);

        // Pub/sub is asynchronous: the other instance drops its entry within moments.
        long deadline = System.nanoTime() + 10_000_000_000L;
        JsonNode seen = cached;
        while (System.nanoTime() < deadline) {
            seen = JSON.readTree(http.send(read, HttpResponse.BodyHandlers.ofString()).body());
            if (seen.get("price").decimalValue().compareTo(new java.math.BigDecimal(newPrice)) == 0) {
                break;
            }
            Thread.sleep(20);
        }
        assertThat(seen.get("price").decimalValue()).isEqualByComparingTo(newPrice);
    }

    @Test
    void theTunedCatalogIsGzippedByPerfCompressionWithAnETagAndRevalidatesToNotModified() throws Exception {
        Answer naive = get("catalog?genre=Fantasy", Mode.NAIVE, true);
        Answer tuned = get("catalog?genre=Fantasy", Mode.TUNED, true);
        assertThat(naive.response.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(naive.response.headers().firstValue("ETag")).isEmpty();
        assertThat(tuned.response.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(tuned.response.headers().allValues("Vary")).containsExactly("Accept-Encoding");
        assertThat(tuned.response.body().length).isLessThan(naive.response.body().length * 2 / 5);
        assertThat(tuned.json()).isEqualTo(naive.json());
        // The ETagFilter digests the identity bytes; the CompressionFilter weakens the tag on the gzip body.
        String etag = tuned.response.headers().firstValue("ETag").orElseThrow();
        assertThat(etag).startsWith("W/\"");

        HttpResponse<byte[]> revalidated = http.send(request("catalog?genre=Fantasy", Mode.TUNED, true)
                .header("If-None-Match", etag).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(revalidated.statusCode()).isEqualTo(304);
        assertThat(revalidated.body()).isEmpty();
        assertThat(revalidated.headers().firstValue("ETag")).hasValue(etag);
        assertThat(revalidated.headers().allValues("Vary")).containsExactly("Accept-Encoding");
        HttpResponse<byte[]> other = http.send(request("catalog?genre=Humor", Mode.TUNED, true)
                .header("If-None-Match", etag).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(other.statusCode()).isEqualTo(200);

        // A client without gzip gets the identity bytes under the strong tag, and revalidates with it too.
        Answer identity = get("catalog?genre=Fantasy", Mode.TUNED, false);
        assertThat(identity.response.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(identity.response.headers().firstValue("ETag")).hasValue(etag.substring(2));
        assertThat(identity.json()).isEqualTo(naive.json());
        HttpResponse<byte[]> identityRevalidated = http.send(request("catalog?genre=Fantasy", Mode.TUNED, false)
                .header("If-None-Match", etag.substring(2)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(identityRevalidated.statusCode()).isEqualTo(304);
    }

    @Test
    void smallTunedResponsesAreSentAsTheyAreAndCompressionIsMeasured() throws Exception {
        Answer small = get("books/7", Mode.TUNED, true);
        assertThat(small.status).isEqualTo(200);
        assertThat(small.response.body().length).isLessThan(1024);
        assertThat(small.response.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(small.response.headers().allValues("Vary")).containsExactly("Accept-Encoding");
        get("catalog?genre=Horror", Mode.TUNED, true);
        HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(service.uri().resolve("metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.body()).contains("perfkit_compression_ratio")
                .containsPattern("perfkit_compression_skipped_total\\{[^}]*reason=\"below_min_size\"[^}]*\\} [1-9]");
    }

    @Test
    void theModeCanBeChosenByHeaderAndABadModeIsRejected() throws Exception {
        HttpResponse<byte[]> byHeader = http.send(HttpRequest.newBuilder(service.uri().resolve("catalog?genre=Art"))
                .header(Mode.HEADER, "tuned").header("Accept-Encoding", "gzip").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(byHeader.headers().firstValue("Content-Encoding")).hasValue("gzip");
        HttpResponse<String> bad = http.send(HttpRequest.newBuilder(service.uri().resolve("books/1?mode=fast"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("mode must be");
    }

    @Test
    void onlyTheTunedSearchPredicateCanUseTheTitleIndex() throws Exception {
        try (Connection c = service.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("SET enable_seqscan = off");
            String naive = plan(s, "SELECT id FROM books WHERE title ILIKE 'the sil%'");
            String tuned = plan(s, "SELECT id FROM books WHERE lower(title) LIKE 'the sil%'");
            assertThat(naive).doesNotContain(Schema.TITLE_SEARCH_INDEX);
            assertThat(tuned).contains(Schema.TITLE_SEARCH_INDEX);
        }
    }

    @Test
    void metricsArePublishedForPrometheus() throws Exception {
        get("books/5", Mode.NAIVE, false);
        HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(service.uri().resolve("metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("bookstore_request_queries").contains("hikaricp_connections")
                .contains("cache_gets_total").contains("jvm_memory_used_bytes")
                .contains("perfkit_pool_recommended_size");
    }

    @Test
    void thePoolIsPerfPoolsTunedHikariAndShowsUpInPgStatActivityUnderItsName() throws Exception {
        try (Connection c = service.dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT current_setting('application_name'), current_schema()")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo(BookstoreService.POOL_NAME);
            assertThat(rs.getString(2)).isEqualTo(Schema.NAME);
        }
        com.zaxxer.hikari.HikariDataSource pool = service.dataSource().unwrap(com.zaxxer.hikari.HikariDataSource.class);
        assertThat(pool.getMinimumIdle()).isEqualTo(pool.getMaximumPoolSize());
        assertThat(pool.getDataSourceProperties()).containsEntry("tcpKeepAlive", "true")
                .containsEntry("reWriteBatchedInserts", "true");
        assertThat(pool.getLeakDetectionThreshold()).isZero();
    }

    @Test
    void aSaturatedPoolIsReportedByPerfPoolsAdvisorIntoTheServicesSink(TestDatabase db, TestRedis redis)
            throws Exception {
        CollectingFindingSink poolFindings = FindingSink.collecting();
        try (BookstoreService small = BookstoreService.builder()
                .jdbcUrl(db.jdbcUrl())
                .credentials(db.user(), db.password())
                .redisUri(redis.uri())
                .poolSize(1)
                .findingSink(poolFindings)
                .start()) {
            // Six clients share one connection: each naive orders request borrows it once per statement.
            java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
            java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(6);
            try {
                for (int i = 0; i < 6; i++) {
                    HttpRequest orders = HttpRequest.newBuilder(
                            small.uri().resolve("users/" + (10 + i) + "/orders?mode=naive")).build();
                    clients.submit(() -> {
                        while (!stop.get()) {
                            http.send(orders, HttpResponse.BodyHandlers.discarding());
                        }
                        return null;
                    });
                }
                long deadline = System.nanoTime() + 30_000_000_000L;
                while (poolFindings.findings(FindingKind.POOL_SATURATED).isEmpty() && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
            } finally {
                stop.set(true);
                clients.shutdown();
                assertThat(clients.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            }
        }
        assertThat(poolFindings.findings(FindingKind.POOL_SATURATED)).first().satisfies(f -> {
            assertThat(f.subject()).isEqualTo(BookstoreService.POOL_NAME);
            assertThat(f.evidence()).containsEntry("maximumPoolSize", 1);
            assertThat(f.suggestion()).hasValueSatisfying(text -> assertThat(text).contains("maximumPoolSize="));
        });
    }

    private static String plan(Statement s, String sql) throws Exception {
        StringBuilder sb = new StringBuilder();
        try (ResultSet rs = s.executeQuery("EXPLAIN " + sql)) {
            while (rs.next()) {
                sb.append(rs.getString(1)).append('\n');
            }
        }
        return sb.toString();
    }

    private void assertSameInBothModes(String path) throws Exception {
        Answer naive = get(path, Mode.NAIVE, true);
        Answer tuned = get(path, Mode.TUNED, true);
        assertThat(tuned.status).as(path).isEqualTo(naive.status);
        assertThat(tuned.json()).as(path).isEqualTo(naive.json());
    }

    private HttpRequest.Builder request(String path, Mode mode, boolean gzip) {
        String sep = path.contains("?") ? "&" : "?";
        HttpRequest.Builder b = HttpRequest.newBuilder(service.uri().resolve(path + sep + "mode=" + mode.label()));
        return gzip ? b.header("Accept-Encoding", "gzip") : b;
    }

    private Answer get(String path, Mode mode, boolean gzip) throws Exception {
        HttpResponse<byte[]> r = http.send(request(path, mode, gzip).build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Answer(r.statusCode(), r);
    }

    private static final class Answer {
        final int status;
        final HttpResponse<byte[]> response;

        Answer(int status, HttpResponse<byte[]> response) {
            this.status = status;
            this.response = response;
        }

        JsonNode json() throws IOException {
            byte[] body = response.body();
            if (response.headers().firstValue("Content-Encoding").filter("gzip"::equals).isPresent()) {
                try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
                    body = in.readAllBytes();
                }
            }
            return JSON.readTree(body);
        }
    }
}
