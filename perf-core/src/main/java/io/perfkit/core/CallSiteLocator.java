package io.perfkit.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Finds the application's line that caused something: the first stack frame that belongs to none of the
 * libraries between the application and the database, cache or pool.
 *
 * <p>The stack is walked with {@link StackWalker}, lazily and only as deep as needed, and only when a finding
 * is made, never per query. Frames of perfkit's library modules ({@code io.perfkit.core}, {@code .query},
 * {@code .cache}, {@code .pool}, {@code .compression}, {@code .testkit}), the JDK, JDBC drivers (pgjdbc),
 * jOOQ, HikariCP, Lettuce, Caffeine, Netty, Micrometer, Spring's JDBC and transaction layers, Hibernate,
 * Jetty and the servlet API are skipped. Note that an application's own classes in one of those packages
 * are skipped too: code under test should live in its own package.
 *
 * <pre>{@code
 * CallSiteLocator locator = CallSiteLocator.defaults().skipping("com.acme.dao.support.");
 * Optional<StackTraceElement> site = locator.locate();   // e.g. com.acme.OrderService.load(OrderService.java:42)
 * }</pre>
 */
public final class CallSiteLocator {
    private static final List<String> DEFAULT_SKIPPED = List.of(
            "io.perfkit.core.", "io.perfkit.query.", "io.perfkit.cache.", "io.perfkit.pool.",
            "io.perfkit.compression.", "io.perfkit.testkit.",
            "java.", "javax.", "jdk.", "sun.", "com.sun.", "jakarta.",
            "org.postgresql.", "org.jooq.", "com.zaxxer.hikari.", "io.lettuce.", "io.netty.", "reactor.",
            "com.github.benmanes.caffeine.", "io.micrometer.", "org.slf4j.",
            "org.springframework.jdbc.", "org.springframework.transaction.", "org.springframework.aop.",
            "org.springframework.cglib.", "org.hibernate.", "org.eclipse.jetty.",
            "net.ttddyy.dsproxy.", "com.p6spy.");

    private static final CallSiteLocator DEFAULTS = new CallSiteLocator(DEFAULT_SKIPPED.toArray(new String[0]));

    private final String[] skipped;

    private CallSiteLocator(String[] skipped) {
        this.skipped = skipped;
    }

    /**
     * Returns the locator that skips perfkit, the JDK and the data-access libraries listed in the class
     * documentation.
     *
     * @return the default locator
     */
    public static CallSiteLocator defaults() {
        return DEFAULTS;
    }

    /**
     * Returns a locator that also skips classes whose name starts with one of the given prefixes, for an
     * application's own data-access helpers (a generic DAO base class, a repository framework).
     *
     * @param packagePrefixes class name prefixes, such as {@code "com.acme.dao.support."}
     * @return a new locator
     * @throws IllegalArgumentException if a prefix is blank
     */
    public CallSiteLocator skipping(String... packagePrefixes) {
        List<String> all = new ArrayList<>(Arrays.asList(skipped));
        for (String prefix : Require.nonNull(packagePrefixes, "packagePrefixes")) {
            all.add(Require.nonBlank(prefix, "package prefix"));
        }
        return new CallSiteLocator(all.toArray(new String[0]));
    }

    /**
     * Walks the current thread's stack and returns the first frame of application code.
     *
     * @return the application frame, or empty when every frame belongs to a skipped library
     */
    public Optional<StackTraceElement> locate() {
        return StackWalker.getInstance()
                .walk(frames -> frames.filter(f -> !isSkipped(f.getClassName())).findFirst())
                .map(StackWalker.StackFrame::toStackTraceElement);
    }

    /**
     * Tells whether frames of the given class are skipped.
     *
     * @param className a fully qualified class name
     * @return true when the class belongs to a skipped library
     */
    public boolean isSkipped(String className) {
        for (String prefix : skipped) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
