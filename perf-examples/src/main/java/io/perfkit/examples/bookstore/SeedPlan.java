package io.perfkit.examples.bookstore;

/**
 * How much data to generate, and from which random seed (the same plan always yields the same rows).
 *
 * @param books how many books; authors are one per {@value #BOOKS_PER_AUTHOR} books
 * @param users how many users
 * @param orders how many orders; each has 1 to {@value #MAX_ITEMS_PER_ORDER} items
 * @param seed the random seed
 */
public record SeedPlan(long books, long users, long orders, long seed) {
    /** Books per author. */
    public static final int BOOKS_PER_AUTHOR = 10;
    /** The most items one order has. */
    public static final int MAX_ITEMS_PER_ORDER = 5;
    /** The default seed. */
    public static final long DEFAULT_SEED = 20261121L;

    /**
     * Validates the sizes.
     *
     * @throws IllegalArgumentException naming the setting that is out of range
     */
    public SeedPlan {
        if (books < BOOKS_PER_AUTHOR) {
            throw new IllegalArgumentException("books must be at least " + BOOKS_PER_AUTHOR + ", but was " + books);
        }
        if (users < 1) {
            throw new IllegalArgumentException("users must be at least 1, but was " + users);
        }
        if (orders < 1) {
            throw new IllegalArgumentException("orders must be at least 1, but was " + orders);
        }
    }

    /** @return the default plan: 100,000 books, 20,000 users, 200,000 orders */
    public static SeedPlan defaults() {
        return new SeedPlan(100_000, 20_000, 200_000, DEFAULT_SEED);
    }

    /** @return how many authors the plan yields */
    public long authors() {
        return (books + BOOKS_PER_AUTHOR - 1) / BOOKS_PER_AUTHOR;
    }
}
