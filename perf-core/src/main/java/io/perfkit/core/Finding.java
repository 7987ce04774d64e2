package io.perfkit.core;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An immutable record of one detected performance problem: what it is ({@link #kind()}), how bad
 * ({@link #severity()}), the numbers that show it ({@link #evidence()}), what to do about it
 * ({@link #suggestion()}) and which line of application code caused it ({@link #callSite()}).
 *
 * <pre>{@code
 * Finding finding = Finding.builder(FindingKind.N_PLUS_ONE, "SELECT on order_items ran 20 times in GET /orders")
 *     .subject("q:3f9a1c")                        // what it is about: a query fingerprint, a pool, a cache
 *     .evidence("executions", 20)
 *     .evidence("time", Duration.ofMillis(14))
 *     .suggestion("SELECT * FROM order_items WHERE order_id = ANY(?)")
 *     .callSite(CallSiteLocator.defaults().locate())
 *     .build();
 * }</pre>
 *
 * <p>Findings never carry bind values or cache keys unless the detector that made them was told it may.
 */
public final class Finding {
    private final FindingKind kind;
    private final Severity severity;
    private final String message;
    private final String subject;
    private final Map<String, Object> evidence;
    private final @Nullable String suggestion;
    private final @Nullable String detail;
    private final @Nullable StackTraceElement callSite;
    private final @Nullable String scopeName;
    private final Instant timestamp;

    private Finding(Builder b) {
        this.kind = b.kind;
        this.severity = b.severity == null ? b.kind.defaultSeverity() : b.severity;
        this.message = b.message;
        this.subject = b.subject;
        this.evidence = Collections.unmodifiableMap(new LinkedHashMap<>(b.evidence));
        this.suggestion = b.suggestion;
        this.detail = b.detail;
        this.callSite = b.callSite;
        this.scopeName = b.scopeName;
        this.timestamp = b.timestamp == null ? Instant.now() : b.timestamp;
    }

    /**
     * Starts a finding of the given kind.
     *
     * @param kind what kind of problem this is
     * @param message one line a person reads first, without bind values
     * @return a builder
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code message} is blank
     */
    public static Builder builder(FindingKind kind, String message) {
        return new Builder(kind, message);
    }

    /**
     * Returns a builder initialised with this finding's values, to derive a variant of it.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder b = new Builder(kind, message).severity(severity).subject(subject).timestamp(timestamp);
        b.evidence.putAll(evidence);
        b.suggestion = suggestion;
        b.detail = detail;
        b.callSite = callSite;
        b.scopeName = scopeName;
        return b;
    }

    /** @return what kind of problem this is */
    public FindingKind kind() {
        return kind;
    }

    /** @return how urgent the problem is; the kind's default unless the detector chose otherwise */
    public Severity severity() {
        return severity;
    }

    /** @return a one-line description of the problem, free of bind values */
    public String message() {
        return message;
    }

    /**
     * Returns what the finding is about, for de-duplication and grouping: a query fingerprint id, a pool name,
     * a cache name. Empty when the finding is about nothing more specific than its kind.
     *
     * @return the subject, never null
     */
    public String subject() {
        return subject;
    }

    /**
     * Returns the numbers that show the problem, in the order the detector added them. Values are
     * {@link Number}s, {@link Duration}s, {@link Boolean}s or short {@link String}s.
     *
     * @return an unmodifiable, ordered map
     */
    public Map<String, Object> evidence() {
        return evidence;
    }

    /** @return the concrete fix: a runnable {@code CREATE INDEX}, a batched rewrite, a setting and its value */
    public Optional<String> suggestion() {
        return Optional.ofNullable(suggestion);
    }

    /** @return longer supporting material, such as a captured query plan, when the detector has any */
    public Optional<String> detail() {
        return Optional.ofNullable(detail);
    }

    /**
     * Returns the application's line that caused the problem: the first stack frame outside perfkit, the JDBC
     * driver, jOOQ, HikariCP, Lettuce and the JDK, as found by {@link CallSiteLocator} when the finding was
     * made. Empty for findings made off the application's threads (plan analysis, pool sampling).
     *
     * @return the call site
     */
    public Optional<StackTraceElement> callSite() {
        return Optional.ofNullable(callSite);
    }

    /** @return the name of the {@link WorkScope} the problem happened in, if it happened in one */
    public Optional<String> scopeName() {
        return Optional.ofNullable(scopeName);
    }

    /** @return when the finding was made */
    public Instant timestamp() {
        return timestamp;
    }

    /**
     * Returns a multi-line description: the summary line, then the suggestion and the detail, each when
     * present. Meant for logs and reports read by a person.
     *
     * @return the description
     */
    public String describe() {
        StringBuilder sb = new StringBuilder(toString());
        if (suggestion != null) {
            sb.append(System.lineSeparator()).append("  suggestion: ").append(suggestion);
        }
        if (detail != null) {
            sb.append(System.lineSeparator()).append("  detail: ").append(detail);
        }
        return sb.toString();
    }

    /**
     * Returns the summary line: kind, severity, message, evidence and call site.
     *
     * @return one line
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(96)
                .append(kind).append(" [").append(severity).append("] ").append(message);
        if (!evidence.isEmpty()) {
            sb.append(' ').append(evidence);
        }
        if (scopeName != null) {
            sb.append(" in ").append(scopeName);
        }
        if (callSite != null) {
            sb.append(" at ").append(callSite);
        }
        return sb.toString();
    }

    @Override
    public boolean equals(@Nullable Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Finding)) {
            return false;
        }
        Finding f = (Finding) o;
        return kind == f.kind && severity == f.severity && message.equals(f.message)
                && subject.equals(f.subject) && evidence.equals(f.evidence)
                && Objects.equals(suggestion, f.suggestion) && Objects.equals(detail, f.detail)
                && Objects.equals(callSite, f.callSite) && Objects.equals(scopeName, f.scopeName)
                && timestamp.equals(f.timestamp);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, message, subject, callSite, timestamp);
    }

    /** Builds a {@link Finding}; obtained from {@link Finding#builder(FindingKind, String)}. */
    public static final class Builder {
        private final FindingKind kind;
        private final String message;
        private @Nullable Severity severity;
        private String subject = "";
        private final Map<String, Object> evidence = new LinkedHashMap<>();
        private @Nullable String suggestion;
        private @Nullable String detail;
        private @Nullable StackTraceElement callSite;
        private @Nullable String scopeName;
        private @Nullable Instant timestamp;

        private Builder(FindingKind kind, String message) {
            this.kind = Require.nonNull(kind, "kind");
            this.message = Require.nonBlank(message, "message");
        }

        /**
         * Overrides the kind's default severity.
         *
         * @param severity the severity
         * @return this builder
         */
        public Builder severity(Severity severity) {
            this.severity = Require.nonNull(severity, "severity");
            return this;
        }

        /**
         * Sets what the finding is about (a query fingerprint id, a pool name, a cache name).
         *
         * @param subject the subject; never SQL with literals, a cache key or a user id
         * @return this builder
         */
        public Builder subject(String subject) {
            this.subject = Require.nonNull(subject, "subject");
            return this;
        }

        /**
         * Adds one number (or short value) that shows the problem.
         *
         * @param name the evidence's name, such as {@code "executions"}
         * @param value a {@link Number}, {@link Duration}, {@link Boolean} or {@link String}
         * @return this builder
         * @throws IllegalArgumentException for another type of value
         */
        public Builder evidence(String name, Object value) {
            Require.nonBlank(name, "evidence name");
            Require.nonNull(value, "evidence '" + name + "'");
            Require.argument(value instanceof Number || value instanceof Duration || value instanceof Boolean
                            || value instanceof String,
                    "evidence '%s' must be a Number, Duration, Boolean or String, but was %s",
                    name, value.getClass().getName());
            evidence.put(name, value);
            return this;
        }

        /**
         * Sets the concrete fix.
         *
         * @param suggestion the fix, such as a runnable {@code CREATE INDEX CONCURRENTLY} statement
         * @return this builder
         */
        public Builder suggestion(String suggestion) {
            this.suggestion = Require.nonBlank(suggestion, "suggestion");
            return this;
        }

        /**
         * Sets longer supporting material, such as a captured plan.
         *
         * @param detail the detail text
         * @return this builder
         */
        public Builder detail(String detail) {
            this.detail = Require.nonBlank(detail, "detail");
            return this;
        }

        /**
         * Sets the application's line that caused the problem.
         *
         * @param callSite the frame, or empty when unknown
         * @return this builder
         */
        public Builder callSite(Optional<StackTraceElement> callSite) {
            this.callSite = Require.nonNull(callSite, "callSite").orElse(null);
            return this;
        }

        /**
         * Sets the name of the unit of work the problem happened in.
         *
         * @param scopeName the {@link WorkScope#name()}
         * @return this builder
         */
        public Builder scopeName(String scopeName) {
            this.scopeName = Require.nonBlank(scopeName, "scopeName");
            return this;
        }

        /**
         * Sets when the problem was seen; defaults to the time {@link #build()} is called.
         *
         * @param timestamp the instant
         * @return this builder
         */
        public Builder timestamp(Instant timestamp) {
            this.timestamp = Require.nonNull(timestamp, "timestamp");
            return this;
        }

        /**
         * Builds the finding.
         *
         * @return an immutable finding
         */
        public Finding build() {
            return new Finding(this);
        }
    }
}
