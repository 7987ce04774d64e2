package io.perfkit.testkit;

/**
 * A server this JVM started, and how to stop it.
 *
 * @param endpoint where to reach it
 * @param stopper stops it; run when the JUnit run ends
 * @param <T> the endpoint type
 */
record Started<T>(T endpoint, AutoCloseable stopper) {}
