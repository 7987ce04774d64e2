package io.perfkit.compression;

import io.perfkit.core.Require;
import java.time.Duration;

/**
 * An immutable {@code Cache-Control} response value, built from named directives so that conflicting ones are
 * rejected instead of sent.
 *
 * <pre>{@code
 * CacheControl assets = CacheControl.builder().publicCache().maxAge(Duration.ofDays(365)).immutable().build();
 * assets.headerValue();   // "public, max-age=31536000, immutable"
 * CacheControl api = CacheControl.builder().privateCache().noCache().build();   // "private, no-cache"
 * }</pre>
 */
public final class CacheControl {
    private static final CacheControl NO_STORE = new Builder().noStore().build();

    private final String value;

    private CacheControl(String value) {
        this.value = value;
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return {@code no-store}: nothing may keep a copy (personal data, one-time tokens) */
    public static CacheControl noStore() {
        return NO_STORE;
    }

    /** @return the header value, such as {@code "public, max-age=60"} */
    public String headerValue() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CacheControl && ((CacheControl) o).value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /** @return the header value */
    @Override
    public String toString() {
        return value;
    }

    /** Builds a {@link CacheControl}; each directive at most once. */
    public static final class Builder {
        private boolean publicCache;
        private boolean privateCache;
        private boolean noCache;
        private boolean noStore;
        private boolean mustRevalidate;
        private boolean immutable;
        private boolean noTransform;
        private long maxAge = -1;
        private long sMaxAge = -1;
        private long staleWhileRevalidate = -1;
        private long staleIfError = -1;

        private Builder() {}

        /** @return this builder, with {@code public}: shared caches (CDNs, proxies) may store the response */
        public Builder publicCache() {
            this.publicCache = true;
            return this;
        }

        /** @return this builder, with {@code private}: only the user's own browser may store it */
        public Builder privateCache() {
            this.privateCache = true;
            return this;
        }

        /** @return this builder, with {@code no-cache}: stored copies must be revalidated before each use */
        public Builder noCache() {
            this.noCache = true;
            return this;
        }

        /** @return this builder, with {@code no-store}: nothing may store the response */
        public Builder noStore() {
            this.noStore = true;
            return this;
        }

        /** @return this builder, with {@code must-revalidate}: a stale copy must not be used without revalidation */
        public Builder mustRevalidate() {
            this.mustRevalidate = true;
            return this;
        }

        /** @return this builder, with {@code immutable}: the body never changes while fresh (fingerprinted assets) */
        public Builder immutable() {
            this.immutable = true;
            return this;
        }

        /**
         * @return this builder, with {@code no-transform}: intermediaries (and the CompressionFilter) leave it
         *     as is
         */
        public Builder noTransform() {
            this.noTransform = true;
            return this;
        }

        /**
         * Sets {@code max-age}.
         *
         * @param age how long a copy stays fresh, whole seconds, not negative
         * @return this builder
         */
        public Builder maxAge(Duration age) {
            this.maxAge = seconds(age, "maxAge");
            return this;
        }

        /**
         * Sets {@code s-maxage}: freshness for shared caches, overriding {@code max-age} there.
         *
         * @param age whole seconds, not negative
         * @return this builder
         */
        public Builder sMaxAge(Duration age) {
            this.sMaxAge = seconds(age, "sMaxAge");
            return this;
        }

        /**
         * Sets {@code stale-while-revalidate} (RFC 5861): a stale copy may be served while it is refreshed.
         *
         * @param window whole seconds, not negative
         * @return this builder
         */
        public Builder staleWhileRevalidate(Duration window) {
            this.staleWhileRevalidate = seconds(window, "staleWhileRevalidate");
            return this;
        }

        /**
         * Sets {@code stale-if-error} (RFC 5861): a stale copy may be served when the origin fails.
         *
         * @param window whole seconds, not negative
         * @return this builder
         */
        public Builder staleIfError(Duration window) {
            this.staleIfError = seconds(window, "staleIfError");
            return this;
        }

        private static long seconds(Duration d, String setting) {
            Require.nonNegative(d, setting);
            return d.getSeconds();
        }

        /**
         * Validates and builds.
         *
         * @return the value
         * @throws IllegalStateException for contradictory directives, naming them
         */
        public CacheControl build() {
            Require.state(!(publicCache && privateCache), "publicCache and privateCache are mutually exclusive");
            Require.state(!noStore || (maxAge < 0 && sMaxAge < 0 && staleWhileRevalidate < 0 && staleIfError < 0
                            && !immutable && !publicCache),
                    "noStore cannot be combined with publicCache, maxAge, sMaxAge, staleWhileRevalidate, staleIfError"
                            + " or immutable");
            Require.state(!immutable || maxAge > 0, "immutable needs a positive maxAge");
            Require.state(!(privateCache && sMaxAge >= 0),
                    "sMaxAge applies to shared caches; it contradicts privateCache");
            StringBuilder sb = new StringBuilder();
            append(sb, publicCache, "public");
            append(sb, privateCache, "private");
            append(sb, noCache, "no-cache");
            append(sb, noStore, "no-store");
            append(sb, maxAge >= 0, "max-age=" + maxAge);
            append(sb, sMaxAge >= 0, "s-maxage=" + sMaxAge);
            append(sb, staleWhileRevalidate >= 0, "stale-while-revalidate=" + staleWhileRevalidate);
            append(sb, staleIfError >= 0, "stale-if-error=" + staleIfError);
            append(sb, mustRevalidate, "must-revalidate");
            append(sb, noTransform, "no-transform");
            append(sb, immutable, "immutable");
            Require.state(sb.length() > 0, "a CacheControl needs at least one directive");
            return new CacheControl(sb.toString());
        }

        private static void append(StringBuilder sb, boolean present, String directive) {
            if (present) {
                if (sb.length() > 0) {
                    sb.append(", ");
                }
                sb.append(directive);
            }
        }
    }
}
