package io.perfkit.pool;

import io.perfkit.core.Require;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Works out how large a connection pool should be, and writes down why.
 *
 * <p>The starting point is the rule the HikariCP wiki credits to PostgreSQL: a database runs about
 * {@code cores × 2 + effective spindles} statements in parallel before extra connections only add queueing
 * and context switches inside the server. That budget is shared by every application instance. Observed load
 * then sets a floor through Little's law ({@code connections in use = acquisitions per second × seconds
 * each connection is held}), a pool whose tasks take several connections at once gets the deadlock floor
 * {@code Tn × (Cm − 1) + 1}, and the server's {@code max_connections} (minus reserved slots) caps it.
 *
 * <pre>{@code
 * SizingRecommendation r = PoolSizing.builder()
 *     .databaseCores(8)
 *     .effectiveSpindles(0)                      // SSD, working set cached
 *     .instances(3)
 *     .databaseLimits(DatabaseLimits.of(200, 3)) // or PostgresServerSettings.read(connection).limits()
 *     .observedLoad(400, Duration.ofMillis(12))  // 400 acquisitions/s per instance, 12 ms held each
 *     .build()
 *     .recommend();
 * System.out.println(r.explain());
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class PoolSizing {
    /** The fraction of the pool that steady load may keep busy before it is considered too small: 0.8. */
    public static final double DEFAULT_TARGET_UTILIZATION = 0.8;

    private final int databaseCores;
    private final int effectiveSpindles;
    private final int instances;
    private final @Nullable DatabaseLimits limits;
    private final int otherClientConnections;
    private final double arrivalRatePerSecond;
    private final @Nullable Duration holdTime;
    private final int concurrentTasks;
    private final int connectionsPerTask;
    private final double targetUtilization;

    private PoolSizing(Builder b) {
        this.databaseCores = b.databaseCores;
        this.effectiveSpindles = b.effectiveSpindles;
        this.instances = b.instances;
        this.limits = b.limits;
        this.otherClientConnections = b.otherClientConnections;
        this.arrivalRatePerSecond = b.arrivalRatePerSecond;
        this.holdTime = b.holdTime;
        this.concurrentTasks = b.concurrentTasks;
        this.connectionsPerTask = b.connectionsPerTask;
        this.targetUtilization = b.targetUtilization;
    }

    /**
     * Starts a sizing; only {@link Builder#databaseCores(int)} is required.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Computes the recommendation.
     *
     * @return the sizes with their reasoning
     */
    public SizingRecommendation recommend() {
        List<String> why = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        int serverBudget = databaseCores * 2 + effectiveSpindles;
        why.add(fmt("The database can work on about %d statements at once: %d cores × 2 + %d effective spindles "
                + "(HikariCP's pool-sizing rule; more connections than that queue inside the server instead of "
                + "in the pool, where waiting is cheaper).", serverBudget, databaseCores, effectiveSpindles));
        int size = ceilDiv(serverBudget, instances);
        if (instances > 1) {
            why.add(fmt("%d application instances share that budget: %d per instance.", instances, size));
        }
        size = applyLittlesLaw(size, serverBudget, why, warnings);
        size = applyDeadlockFloor(size, why);
        size = applyServerCap(size, why, warnings);
        why.add(fmt("minimumIdle = maximumPoolSize = %d: a fixed-size pool, as HikariCP recommends, so a burst never "
                + "waits for new connections to be opened (each costs a TCP and authentication round trip and a "
                + "PostgreSQL backend process).", size));
        return new SizingRecommendation(size, size, why, warnings);
    }

    private int applyLittlesLaw(int size, int serverBudget, List<String> why, List<String> warnings) {
        if (holdTime == null) {
            return size;
        }
        double inUse = arrivalRatePerSecond * holdTime.toNanos() / 1e9;
        int floor = Math.max(1, (int) Math.ceil(inUse / targetUtilization));
        why.add(fmt("Little's law: %s acquisitions/s × %s ms held = %.1f connections in use on average; at a target "
                        + "utilization of %.0f%% the pool needs at least %d.", num(arrivalRatePerSecond),
                num(holdTime.toNanos() / 1e6), inUse, targetUtilization * 100, floor));
        if (floor <= size) {
            return size;
        }
        if ((long) floor * instances > serverBudget) {
            warnings.add(fmt("The load needs %d connections per instance (%d in all), more than the %d statements the "
                    + "database runs well at once: requests will queue whatever the pool size. Shorten the time each "
                    + "connection is held (no remote calls inside a transaction), cache, or add database capacity.",
                    floor, (long) floor * instances, serverBudget));
        }
        why.add(fmt("Raised to %d so that the pool is not permanently saturated (a pool smaller than the average "
                + "demand has a queue that only grows).", floor));
        return floor;
    }

    private int applyDeadlockFloor(int size, List<String> why) {
        if (connectionsPerTask < 2) {
            return size;
        }
        long floor = (long) concurrentTasks * (connectionsPerTask - 1) + 1;
        why.add(fmt("Each task holds up to %d connections at once and up to %d tasks run at once: the deadlock floor "
                        + "Tn × (Cm − 1) + 1 = %d × %d + 1 = %d guarantees that at least one task can always get all "
                        + "its connections.", connectionsPerTask, concurrentTasks, concurrentTasks,
                connectionsPerTask - 1, floor));
        if (floor <= size) {
            return size;
        }
        why.add(fmt("Raised to %d to stay above the deadlock floor.", floor));
        return (int) Math.min(Integer.MAX_VALUE, floor);
    }

    private int applyServerCap(int size, List<String> why, List<String> warnings) {
        if (limits == null) {
            why.add("max_connections was not given: check that instances × maximumPoolSize fits under it.");
            return size;
        }
        int usable = limits.maxConnections() - limits.reservedConnections() - otherClientConnections;
        int cap = Math.max(1, usable / instances);
        why.add(fmt("The server allows %d connections; %d are reserved and %d belong to other clients, leaving %d, "
                + "so at most %d per instance.", limits.maxConnections(), limits.reservedConnections(),
                otherClientConnections, usable, cap));
        if (size <= cap) {
            return size;
        }
        warnings.add(fmt("%d connections per instance do not fit under max_connections (at most %d per instance): "
                + "capped to %d. Put PgBouncer in front, or run fewer instances with larger pools.", size, cap, cap));
        if (connectionsPerTask >= 2 && (long) concurrentTasks * (connectionsPerTask - 1) + 1 > cap) {
            warnings.add("The capped pool is below the deadlock floor: limit concurrent tasks (a bounded executor) "
                    + "or let each task hold a single connection.");
        }
        return cap;
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    private static String num(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : String.format(Locale.ROOT, "%.1f", d);
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    /** Builds a {@link PoolSizing}. Every setter validates its value and names it when rejecting it. */
    public static final class Builder {
        private int databaseCores = -1;
        private int effectiveSpindles;
        private int instances = 1;
        private @Nullable DatabaseLimits limits;
        private int otherClientConnections;
        private double arrivalRatePerSecond;
        private @Nullable Duration holdTime;
        private int concurrentTasks;
        private int connectionsPerTask = 1;
        private double targetUtilization = DEFAULT_TARGET_UTILIZATION;

        private Builder() {}

        /**
         * Sets the database server's physical cores (not hyper-threads). Required.
         *
         * @param cores at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code cores < 1}
         */
        public Builder databaseCores(int cores) {
            this.databaseCores = (int) Require.atLeast(cores, 1, "databaseCores");
            return this;
        }

        /**
         * Sets the effective spindle count: 0 when the working set is cached or on SSD, the number of disks
         * whose seeks the database waits on otherwise. Default 0.
         *
         * @param spindles at least 0
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder effectiveSpindles(int spindles) {
            this.effectiveSpindles = (int) Require.atLeast(spindles, 0, "effectiveSpindles");
            return this;
        }

        /**
         * Sets how many application instances (pods, processes) each run such a pool against the same database.
         * Default 1.
         *
         * @param instances at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code instances < 1}
         */
        public Builder instances(int instances) {
            this.instances = (int) Require.atLeast(instances, 1, "instances");
            return this;
        }

        /**
         * Sets the server's connection limits, as read by
         * {@code io.perfkit.pool.postgres.PostgresServerSettings} or given by hand.
         *
         * @param limits the limits
         * @return this builder
         */
        public Builder databaseLimits(DatabaseLimits limits) {
            this.limits = Require.nonNull(limits, "databaseLimits");
            return this;
        }

        /**
         * Sets how many server connections other clients (migrations, admin tools, other services) need.
         * Default 0.
         *
         * @param connections at least 0
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder otherClientConnections(int connections) {
            this.otherClientConnections = (int) Require.atLeast(connections, 0, "otherClientConnections");
            return this;
        }

        /**
         * Sets the observed or expected load of one instance for Little's law.
         *
         * @param acquisitionsPerSecond connections borrowed per second, at least 0
         * @param holdTime how long each borrow keeps its connection on average, positive
         * @return this builder
         * @throws IllegalArgumentException if a value is out of range
         */
        public Builder observedLoad(double acquisitionsPerSecond, Duration holdTime) {
            Require.argument(acquisitionsPerSecond >= 0 && Double.isFinite(acquisitionsPerSecond),
                    "acquisitionsPerSecond must be a finite number >= 0, but was %s", acquisitionsPerSecond);
            this.arrivalRatePerSecond = acquisitionsPerSecond;
            this.holdTime = Require.positive(holdTime, "holdTime");
            return this;
        }

        /**
         * Declares that one task holds several connections at once (Cm), with up to {@code concurrentTasks}
         * tasks (Tn) running at once, so the pool must stay above {@code Tn × (Cm − 1) + 1} or it can deadlock.
         *
         * @param concurrentTasks Tn, at least 1
         * @param connectionsPerTask Cm, at least 1
         * @return this builder
         * @throws IllegalArgumentException if a value is below 1
         */
        public Builder nestedConnections(int concurrentTasks, int connectionsPerTask) {
            this.concurrentTasks = (int) Require.atLeast(concurrentTasks, 1, "concurrentTasks");
            this.connectionsPerTask = (int) Require.atLeast(connectionsPerTask, 1, "connectionsPerTask");
            return this;
        }

        /**
         * Sets the fraction of the pool that average load may use. Default {@value #DEFAULT_TARGET_UTILIZATION}.
         *
         * @param utilization above 0, at most 1
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder targetUtilization(double utilization) {
            Require.argument(utilization > 0 && utilization <= 1,
                    "targetUtilization must be in (0, 1], but was %s", utilization);
            this.targetUtilization = utilization;
            return this;
        }

        /**
         * Builds the sizing.
         *
         * @return the sizing
         * @throws IllegalStateException if {@code databaseCores} was not set
         */
        public PoolSizing build() {
            Require.state(databaseCores >= 1, "databaseCores is required (the database server's physical cores)");
            return new PoolSizing(this);
        }
    }
}
