package io.perfkit.compression;

import org.junit.jupiter.api.BeforeAll;

/** Every {@link ConditionalRequestTest} again, with the filter recycling its wrappers through a pool of two. */
class ConditionalRequestRecyclingTest extends ConditionalRequestTest {
    @BeforeAll
    static void start() throws Exception {
        start(2);
    }
}
