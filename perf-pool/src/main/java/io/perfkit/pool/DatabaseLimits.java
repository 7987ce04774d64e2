package io.perfkit.pool;

import io.perfkit.core.Require;

/**
 * The database server's connection limits that bound every pool connected to it.
 *
 * @param maxConnections the server's {@code max_connections}, at least 1
 * @param reservedConnections slots application roles cannot use ({@code superuser_reserved_connections} plus
 *     {@code reserved_connections} on PostgreSQL 16+), at least 0 and below {@code maxConnections}
 */
public record DatabaseLimits(int maxConnections, int reservedConnections) {
    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException if a value is out of range
     */
    public DatabaseLimits {
        Require.atLeast(maxConnections, 1, "maxConnections");
        Require.argument(reservedConnections >= 0 && reservedConnections < maxConnections,
                "reservedConnections must be >= 0 and < maxConnections (%s), but was %s",
                maxConnections, reservedConnections);
    }

    /**
     * Returns limits given by hand.
     *
     * @param maxConnections the server's {@code max_connections}
     * @param reservedConnections the slots reserved for superusers and other roles
     * @return the limits
     * @throws IllegalArgumentException if a value is out of range
     */
    public static DatabaseLimits of(int maxConnections, int reservedConnections) {
        return new DatabaseLimits(maxConnections, reservedConnections);
    }

    /** @return how many connections application roles may open in all */
    public int usableConnections() {
        return maxConnections - reservedConnections;
    }
}
