package io.perfkit.compression;

import io.perfkit.core.Require;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Picks the content coding for a response from the request's {@code Accept-Encoding} (RFC 9110 §12.5.3).
 *
 * <ul>
 *   <li>q-values are honoured; {@code q=0} means "not acceptable"; a malformed element is ignored.
 *   <li>{@code *} gives its q-value to every coding not listed by name.
 *   <li>Among codings of equal q-value the server's preference order decides (browsers send
 *       {@code gzip, deflate, br, zstd} without q-values).
 *   <li>{@code identity} listed with a q-value higher than every coding's means "send it uncompressed";
 *       {@code identity;q=0} (or {@code *;q=0} without {@code identity}) forbids identity, which makes the
 *       filter compress even bodies below the minimum size.
 *   <li>{@code x-gzip} is read as {@code gzip}. No header means identity.
 * </ul>
 *
 * <pre>{@code
 * EncodingNegotiator negotiator = EncodingNegotiator.of(List.of(ContentEncoding.gzip()));
 * negotiator.negotiate("br;q=1, gzip;q=0.5");   // Optional[gzip]
 * }</pre>
 */
public final class EncodingNegotiator {
    private static final int UNSET = -1;

    private final ContentEncoding[] encodings;
    private final String[] tokens;
    /**
     * The last header parsed and its outcome. Clients send a handful of distinct {@code Accept-Encoding} strings
     * (one per browser family), so the same string comes again and again; an immutable pair, so a racy read sees
     * a consistent one or an older one.
     */
    private volatile @Nullable Parsed last;

    private EncodingNegotiator(List<? extends ContentEncoding> preference) {
        Require.nonNull(preference, "encodings");
        this.encodings = preference.toArray(new ContentEncoding[0]);
        this.tokens = new String[encodings.length];
        for (int i = 0; i < encodings.length; i++) {
            tokens[i] = ContentEncoding.normalize(Require.nonNull(encodings[i], "encodings[" + i + "]").token());
        }
    }

    /**
     * Creates a negotiator.
     *
     * @param preference the codings the server offers, most preferred first
     * @return the negotiator
     */
    public static EncodingNegotiator of(List<? extends ContentEncoding> preference) {
        return new EncodingNegotiator(preference);
    }

    /**
     * Chooses a coding.
     *
     * @param acceptEncoding the request's {@code Accept-Encoding} value (several header lines joined by commas),
     *     or null when the request had none
     * @return the coding to use, or empty for identity
     */
    public Optional<ContentEncoding> negotiate(@Nullable String acceptEncoding) {
        return Optional.ofNullable(choose(acceptEncoding).encoding());
    }

    /** The outcome: the coding (null for identity) and whether identity was explicitly refused. */
    record Choice(@Nullable ContentEncoding encoding, boolean identityForbidden) {
        static final Choice NONE = new Choice(null, false);
    }

    private record Parsed(String header, Choice choice) {}

    Choice choose(@Nullable String header) {
        if (header == null || header.isEmpty() || encodings.length == 0 && header.indexOf('*') < 0) {
            return Choice.NONE;
        }
        Parsed p = last;
        if (p != null && p.header.equals(header)) {
            return p.choice;
        }
        Choice c = parse(header);
        last = new Parsed(header, c);
        return c;
    }

    private Choice parse(String header) {
        int[] q = new int[encodings.length];
        java.util.Arrays.fill(q, UNSET);
        int star = UNSET;
        int identity = UNSET;
        int len = header.length();
        int i = 0;
        while (i < len) {
            int end = header.indexOf(',', i);
            if (end < 0) {
                end = len;
            }
            int semi = header.indexOf(';', i);
            int tokenEnd = semi >= 0 && semi < end ? semi : end;
            String token = header.substring(i, tokenEnd).trim();
            int value = tokenEnd < end ? qValue(header, tokenEnd + 1, end) : 1000;
            i = end + 1;
            if (token.isEmpty() || value < 0) {
                continue;
            }
            if (token.equals("*")) {
                star = value;
            } else if (token.equalsIgnoreCase("identity")) {
                identity = value;
            } else {
                if (token.equalsIgnoreCase("x-gzip")) {
                    token = "gzip";
                }
                for (int k = 0; k < tokens.length; k++) {
                    if (tokens[k].equalsIgnoreCase(token)) {
                        q[k] = Math.max(q[k], value);
                    }
                }
            }
        }
        int best = -1;
        int bestQ = 0;
        for (int k = 0; k < encodings.length; k++) {
            int effective = q[k] != UNSET ? q[k] : (star != UNSET ? star : 0);
            if (effective > bestQ) {
                bestQ = effective;
                best = k;
            }
        }
        boolean identityForbidden = identity == 0 || (identity == UNSET && star == 0);
        if (best < 0 || (identity != UNSET && identity > bestQ)) {
            return identityForbidden ? new Choice(null, true) : Choice.NONE;
        }
        return new Choice(encodings[best], identityForbidden);
    }

    /**
     * Reads the q parameter among the parameters in {@code s[from, to)}.
     *
     * @return thousandths 0..1000, 1000 when there is no q parameter, -1 when malformed
     */
    private static int qValue(String s, int from, int to) {
        int i = from;
        while (i < to) {
            int next = s.indexOf(';', i);
            if (next < 0 || next > to) {
                next = to;
            }
            String param = s.substring(i, next).trim();
            i = next + 1;
            int eq = param.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String name = param.substring(0, eq).trim();
            if (!name.equalsIgnoreCase("q")) {
                continue;
            }
            return parseQ(param.substring(eq + 1).trim());
        }
        return 1000;
    }

    private static int parseQ(String v) {
        int n = v.length();
        if (n == 0 || n > 5) {
            return -1;
        }
        char first = v.charAt(0);
        if (first != '0' && first != '1') {
            return -1;
        }
        int result = (first - '0') * 1000;
        if (n == 1) {
            return result;
        }
        if (v.charAt(1) != '.') {
            return -1;
        }
        int scale = 100;
        for (int k = 2; k < n; k++) {
            char c = v.charAt(k);
            if (c < '0' || c > '9') {
                return -1;
            }
            result += (c - '0') * scale;
            scale /= 10;
        }
        return result > 1000 ? -1 : result;
    }
}
