package io.perfkit.pool;

import io.perfkit.core.Require;
import java.time.Duration;
import java.util.Optional;

/**
 * The idle time after which something between the pool and the database silently kills a connection: the
 * server's {@code idle_session_timeout}, or a firewall, NAT gateway or load balancer that drops idle TCP flows
 * (AWS NLB: 350 s, Azure load balancer: 4 minutes by default). A pooled connection must be pinged
 * ({@code keepaliveTime}) or retired ({@code maxLifetime}) before the shortest of them.
 *
 * @param serverIdleTimeout the server's idle-session cut-off; {@link Duration#ZERO} when there is none
 * @param networkIdleTimeout the network's idle cut-off; {@link Duration#ZERO} when unknown or none
 */
public record ConnectionCutoffs(Duration serverIdleTimeout, Duration networkIdleTimeout) {
    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException if a value is negative
     */
    public ConnectionCutoffs {
        Require.nonNegative(serverIdleTimeout, "serverIdleTimeout");
        Require.nonNegative(networkIdleTimeout, "networkIdleTimeout");
    }

    /** @return no known cut-off */
    public static ConnectionCutoffs none() {
        return new ConnectionCutoffs(Duration.ZERO, Duration.ZERO);
    }

    /**
     * Returns the network's idle cut-off alone.
     *
     * @param networkIdleTimeout the cut-off, positive
     * @return the cut-offs
     * @throws IllegalArgumentException if not positive
     */
    public static ConnectionCutoffs network(Duration networkIdleTimeout) {
        return new ConnectionCutoffs(Duration.ZERO, Require.positive(networkIdleTimeout, "networkIdleTimeout"));
    }

    /**
     * Returns a copy with the server's idle cut-off.
     *
     * @param serverIdleTimeout zero for none, or positive
     * @return the cut-offs
     */
    public ConnectionCutoffs withServerIdleTimeout(Duration serverIdleTimeout) {
        return new ConnectionCutoffs(serverIdleTimeout, networkIdleTimeout);
    }

    /** @return the shortest cut-off, or empty when none is known */
    public Optional<Duration> shortest() {
        if (serverIdleTimeout.isZero()) {
            return networkIdleTimeout.isZero() ? Optional.empty() : Optional.of(networkIdleTimeout);
        }
        if (networkIdleTimeout.isZero()) {
            return Optional.of(serverIdleTimeout);
        }
        return Optional.of(serverIdleTimeout.compareTo(networkIdleTimeout) <= 0 ? serverIdleTimeout
                : networkIdleTimeout);
    }

    /**
     * Returns a name for the shortest cut-off, for messages: the server's {@code idle_session_timeout} or the
     * network idle cut-off.
     *
     * @return the name
     */
    public String describeShortest() {
        if (serverIdleTimeout.isZero()) {
            return "the network idle cut-off";
        }
        return networkIdleTimeout.isZero() || serverIdleTimeout.compareTo(networkIdleTimeout) <= 0
                ? "the server's idle_session_timeout" : "the network idle cut-off";
    }
}
