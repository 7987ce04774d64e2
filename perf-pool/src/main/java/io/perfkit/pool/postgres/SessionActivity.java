package io.perfkit.pool.postgres;

import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One server session as {@code pg_stat_activity} showed it.
 *
 * @param pid the backend process id ({@code PGConnection.getBackendPID()} on the client side)
 * @param applicationName the session's {@code application_name}; empty when unset
 * @param state {@code active}, {@code idle}, {@code idle in transaction}, ...
 * @param inState how long the session has been in its state
 * @param transactionAge how long its transaction has been open; zero outside a transaction
 * @param queryAge how long since its current (or last) statement started
 * @param waitEventType what it waits on ({@code Lock}, {@code IO}, {@code Client}, ...), if anything
 * @param query the statement text, only when the monitor was told it may include it (it can hold literals)
 */
public record SessionActivity(int pid, String applicationName, String state, Duration inState,
                              Duration transactionAge, Duration queryAge, @Nullable String waitEventType,
                              @Nullable String query) {
    /** @return the statement text, when included */
    public Optional<String> queryText() {
        return Optional.ofNullable(query);
    }
}
