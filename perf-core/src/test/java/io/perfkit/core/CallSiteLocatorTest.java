package io.perfkit.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.app.OrderService;
import org.junit.jupiter.api.Test;

class CallSiteLocatorTest {

    @Test
    void findsTheFirstFrameOutsidePerfkitAndTheJdk() {
        StackTraceElement site = new OrderService().loadOrders().orElseThrow();
        assertThat(site.getClassName()).isEqualTo("com.example.app.OrderService");
        assertThat(site.getMethodName()).isEqualTo("loadOrders");
        assertThat(site.getLineNumber()).isEqualTo(OrderService.LOCATE_LINE);
    }

    @Test
    void skipsLibraryFramesAndKeepsApplicationFrames() {
        CallSiteLocator locator = CallSiteLocator.defaults();
        assertThat(locator.isSkipped("org.postgresql.jdbc.PgStatement")).isTrue();
        assertThat(locator.isSkipped("com.zaxxer.hikari.pool.ProxyStatement")).isTrue();
        assertThat(locator.isSkipped("org.jooq.impl.AbstractQuery")).isTrue();
        assertThat(locator.isSkipped("io.perfkit.query.internal.jdbc.MonitoredStatement")).isTrue();
        assertThat(locator.isSkipped("io.perfkit.examples.bookstore.OrderRepository")).isFalse();
        assertThat(locator.isSkipped("com.acme.OrderDao")).isFalse();
    }

    @Test
    void extraPrefixesSkipTheApplicationsOwnDataAccessHelpers() {
        CallSiteLocator locator = CallSiteLocator.defaults().skipping("com.example.app.");
        assertThat(locator.isSkipped("com.example.app.OrderService")).isTrue();
        // The defaults are not changed by deriving a locator.
        assertThat(CallSiteLocator.defaults().isSkipped("com.example.app.OrderService")).isFalse();
        // Every frame of this test's stack is now skipped except JUnit's own runner frames.
        assertThat(locator.locate()).hasValueSatisfying(
                site -> assertThat(site.getClassName()).startsWith("org.junit."));
    }
}
