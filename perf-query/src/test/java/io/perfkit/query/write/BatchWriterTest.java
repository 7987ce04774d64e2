package io.perfkit.query.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class BatchWriterTest {
    record Book(String isbn, String title, int price) {}

    @Test
    void insertUpsertAndIgnoreStatements() {
        BatchWriter.Builder<Book> base = BatchWriter.<Book>insertInto("shop.book")
                .column("isbn", Book::isbn).column("title", Book::title).column("price", Book::price);
        assertThat(base.build().sql()).isEqualTo(
                "INSERT INTO \"shop\".\"book\" (\"isbn\", \"title\", \"price\") VALUES (?, ?, ?)");
        assertThat(BatchWriter.<Book>insertInto("book").column("isbn", Book::isbn).column("title", Book::title)
                .column("price", Book::price).onConflictDoUpdate("isbn").build().sql()).endsWith(
                "ON CONFLICT (\"isbn\") DO UPDATE SET \"title\" = EXCLUDED.\"title\", \"price\" = EXCLUDED.\"price\"");
        assertThat(BatchWriter.<Book>insertInto("book").column("isbn", Book::isbn).column("price", Book::price)
                .onConflictDoUpdate(List.of("isbn"), List.of("price")).build().sql())
                .endsWith("ON CONFLICT (\"isbn\") DO UPDATE SET \"price\" = EXCLUDED.\"price\"");
        assertThat(BatchWriter.<Book>insertInto("book").column("isbn", Book::isbn).onConflictDoNothing("isbn")
                .build().sql()).endsWith("ON CONFLICT (\"isbn\") DO NOTHING");
    }

    @Test
    void namesAreValidatedAndSettingsNamed() {
        assertThatThrownBy(() -> BatchWriter.insertInto("book; DROP TABLE x")).hasMessageContaining("table");
        assertThatThrownBy(() -> BatchWriter.<Book>insertInto("book").column("title\"", Book::title))
                .hasMessageContaining("column");
        assertThatThrownBy(() -> BatchWriter.<Book>insertInto("book").column("a", Book::title).column("a", Book::title))
                .hasMessageContaining("already");
        assertThatThrownBy(() -> BatchWriter.<Book>insertInto("book").batchSize(0)).hasMessageContaining("batchSize");
        assertThatThrownBy(() -> BatchWriter.<Book>insertInto("book").build())
                .hasMessageContaining("at least one column");
        assertThatThrownBy(() -> BatchWriter.<Book>insertInto("book").column("title", Book::title)
                .onConflictDoUpdate("isbn").build()).hasMessageContaining("conflict column 'isbn'");
        assertThatThrownBy(() -> BatchWriter.<Book>insertInto("book").column("isbn", Book::isbn)
                .onConflictDoUpdate("isbn").build()).hasMessageContaining("nothing to update");
        assertThatThrownBy(() -> BatchWriter.<Book>insertInto("book").column("isbn", Book::isbn)
                .onConflictDoNothing("isbn").onConflictDoNothing("isbn")).hasMessageContaining("already set");
        assertThatThrownBy(() -> BatchWriter.<Book>insertInto("book").returningKeys("id) RETURNING *"))
                .hasMessageContaining("key column");
    }
}
