package io.perfkit.examples.bookstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class RouteAndModeTest {
    @Test
    void matchesEachRouteWithItsId() {
        assertThat(Route.match("GET", "/users/42/orders")).isEqualTo(new Route.Match(Route.USER_ORDERS, 42));
        assertThat(Route.match("GET", "/books/search")).isEqualTo(new Route.Match(Route.BOOK_SEARCH, -1));
        assertThat(Route.match("GET", "/books")).isEqualTo(new Route.Match(Route.BOOK_LIST, -1));
        assertThat(Route.match("GET", "/books/")).isEqualTo(new Route.Match(Route.BOOK_LIST, -1));
        assertThat(Route.match("GET", "/books/7")).isEqualTo(new Route.Match(Route.BOOK_DETAIL, 7));
        assertThat(Route.match("PUT", "/books/7/price")).isEqualTo(new Route.Match(Route.BOOK_PRICE, 7));
        assertThat(Route.match("GET", "/catalog")).isEqualTo(new Route.Match(Route.CATALOG, -1));
    }

    @Test
    void unknownPathsAndMethodsDoNotMatchAndBadIdsAreRejected() {
        assertThat(Route.match("GET", "/nope")).isNull();
        assertThat(Route.match("DELETE", "/books/7")).isNull();
        assertThat(Route.match("GET", "/books/7/price")).isNull();
        assertThatThrownBy(() -> Route.match("GET", "/books/abc")).hasMessageContaining("positive number");
        assertThatThrownBy(() -> Route.match("GET", "/users/0/orders")).hasMessageContaining("positive number");
    }

    @Test
    void modesParseCaseInsensitivelyAndRejectOthers() {
        assertThat(Mode.parse("Tuned")).isEqualTo(Mode.TUNED);
        assertThat(Mode.parse(" naive ")).isEqualTo(Mode.NAIVE);
        assertThatThrownBy(() -> Mode.parse("fast")).hasMessageContaining("mode must be");
    }

    @Test
    void cursorsRoundTripAndForeignTokensAreRejected() {
        PageCursor cursor = new PageCursor(LocalDate.of(2001, 2, 3), 12345);
        assertThat(PageCursor.decode(cursor.encode())).isEqualTo(cursor);
        assertThat(cursor.encode()).matches("[A-Za-z0-9_-]+");
        assertThatThrownBy(() -> PageCursor.decode("not a cursor")).hasMessageContaining("cursor");
        assertThatThrownBy(() -> PageCursor.decode("MjAwMS0wMi0wMw")).hasMessageContaining("cursor");
    }

    @Test
    void likePatternsMatchUserInputLiterally() {
        assertThat(Queries.likePrefix("50% off_")).isEqualTo("50!% off!_%");
        assertThat(Queries.likePrefix("wow!")).isEqualTo("wow!!%");
    }

    @Test
    void gzipIsNegotiatedWithQualityValues() {
        assertThat(GzipEtagFilter.acceptsGzip("gzip, deflate, br")).isTrue();
        assertThat(GzipEtagFilter.acceptsGzip("br;q=1.0, gzip;q=0.5")).isTrue();
        assertThat(GzipEtagFilter.acceptsGzip("gzip;q=0")).isFalse();
        assertThat(GzipEtagFilter.acceptsGzip("*")).isTrue();
        assertThat(GzipEtagFilter.acceptsGzip("identity")).isFalse();
        assertThat(GzipEtagFilter.acceptsGzip(null)).isFalse();
    }

    @Test
    void etagsIdentifyTheBodyAndIfNoneMatchHonoursListsAndWeakTags() {
        String etag = GzipEtagFilter.etag("hello".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(etag).isEqualTo(GzipEtagFilter.etag("hello".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .isNotEqualTo(GzipEtagFilter.etag("hellO".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .startsWith("\"").endsWith("\"");
        assertThat(GzipEtagFilter.matches("\"x\", " + etag, etag)).isTrue();
        assertThat(GzipEtagFilter.matches("W/" + etag, etag)).isTrue();
        assertThat(GzipEtagFilter.matches("*", etag)).isTrue();
        assertThat(GzipEtagFilter.matches("\"other\"", etag)).isFalse();
        assertThat(GzipEtagFilter.matches(null, etag)).isFalse();
    }
}
