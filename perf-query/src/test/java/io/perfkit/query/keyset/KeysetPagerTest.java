package io.perfkit.query.keyset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The SQL the pager builds and what it refuses, without a server. */
class KeysetPagerTest {
    static final CursorCodec CURSORS = CursorCodec.hmacSha256("0123456789abcdef0123456789abcdef"
            .getBytes(StandardCharsets.US_ASCII));

    static KeysetPager pager() {
        return KeysetPager.builder("book", CURSORS)
                .select("id", "title")
                .sortable("title", "price")
                .sortableNullable("published_at")
                .uniqueKey("id")
                .defaultSort(SortColumn.desc("price"))
                .maxPageSize(100)
                .build();
    }

    private static String cursor(KeysetPager pager, List<SortColumn> sort, Object... values) {
        return CURSORS.encode(new CursorCodec.Position(pager.fingerprint(), sort, Arrays.asList(values)));
    }

    @Test
    void firstPageUsesTheDefaultSortWithTheUniqueKeyAsTieBreaker() {
        assertThat(pager().sql(PageRequest.first(20)))
                .isEqualTo("SELECT \"id\", \"title\", \"price\" FROM \"book\""
                        + " ORDER BY \"price\" DESC, \"id\" DESC LIMIT 21");
    }

    @Test
    void sameDirectionWithoutNullsSeeksWithARowComparison() {
        KeysetPager pager = pager();
        KeysetPager.Query q = pager.prepare(PageRequest.after(cursor(pager,
                List.of(SortColumn.desc("price"), SortColumn.desc("id")), 10L, 7L), 20), List.of());
        assertThat(q.sql)
                .endsWith("WHERE ((\"price\", \"id\") < (?, ?)) ORDER BY \"price\" DESC, \"id\" DESC LIMIT 21");
        assertThat(q.params).containsExactly(10L, 7L);
    }

    @Test
    void mixedDirectionsExpandIntoOneTermPerColumn() {
        KeysetPager pager = pager();
        KeysetPager.Query q = pager.prepare(PageRequest.after(cursor(pager,
                List.of(SortColumn.asc("title"), SortColumn.desc("price"), SortColumn.desc("id")), "T", 10L, 7L), 5),
                List.of());
        assertThat(q.sql).contains("WHERE ((\"title\" > ?) OR (\"title\" = ? AND \"price\" < ?) "
                + "OR (\"title\" = ? AND \"price\" = ? AND \"id\" < ?))");
        assertThat(q.params).containsExactly("T", "T", 10L, "T", 10L, 7L);
        assertThat(q.sql).endsWith("LIMIT 6");
    }

    @Test
    void nullableColumnsSeekWithNullAwareTerms() {
        KeysetPager pager = pager();
        List<SortColumn> asc = List.of(SortColumn.asc("published_at"), SortColumn.asc("id"));
        assertThat(pager.prepare(PageRequest.after(cursor(pager, asc, java.time.LocalDate.of(2020, 1, 1), 3L), 5),
                List.of()).sql).contains("WHERE (((\"published_at\" > ? OR \"published_at\" IS NULL)) "
                + "OR (\"published_at\" = ? AND \"id\" > ?))");
        // After a NULL ascending only NULLs remain (NULLs sort last).
        assertThat(pager.prepare(PageRequest.after(cursor(pager, asc, null, 3L), 5), List.of()).sql)
                .contains("WHERE ((\"published_at\" IS NULL AND \"id\" > ?))");
        // After a NULL descending come all non-NULLs (NULLs sort first).
        List<SortColumn> desc = List.of(SortColumn.desc("published_at"), SortColumn.desc("id"));
        assertThat(pager.prepare(PageRequest.after(cursor(pager, desc, null, 3L), 5), List.of()).sql)
                .contains("WHERE ((\"published_at\" IS NOT NULL) OR (\"published_at\" IS NULL AND \"id\" < ?))");
    }

    @ParameterizedTest
    @ValueSource(strings = {"title; DROP TABLE book", "title\" DESC --", "(SELECT 1)", "title,price", "TITLE",
            "title ", "tit\u0000le", "pg_sleep(10)", "\"title\"", "title/**/", "tіtle" /* Cyrillic i */, "id2", ""})
    void sortColumnsOutsideTheWhitelistAreRejectedBeforeAnySql(String column) {
        assertThatThrownBy(() -> pager().sql(PageRequest.first(10, SortColumn.asc(column))))
                .isInstanceOf(InvalidPageRequestException.class)
                .hasMessageContaining("cannot sort by")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\u0000"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"book; DROP TABLE x", "book\"", "a.b.c", "public.", "1book", "book--", "bo ok"})
    void badTableNamesAreRejectedAtBuildTime(String table) {
        assertThatThrownBy(() -> KeysetPager.builder(table, CURSORS)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("table");
    }

    @Test
    void badColumnNamesAreRejectedAtBuildTime() {
        assertThatThrownBy(() -> KeysetPager.builder("book", CURSORS).select("id", "title) FROM secrets --"))
                .hasMessageContaining("select column");
        assertThatThrownBy(() -> KeysetPager.builder("book", CURSORS).sortable("x\"y"))
                .hasMessageContaining("sortable");
        assertThatThrownBy(() -> KeysetPager.builder("book", CURSORS).uniqueKey("id;"))
                .hasMessageContaining("uniqueKey");
        assertThatThrownBy(() -> KeysetPager.builder("book", CURSORS).build())
                .hasMessageContaining("uniqueKey is required");
        assertThatThrownBy(() -> KeysetPager.builder("book", CURSORS).uniqueKey("id")
                .defaultSort(SortColumn.asc("nope")).build()).hasMessageContaining("defaultSort");
        assertThat(KeysetPager.builder("shop.book", CURSORS).uniqueKey("id").build().sql(PageRequest.first(1)))
                .contains("FROM \"shop\".\"book\"");
    }

    @Test
    void requestsAreCheckedAgainstTheLimits() {
        assertThatThrownBy(() -> pager().sql(PageRequest.first(101))).isInstanceOf(InvalidPageRequestException.class)
                .hasMessageContaining("<= 100");
        assertThatThrownBy(() -> PageRequest.first(0)).isInstanceOf(InvalidPageRequestException.class);
        assertThatThrownBy(() -> pager().sql(PageRequest.first(5, SortColumn.asc("title"), SortColumn.asc("title"))))
                .hasMessageContaining("twice");
        assertThatThrownBy(() -> pager().sql(PageRequest.first(5, SortColumn.asc("id"), SortColumn.asc("title"))))
                .hasMessageContaining("last sort column");
    }

    @Test
    void aCursorSentWithADifferentSortIsRejected() {
        KeysetPager pager = pager();
        String c = cursor(pager, List.of(SortColumn.desc("price"), SortColumn.desc("id")), 10L, 7L);
        assertThatThrownBy(() -> pager.sql(new PageRequest(5, List.of(SortColumn.asc("title")), Optional.of(c))))
                .isInstanceOf(InvalidPageRequestException.class).hasMessageContaining("does not match");
        assertThat(pager.sql(new PageRequest(5, List.of(SortColumn.desc("price")), Optional.of(c)))).contains("<");
    }

    @Test
    void aCursorFromAnotherPagerIsRejected() {
        KeysetPager other = KeysetPager.builder("author", CURSORS).uniqueKey("id").build();
        String c = cursor(other, List.of(SortColumn.asc("id")), 7L);
        assertThatThrownBy(() -> pager().sql(PageRequest.after(c, 5))).isInstanceOf(InvalidCursorException.class)
                .hasMessageContaining("different query");
    }

    @Test
    void aSignedCursorWithNullForANotNullColumnIsRejected() {
        KeysetPager pager = pager();
        String c = cursor(pager, List.of(SortColumn.desc("price"), SortColumn.desc("id")), null, 7L);
        assertThatThrownBy(() -> pager.sql(PageRequest.after(c, 5))).isInstanceOf(InvalidCursorException.class);
    }

    @Test
    void whereClausePlaceholdersMustBeGivenValues() {
        KeysetPager pager = KeysetPager.builder("book", CURSORS).uniqueKey("id").where("author_id = ?").build();
        assertThat(pager.sql(PageRequest.first(3))).isEqualTo(
                "SELECT * FROM \"book\" WHERE (author_id = ?) ORDER BY \"id\" ASC LIMIT 4");
        assertThatThrownBy(() -> pager.prepare(PageRequest.first(3), List.of())).hasMessageContaining("whereParams");
        assertThatThrownBy(() -> KeysetPager.builder("book", CURSORS).where("1=1; DROP TABLE book"))
                .hasMessageContaining("where");
    }
}
