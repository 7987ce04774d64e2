package io.perfkit.query.jooq;

import io.perfkit.core.WorkScope;
import io.perfkit.query.internal.FrameworkContext;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;

/**
 * Tells perf-query that jOOQ is running the current statement, so an N+1 finding suggests the jOOQ way to batch
 * it ({@code .where(FK.in(keys))}, {@code fetchGroups}, {@code MULTISET}). Monitoring itself needs no listener:
 * jOOQ on a data source wrapped by {@code QueryMonitor.wrap} is monitored like any JDBC code.
 *
 * <pre>{@code
 * DSLContext ctx = DSL.using(new DefaultConfiguration()
 *     .set(monitor.wrap(dataSource)).set(SQLDialect.POSTGRES)
 *     .set(PerfkitExecuteListener.create()));
 * }</pre>
 *
 * <p>Stateless and thread-safe; it allocates nothing outside a {@link WorkScope}.
 */
public final class PerfkitExecuteListener implements ExecuteListener {
    private static final long serialVersionUID = 1L;
    private static final PerfkitExecuteListener INSTANCE = new PerfkitExecuteListener();

    private PerfkitExecuteListener() {
    }

    /**
     * Returns the listener.
     *
     * @return the shared instance
     */
    public static PerfkitExecuteListener create() {
        return INSTANCE;
    }

    /**
     * Marks the statement about to run as jOOQ's.
     *
     * @param ctx jOOQ's context
     */
    @Override
    public void executeStart(ExecuteContext ctx) {
        WorkScope scope = WorkScope.currentOrNull();
        if (scope != null) {
            scope.attribute(FrameworkContext.KEY, FrameworkContext::new).framework("jOOQ");
        }
    }

    /**
     * Clears the mark.
     *
     * @param ctx jOOQ's context
     */
    @Override
    public void executeEnd(ExecuteContext ctx) {
        WorkScope scope = WorkScope.currentOrNull();
        if (scope != null) {
            scope.attribute(FrameworkContext.KEY).ifPresent(c -> c.framework(null));
        }
    }

    @Override
    public String toString() {
        return "PerfkitExecuteListener";
    }
}
