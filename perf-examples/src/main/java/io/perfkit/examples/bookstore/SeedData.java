package io.perfkit.examples.bookstore;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Generates the bookstore's rows for a {@link SeedPlan}: deterministic (each row is a pure function of the seed and
 * its id, so rows can be generated in any order and regenerated for checks), referentially sound, and shaped like
 * a real shop: a few bestsellers take many orders, users order a handful of times, titles reuse a vocabulary.
 */
public final class SeedData {
    static final List<String> GENRES = List.of("Fantasy", "Science Fiction", "Mystery", "Thriller", "Romance",
            "Historical", "Horror", "Biography", "History", "Travel", "Cooking", "Poetry", "Philosophy", "Science",
            "Business", "Children", "Young Adult", "Art", "Religion", "Humor");
    static final List<String> ADJECTIVES = List.of("Silent", "Broken", "Golden", "Hidden", "Last", "Lost",
            "Burning", "Crimson", "Distant", "Electric", "Fallen", "Forgotten", "Frozen", "Gentle", "Glass", "Hollow",
            "Iron", "Little", "Midnight", "Northern", "Painted", "Quiet", "Restless", "Savage", "Secret", "Shattered",
            "Silver", "Sleeping", "Southern", "Stolen", "Strange", "Sudden", "Summer", "Tender", "Twisted", "Velvet",
            "Wandering", "Wild", "Winter", "Wooden", "Amber", "Bitter", "Bright", "Cold", "Dark", "Eternal",
            "Final", "Hungry", "Infinite", "Lonely");
    static final List<String> NOUNS = List.of("River", "Garden", "Empire", "Mirror", "Kingdom", "Harbor",
            "Forest", "Island", "Letter", "Machine", "Mountain", "Ocean", "Orchard", "Palace", "Promise", "Queen",
            "Road", "Secret", "Shadow", "Sky", "Song", "Storm", "Stranger", "Sword", "Tide", "Tower", "Valley",
            "Voyage", "War", "Witness", "Winter", "Wolf", "Bridge", "Castle", "City", "Clock", "Crown", "Daughter",
            "Dream", "Engine", "Fire", "Flame", "Ghost", "Heart", "House", "Hunter", "Journey", "Lantern",
            "Library", "Map", "Moon", "Night", "Rose", "Sea", "Star", "Summer", "Thief", "Train", "Village", "Water");
    static final List<String> FIRST_NAMES = List.of("Ada", "Alan", "Alice", "Amara", "Ana", "Ben", "Carla",
            "Chen", "Clara", "Daniel", "David", "Elena", "Emma", "Farah", "Felix", "Grace", "Hana", "Hugo", "Ines",
            "Ivan", "Jonas", "Julia", "Kenji", "Lars", "Laura", "Leila", "Liam", "Lucia", "Marco", "Maria", "Mei",
            "Nadia", "Noah", "Nora", "Omar", "Paul", "Priya", "Rosa", "Sam", "Sofia", "Tariq", "Tom", "Vera",
            "Wei", "Yara", "Yusuf", "Zoe");
    static final List<String> LAST_NAMES = List.of("Adams", "Almeida", "Berg", "Brown", "Castro", "Chen",
            "Costa", "Dubois", "Eriksen", "Fischer", "Garcia", "Gupta", "Haddad", "Hansen", "Ito", "Jensen",
            "Kaur", "Kim", "Kowalski", "Larsen", "Lee", "Lopez", "Martin", "Meyer", "Moreau", "Mueller", "Nakamura",
            "Novak", "Okafor", "Olsen", "Patel", "Petrov", "Rossi", "Santos", "Schmidt", "Silva", "Smith", "Tanaka",
            "Torres", "Wagner", "Walsh", "Wang", "Weber", "Wilson", "Yilmaz", "Zhang");
    static final List<String> COUNTRIES = List.of("Argentina", "Australia", "Brazil", "Canada", "Chile", "China",
            "Denmark", "Egypt", "France", "Germany", "India", "Ireland", "Italy", "Japan", "Kenya", "Mexico",
            "Netherlands", "Nigeria", "Norway", "Poland", "Portugal", "South Korea", "Spain", "Sweden",
            "United Kingdom", "United States");
    private static final List<String> STATUSES = List.of("PAID", "SHIPPED", "DELIVERED", "DELIVERED", "DELIVERED");
    private static final List<String> PHRASES = List.of("a story of", "an account of", "a meditation on",
            "a journey through", "a portrait of", "a study of", "a chronicle of", "a celebration of");
    private static final List<String> THEMES = List.of("love and loss", "ambition", "memory", "family secrets",
            "a changing world", "courage", "exile and return", "friendship", "power and its price", "the sea",
            "small towns", "invention", "faith and doubt", "the last days of an empire", "growing up");

    private static final long FIRST_PUBLISHED = LocalDate.of(1950, 1, 1).toEpochDay();
    private static final long LAST_PUBLISHED = LocalDate.of(2026, 6, 30).toEpochDay();
    private static final long FIRST_SIGNUP = Instant.parse("2019-01-01T00:00:00Z").getEpochSecond();
    private static final long FIRST_ORDER = Instant.parse("2023-01-01T00:00:00Z").getEpochSecond();
    private static final long LAST_ORDER = Instant.parse("2026-11-01T00:00:00Z").getEpochSecond();

    private final SeedPlan plan;

    /**
     * Creates a generator for a plan.
     *
     * @param plan the sizes and seed
     */
    public SeedData(SeedPlan plan) {
        this.plan = plan;
    }

    /** @return the plan */
    public SeedPlan plan() {
        return plan;
    }

    /** An author row. */
    record Author(long id, String name, String country) {}

    /** A book row; {@code priceCents} is the price in cents. */
    record Book(long id, long authorId, String title, String isbn, String genre, long priceCents,
            LocalDate publishedOn, int pages, String description) {}

    /** A user row. */
    record User(long id, String email, String name, Instant createdAt) {}

    /** An order row with its items; {@code totalCents} is the sum of the items. */
    record Order(long id, long userId, Instant createdAt, String status, long totalCents, List<Item> items) {}

    /** An order item row. */
    record Item(long orderId, int lineNo, long bookId, int quantity, long unitPriceCents) {}

    /**
     * Returns a generated book's title, as stored by the seeder.
     *
     * @param bookId from 1 to the plan's book count
     * @return the title
     */
    public String title(long bookId) {
        return book(bookId).title();
    }

    /**
     * Returns a generated book's publication date, as stored by the seeder.
     *
     * @param bookId from 1 to the plan's book count
     * @return the date
     */
    public LocalDate publishedOn(long bookId) {
        return book(bookId).publishedOn();
    }

    /** @return the genres books are drawn from */
    public static List<String> genres() {
        return GENRES;
    }

    Author author(long id) {
        SplittableRandom r = random(1, id);
        return new Author(id, pick(r, FIRST_NAMES) + " " + pick(r, LAST_NAMES), pick(r, COUNTRIES));
    }

    Book book(long id) {
        SplittableRandom r = random(2, id);
        long authorId = 1 + (id - 1) / SeedPlan.BOOKS_PER_AUTHOR;
        String genre = pick(r, GENRES);
        String title = title(r);
        String description = capitalize(pick(r, PHRASES)) + " " + pick(r, THEMES) + ", set in " + pick(r, COUNTRIES)
                + ". " + "The " + pick(r, ADJECTIVES).toLowerCase(Locale.ROOT) + " "
                + pick(r, NOUNS).toLowerCase(Locale.ROOT) + " at its centre becomes " + pick(r, PHRASES) + " "
                + pick(r, THEMES) + ".";
        return new Book(id, authorId, title, isbn(id), genre, bookPriceCents(id),
                LocalDate.ofEpochDay(FIRST_PUBLISHED + r.nextLong(LAST_PUBLISHED - FIRST_PUBLISHED + 1)),
                80 + r.nextInt(900), description);
    }

    User user(long id) {
        SplittableRandom r = random(3, id);
        String first = pick(r, FIRST_NAMES);
        String last = pick(r, LAST_NAMES);
        return new User(id, (first + "." + last + "." + id + "@example.com").toLowerCase(Locale.ROOT),
                first + " " + last, Instant.ofEpochSecond(FIRST_SIGNUP + r.nextLong(FIRST_ORDER - FIRST_SIGNUP)));
    }

    Order order(long id) {
        SplittableRandom r = random(4, id);
        long userId = 1 + r.nextLong(plan.users());
        int count = 1 + r.nextInt(SeedPlan.MAX_ITEMS_PER_ORDER);
        List<Item> items = new ArrayList<>(count);
        long total = 0;
        for (int line = 1; line <= count; line++) {
            long bookId = popularBook(r);
            int quantity = r.nextInt(10) < 8 ? 1 : 2 + r.nextInt(2);
            long unit = bookPriceCents(bookId);
            items.add(new Item(id, line, bookId, quantity, unit));
            total += unit * quantity;
        }
        String status = pick(r, STATUSES);
        return new Order(id, userId, Instant.ofEpochSecond(FIRST_ORDER + r.nextLong(LAST_ORDER - FIRST_ORDER)),
                status, total, List.copyOf(items));
    }

    /** A skewed pick: the lowest ids are the bestsellers (about a fifth of the sales go to 1 % of the books). */
    private long popularBook(SplittableRandom r) {
        double u = r.nextDouble();
        return 1 + Math.min(plan.books() - 1, (long) (plan.books() * u * u * u));
    }

    long bookPriceCents(long bookId) {
        SplittableRandom r = random(5, bookId);
        return 499 + 100L * r.nextInt(55) + (r.nextBoolean() ? 0 : 50);
    }

    private static String title(SplittableRandom r) {
        switch (r.nextInt(4)) {
            case 0:
                return "The " + pick(r, ADJECTIVES) + " " + pick(r, NOUNS);
            case 1:
                return pick(r, ADJECTIVES) + " " + pick(r, NOUNS) + " of the " + pick(r, NOUNS);
            case 2:
                return "The " + pick(r, NOUNS) + " of " + pick(r, ADJECTIVES) + " " + pick(r, NOUNS);
            default:
                return pick(r, ADJECTIVES) + " " + pick(r, NOUNS);
        }
    }

    /** An ISBN-13 in the 978 range, unique per id, with a valid check digit. */
    static String isbn(long id) {
        String body = "978" + String.format(Locale.ROOT, "%09d", id % 1_000_000_000L);
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            int digit = body.charAt(i) - '0';
            sum += (i % 2 == 0) ? digit : 3 * digit;
        }
        return body + ((10 - sum % 10) % 10);
    }

    private SplittableRandom random(int table, long id) {
        return new SplittableRandom(plan.seed() * 0x9E3779B97F4A7C15L + table * 0xBF58476D1CE4E5B9L + id);
    }

    private static String pick(SplittableRandom r, List<String> values) {
        return values.get(r.nextInt(values.size()));
    }

    private static String capitalize(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
