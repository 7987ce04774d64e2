package io.perfkit.examples.bookstore;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SeederTest {
    @Test
    void copyRowsEscapeTheCharactersCopyTextFormatGivesMeaningTo() {
        StringBuilder out = new StringBuilder();
        Seeder.appendRow(out, new String[] {"1", "tab\there", "line\nbreak", "back\\slash", "cr\r"});
        assertThat(out).hasToString("1\ttab\\there\tline\\nbreak\tback\\\\slash\tcr\\r\n");
    }

    @Test
    void centsAreWrittenAsDecimalPrices() {
        assertThat(Seeder.cents(499)).isEqualTo("4.99");
        assertThat(Seeder.cents(1205)).isEqualTo("12.05");
        assertThat(Seeder.cents(1000)).isEqualTo("10.00");
        assertThat(Seeder.cents(7)).isEqualTo("0.07");
    }
}
