package io.perfkit.cache;

import java.util.function.BooleanSupplier;

/** Polls a condition: waits for an asynchronous effect without asserting how long it took. */
final class Await {
    private Await() {}

    static void until(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("never happened: " + what);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }
}
