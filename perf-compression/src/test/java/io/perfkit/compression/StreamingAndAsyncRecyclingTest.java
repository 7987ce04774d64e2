package io.perfkit.compression;

import org.junit.jupiter.api.BeforeAll;

/** Every {@link StreamingAndAsyncTest} again, with the filter recycling its wrappers through a pool of two. */
class StreamingAndAsyncRecyclingTest extends StreamingAndAsyncTest {
    @BeforeAll
    static void start() throws Exception {
        start(2);
    }
}
