package io.perfkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TestNamesTest {

    /** A class whose name is long and not lower-case, as test names tend to be. */
    static final class AVeryLongTestClassNameThatKeepsGoingAndGoing_WithÜmlauts {}

    @Test
    void database_names_are_safe_identifiers_derived_from_the_class() {
        String name = TestNames.databaseName(
                TestNames.newId(AVeryLongTestClassNameThatKeepsGoingAndGoing_WithÜmlauts.class));

        assertThat(name).matches(TestNames.DATABASE_NAME).startsWith("perfkit_averylongtestclass");
        assertThat(name.length()).isLessThanOrEqualTo(63);
    }

    @Test
    void two_ids_for_the_same_class_differ() {
        assertThat(TestNames.newId(TestNamesTest.class))
                .isNotEqualTo(TestNames.newId(TestNamesTest.class));
    }

    @Test
    void refuses_a_database_name_that_could_carry_sql() {
        assertThatThrownBy(() -> TestNames.checkedDatabaseName("x\"; DROP DATABASE test; --"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void key_prefixes_are_escaped_for_scan_match() {
        assertThat(TestNames.keyPrefix("ordersit_ab12")).isEqualTo("perfkit-test:ordersit_ab12:");
        assertThat(TestNames.globEscape("a*b?[c]-")).isEqualTo("a\\*b\\?\\[c\\]\\-");
    }
}
