package io.perfkit.examples.loadtest;

import io.perfkit.examples.bookstore.Mode;
import io.perfkit.examples.bookstore.PageCursor;
import io.perfkit.examples.bookstore.Route;
import io.perfkit.examples.bookstore.SeedData;
import io.perfkit.examples.bookstore.SeedPlan;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The five scenarios, with request mixes drawn from the seeded data (which the generator can reproduce, so the load
 * test needs no extra round trips to prepare).
 */
public final class Scenarios {
    /** The page size of the listing scenario. */
    static final int PAGE_SIZE = 50;
    /** Books the detail scenario treats as hot. */
    static final int HOT_BOOKS = 2_000;
    /** The share of detail requests that go to a hot book. */
    static final double HOT_SHARE = 0.95;

    private Scenarios() {}

    /**
     * Builds every scenario for a seeded plan.
     *
     * @param plan the data the service was seeded with
     * @return the scenarios, in report order
     */
    public static List<Scenario> all(SeedPlan plan) {
        SeedData data = new SeedData(plan);
        return List.of(orders(plan), search(data), listing(data), detail(plan), catalog());
    }

    /**
     * Picks scenarios by id.
     *
     * @param all every scenario
     * @param ids the ids wanted, in order
     * @return the scenarios
     * @throws IllegalArgumentException naming an unknown id
     */
    public static List<Scenario> select(List<Scenario> all, List<String> ids) {
        List<Scenario> picked = new ArrayList<>();
        for (String id : ids) {
            picked.add(all.stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow(() ->
                    new IllegalArgumentException("endpoints: unknown '" + id + "'; known: "
                            + all.stream().map(Scenario::id).toList())));
        }
        return picked;
    }

    static HttpRequest.Builder get(URI base, String pathAndQuery, Mode mode) {
        String sep = pathAndQuery.contains("?") ? "&" : "?";
        return HttpRequest.newBuilder(base.resolve(pathAndQuery + sep + "mode=" + mode.label()))
                .header("Accept", "application/json")
                // Every real client (browsers, curl --compressed, OkHttp) offers gzip; the naive server ignores it.
                .header("Accept-Encoding", "gzip");
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static Scenario orders(SeedPlan plan) {
        return new Simple("orders", Route.USER_ORDERS, "one statement per order and one per line (N+1)",
                "perf-query's BatchLoader: one statement for all lines, order_id = ANY(?), titles joined",
                (base, mode, c) -> get(base, "users/" + (1 + c.random.nextLong(plan.users())) + "/orders", mode)
                        .build());
    }

    static Scenario search(SeedData data) {
        // Prefixes users type: the first word and the start of the second of real titles.
        SplittableRandom r = new SplittableRandom(7);
        String[] prefixes = new String[2_000];
        for (int i = 0; i < prefixes.length; i++) {
            prefixes[i] = prefix(data.title(1 + r.nextLong(data.plan().books())));
        }
        return new Simple("search", Route.BOOK_SEARCH, "title ILIKE 'prefix%': no index can serve it, every book is"
                + " read", "lower(title) LIKE 'prefix%' served by an expression index (text_pattern_ops)",
                (base, mode, c) -> get(base, "books/search?q=" + encode(prefixes[c.random.nextInt(prefixes.length)]),
                        mode).build());
    }

    /** The first word and up to three letters of the second, lower-cased as people type. */
    static String prefix(String title) {
        int space = title.indexOf(' ');
        String p = space < 0 ? title : title.substring(0, Math.min(title.length(), space + 4));
        return p.toLowerCase(Locale.ROOT);
    }

    static Scenario listing(SeedData data) {
        // The listing's order (newest first, then id) reproduced from the generator: the cursor after each page.
        int books = (int) data.plan().books();
        long[][] keys = new long[books][];
        for (int id = 1; id <= books; id++) {
            keys[id - 1] = new long[] {data.publishedOn(id).toEpochDay(), id};
        }
        Arrays.sort(keys, Comparator.<long[]>comparingLong(k -> k[0]).thenComparingLong(k -> k[1]).reversed());
        int pages = Math.max(1, books / PAGE_SIZE);
        String[] cursors = new String[pages];
        for (int page = 1; page < pages; page++) {
            long[] last = keys[page * PAGE_SIZE - 1];
            cursors[page] = new PageCursor(LocalDate.ofEpochDay(last[0]), last[1]).encode();
        }
        return new Simple("listing", Route.BOOK_LIST, "OFFSET page*50: every row before the page is read and dropped",
                "keyset: WHERE (published_on, id) < (cursor) reads only the page",
                (base, mode, c) -> {
                    int page = c.random.nextInt(pages);
                    String query = mode == Mode.TUNED
                            ? (page == 0 ? "books?size=" + PAGE_SIZE : "books?size=" + PAGE_SIZE + "&cursor="
                                    + cursors[page])
                            : "books?size=" + PAGE_SIZE + "&page=" + page;
                    return get(base, query, mode).build();
                });
    }

    static Scenario detail(SeedPlan plan) {
        long hot = Math.min(HOT_BOOKS, plan.books());
        return new Simple("detail", Route.BOOK_DETAIL, "two statements per view (book with author, copies sold)",
                "perf-cache's TieredCache (Caffeine over Redis; a price change invalidates every instance)",
                (base, mode, c) -> {
                    long id = c.random.nextDouble() < HOT_SHARE ? 1 + c.random.nextLong(hot)
                            : 1 + c.random.nextLong(plan.books());
                    return get(base, "books/" + id, mode).build();
                });
    }

    static Scenario catalog() {
        List<String> genres = SeedData.genres();
        return new Scenario() {
            @Override
            public String id() {
                return "catalog";
            }

            @Override
            public Route route() {
                return Route.CATALOG;
            }

            @Override
            public String problem() {
                return "500 books with blurbs sent as plain JSON every time";
            }

            @Override
            public String cure() {
                return "perf-compression: gzip, and an ETag: a client that has the page gets 304 Not Modified";
            }

            @Override
            public HttpRequest next(URI base, Mode mode, Client client) {
                String genre = genres.get(client.random.nextInt(genres.size()));
                HttpRequest.Builder b = get(base, "catalog?genre=" + encode(genre), mode);
                String etag = client.etags.get(genre);
                // Half the visits come from browsers that still hold the page.
                if (etag != null && client.random.nextBoolean()) {
                    b.header("If-None-Match", etag);
                }
                return b.build();
            }

            @Override
            public void onResponse(Mode mode, Client client, HttpRequest request, HttpResponse<byte[]> response) {
                response.headers().firstValue("ETag").ifPresent(etag -> {
                    String q = request.uri().getRawQuery();
                    int start = q.indexOf("genre=") + 6;
                    int end = q.indexOf('&', start);
                    String genre = java.net.URLDecoder.decode(end < 0 ? q.substring(start) : q.substring(start, end),
                            StandardCharsets.UTF_8);
                    client.etags.put(genre, etag);
                });
            }
        };
    }

    /** A scenario whose requests need no memory. */
    private static final class Simple implements Scenario {
        interface Requests {
            HttpRequest next(URI base, Mode mode, Client client);
        }

        private final String id;
        private final Route route;
        private final String problem;
        private final String cure;
        private final Requests requests;

        Simple(String id, Route route, String problem, String cure, Requests requests) {
            this.id = id;
            this.route = route;
            this.problem = problem;
            this.cure = cure;
            this.requests = requests;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public Route route() {
            return route;
        }

        @Override
        public String problem() {
            return problem;
        }

        @Override
        public String cure() {
            return cure;
        }

        @Override
        public HttpRequest next(URI base, Mode mode, Client client) {
            return requests.next(base, mode, client);
        }
    }
}
