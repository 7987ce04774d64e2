package io.perfkit.testkit;

/**
 * Where a test server came from. Tests may read it to skip checks that only make sense for one
 * kind of server, and it shows up in the log so a reader of a CI run can tell what was tested.
 */
public enum ServerSource {
    /** A server named by {@code PERFKIT_TEST_PG_URL} or {@code PERFKIT_TEST_REDIS_URL}. */
    ENVIRONMENT,
    /** A container started by Testcontainers on a reachable Docker engine. */
    TESTCONTAINERS,
    /** A server process started from binaries shipped in Maven artifacts (zonky, embedded-redis). */
    EMBEDDED
}
