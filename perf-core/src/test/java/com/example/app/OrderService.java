package com.example.app;

import io.perfkit.core.CallSiteLocator;
import java.util.Optional;

/** Stands in for application code: it lives outside perfkit's packages, as a user's code does. */
public final class OrderService {
    /** The line of the call below, asserted by the tests. */
    public static final int LOCATE_LINE = 12;

    public Optional<StackTraceElement> loadOrders() {
        return CallSiteLocator.defaults().locate();
    }
}
