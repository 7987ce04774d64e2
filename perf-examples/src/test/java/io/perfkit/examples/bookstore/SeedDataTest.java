package io.perfkit.examples.bookstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SeedDataTest {
    private final SeedPlan plan = new SeedPlan(1_000, 200, 2_000, 42);
    private final SeedData data = new SeedData(plan);

    @Test
    void sameSeedGivesSameRowsAndAnotherSeedOthers() {
        SeedData again = new SeedData(plan);
        SeedData other = new SeedData(new SeedPlan(1_000, 200, 2_000, 43));
        for (long id = 1; id <= 50; id++) {
            assertThat(again.book(id)).isEqualTo(data.book(id));
            assertThat(again.order(id)).isEqualTo(data.order(id));
            assertThat(again.user(id)).isEqualTo(data.user(id));
        }
        long differentTitles = 0;
        for (long id = 1; id <= 50; id++) {
            if (!other.book(id).title().equals(data.book(id).title())) {
                differentTitles++;
            }
        }
        assertThat(differentTitles).isGreaterThan(25);
    }

    @Test
    void rowsReferenceExistingRowsAndOrderTotalsAddUp() {
        for (long id = 1; id <= plan.books(); id++) {
            SeedData.Book b = data.book(id);
            assertThat(b.authorId()).isBetween(1L, plan.authors());
            assertThat(b.priceCents()).isBetween(499L, 6_000L);
            assertThat(SeedData.GENRES).contains(b.genre());
        }
        for (long id = 1; id <= plan.orders(); id++) {
            SeedData.Order o = data.order(id);
            assertThat(o.userId()).isBetween(1L, plan.users());
            assertThat(o.items()).hasSizeBetween(1, SeedPlan.MAX_ITEMS_PER_ORDER);
            long total = 0;
            for (int i = 0; i < o.items().size(); i++) {
                SeedData.Item item = o.items().get(i);
                assertThat(item.lineNo()).isEqualTo(i + 1);
                assertThat(item.bookId()).isBetween(1L, plan.books());
                assertThat(item.unitPriceCents()).isEqualTo(data.bookPriceCents(item.bookId()));
                total += item.unitPriceCents() * item.quantity();
            }
            assertThat(o.totalCents()).isEqualTo(total);
        }
    }

    @Test
    void salesAreSkewedTowardsBestsellersLikeARealShop() {
        long toTopPercent = 0;
        long items = 0;
        for (long id = 1; id <= plan.orders(); id++) {
            for (SeedData.Item item : data.order(id).items()) {
                items++;
                if (item.bookId() <= plan.books() / 100) {
                    toTopPercent++;
                }
            }
        }
        assertThat((double) toTopPercent / items).isGreaterThan(0.15);
    }

    @Test
    void isbnsAreUniqueWithValidCheckDigits() {
        Set<String> seen = new HashSet<>();
        for (long id = 1; id <= plan.books(); id++) {
            String isbn = data.book(id).isbn();
            assertThat(isbn).hasSize(13).startsWith("978");
            int sum = 0;
            for (int i = 0; i < 13; i++) {
                sum += (isbn.charAt(i) - '0') * (i % 2 == 0 ? 1 : 3);
            }
            assertThat(sum % 10).as(isbn).isZero();
            assertThat(seen.add(isbn)).isTrue();
        }
        assertThat(SeedData.isbn(30640615L)).isEqualTo("9780306406157");
    }

    @Test
    void emailsAreUniqueAndTitlesAreAscii() {
        Set<String> emails = new HashSet<>();
        for (long id = 1; id <= plan.users(); id++) {
            assertThat(emails.add(data.user(id).email())).isTrue();
        }
        for (long id = 1; id <= 200; id++) {
            assertThat(data.title(id)).matches("[A-Za-z ]+");
        }
    }

    @Test
    void planRejectsSizesOutOfRangeNamingTheSetting() {
        assertThatThrownBy(() -> new SeedPlan(5, 1, 1, 1)).hasMessageContaining("books");
        assertThatThrownBy(() -> new SeedPlan(100, 0, 1, 1)).hasMessageContaining("users");
        assertThatThrownBy(() -> new SeedPlan(100, 1, 0, 1)).hasMessageContaining("orders");
        assertThat(SeedPlan.defaults().books()).isGreaterThanOrEqualTo(100_000);
        assertThat(SeedPlan.defaults().users()).isGreaterThanOrEqualTo(20_000);
        assertThat(SeedPlan.defaults().orders()).isGreaterThanOrEqualTo(200_000);
    }
}
