package io.perfkit.compression;

import org.junit.jupiter.api.BeforeAll;

/** Every {@link CompressionFilterTest} again, with the filter recycling its wrappers through a pool of two. */
class CompressionFilterRecyclingTest extends CompressionFilterTest {
    @BeforeAll
    static void start() throws Exception {
        start(2);
    }
}
