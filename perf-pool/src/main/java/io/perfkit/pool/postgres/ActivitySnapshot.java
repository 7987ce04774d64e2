package io.perfkit.pool.postgres;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What one sample of {@code pg_stat_activity} found.
 *
 * @param takenAt when the sample was taken
 * @param maxConnections the server's {@code max_connections}
 * @param reservedConnections slots reserved for superusers and other roles
 * @param clientConnections client sessions on the whole server (the monitor's own excluded)
 * @param states per {@code application_name} (empty string when unset), the number of sessions in each state,
 *     for sessions of the monitored database
 * @param idleInTransaction sessions idle inside a transaction for longer than the threshold
 * @param longRunning statements active for longer than the threshold
 */
public record ActivitySnapshot(Instant takenAt, int maxConnections, int reservedConnections, int clientConnections,
                               Map<String, Map<String, Integer>> states, List<SessionActivity> idleInTransaction,
                               List<SessionActivity> longRunning) {
    /** Copies the collections. */
    public ActivitySnapshot {
        states = Map.copyOf(states);
        idleInTransaction = List.copyOf(idleInTransaction);
        longRunning = List.copyOf(longRunning);
    }

    /** @return connections application roles may still open: usable slots minus client sessions */
    public int headroom() {
        return maxConnections - reservedConnections - clientConnections;
    }

    /**
     * Returns how many sessions of an application are in a state.
     *
     * @param applicationName the {@code application_name}
     * @param state the state, such as {@code "idle in transaction"}
     * @return the count, zero when none
     */
    public int count(String applicationName, String state) {
        return states.getOrDefault(applicationName, Map.of()).getOrDefault(state, 0);
    }
}
