package io.perfkit.query.keyset;

import io.perfkit.core.Require;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Turns a page position into an opaque, versioned, tamper-evident cursor string and back. A cursor holds a format
 * version, a fingerprint of the query it belongs to, the sort order and the last row's sort values, signed with
 * HMAC-SHA256 under your secret and encoded as URL-safe Base64 (no padding), so it can go into a query string as
 * is. A cursor that was altered, forged without the secret, truncated, made by another query, or of an unknown
 * version is rejected with {@link InvalidCursorException} before any SQL is built.
 *
 * <pre>{@code
 * CursorCodec cursors = CursorCodec.hmacSha256(secretFromConfig); // >= 32 random bytes, shared by all instances
 * }</pre>
 *
 * <p>Signing is about integrity, not secrecy: a client can decode a cursor and read the sort values of the last row
 * it was shown (which it has already seen). Rotate the secret and old cursors stop working, which costs clients one
 * restart from page 1. Immutable and thread-safe.
 */
public final class CursorCodec {
    /** The current format version, the first byte of every cursor. */
    static final int VERSION = 1;
    /** The smallest secret accepted, in bytes: {@value}. */
    public static final int MIN_SECRET_BYTES = 32;
    /** The longest cursor string accepted: {@value} characters. */
    public static final int MAX_CURSOR_LENGTH = 4_096;

    private static final String ALGORITHM = "HmacSHA256";
    private static final int MAC_BYTES = 16; // HMAC-SHA256 truncated to 128 bits (RFC 2104 section 5)
    private static final int MAX_COLUMNS = 32;

    private static final int T_NULL = 0;
    private static final int T_LONG = 1;
    private static final int T_INT = 2;
    private static final int T_SHORT = 3;
    private static final int T_STRING = 4;
    private static final int T_DECIMAL = 5;
    private static final int T_BOOLEAN = 6;
    private static final int T_DOUBLE = 7;
    private static final int T_FLOAT = 8;
    private static final int T_TIMESTAMP = 9;
    private static final int T_DATE = 10;
    private static final int T_UUID = 11;

    private final SecretKeySpec key;

    private CursorCodec(byte[] secret) {
        this.key = new SecretKeySpec(secret, ALGORITHM);
    }

    /**
     * Creates a codec that signs with HMAC-SHA256.
     *
     * @param secret at least {@link #MIN_SECRET_BYTES} random bytes, the same on every instance of the service;
     *     copied
     * @return the codec
     */
    public static CursorCodec hmacSha256(byte[] secret) {
        Require.nonNull(secret, "secret");
        Require.argument(secret.length >= MIN_SECRET_BYTES,
                "secret must be at least %s bytes, but was %s", MIN_SECRET_BYTES, secret.length);
        return new CursorCodec(secret.clone());
    }

    /** A decoded position: the query fingerprint, the full sort order and the last row's values. */
    record Position(long fingerprint, List<SortColumn> sort, List<@Nullable Object> values) {}

    String encode(Position position) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeLong(position.fingerprint());
            out.writeByte(position.sort().size());
            for (int i = 0; i < position.sort().size(); i++) {
                SortColumn s = position.sort().get(i);
                out.writeUTF(s.column());
                out.writeByte(s.direction().ordinal());
                writeValue(out, s.column(), position.values().get(i));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        byte[] body = bytes.toByteArray();
        byte[] signed = Arrays.copyOf(body, body.length + MAC_BYTES);
        System.arraycopy(mac(body), 0, signed, body.length, MAC_BYTES);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(signed);
    }

    Position decode(String cursor, long expectedFingerprint) {
        if (cursor.isEmpty() || cursor.length() > MAX_CURSOR_LENGTH) {
            throw new InvalidCursorException("cursor is empty or longer than " + MAX_CURSOR_LENGTH + " characters");
        }
        byte[] signed;
        try {
            signed = Base64.getUrlDecoder().decode(cursor);
        } catch (IllegalArgumentException e) {
            throw new InvalidCursorException("cursor is not URL-safe Base64");
        }
        if (signed.length < 1 + 8 + 1 + MAC_BYTES) {
            throw new InvalidCursorException("cursor is truncated");
        }
        byte[] body = Arrays.copyOf(signed, signed.length - MAC_BYTES);
        byte[] mac = Arrays.copyOfRange(signed, body.length, signed.length);
        if (!MessageDigest.isEqual(mac, Arrays.copyOf(mac(body), MAC_BYTES))) {
            throw new InvalidCursorException("cursor signature does not match: altered, forged, or signed with "
                    + "another secret");
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(body))) {
            int version = in.readUnsignedByte();
            if (version != VERSION) {
                throw new InvalidCursorException("cursor version " + version + " is not supported (expected "
                        + VERSION + ")");
            }
            long fingerprint = in.readLong();
            if (fingerprint != expectedFingerprint) {
                throw new InvalidCursorException("cursor belongs to a different query");
            }
            int n = in.readUnsignedByte();
            if (n < 1 || n > MAX_COLUMNS) {
                throw new InvalidCursorException("cursor has " + n + " sort columns");
            }
            List<SortColumn> sort = new ArrayList<>(n);
            List<@Nullable Object> values = new ArrayList<>(n);
            Direction[] directions = Direction.values();
            for (int i = 0; i < n; i++) {
                String column = in.readUTF();
                int dir = in.readUnsignedByte();
                if (dir >= directions.length) {
                    throw new InvalidCursorException("cursor has an unknown sort direction");
                }
                sort.add(new SortColumn(column, directions[dir]));
                values.add(readValue(in));
            }
            if (in.available() != 0) {
                throw new InvalidCursorException("cursor has trailing bytes");
            }
            return new Position(fingerprint, List.copyOf(sort), java.util.Collections.unmodifiableList(values));
        } catch (IOException e) {
            // Only reachable with a valid signature, that is a cursor we wrote in a format we no longer read.
            throw new InvalidCursorException("cursor is malformed");
        }
    }

    private byte[] mac(byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JDK", e);
        }
    }

    private static void writeValue(DataOutputStream out, String column, @Nullable Object v) throws IOException {
        if (v == null) {
            out.writeByte(T_NULL);
        } else if (v instanceof Long) {
            out.writeByte(T_LONG);
            out.writeLong((Long) v);
        } else if (v instanceof Integer) {
            out.writeByte(T_INT);
            out.writeInt((Integer) v);
        } else if (v instanceof Short) {
            out.writeByte(T_SHORT);
            out.writeShort((Short) v);
        } else if (v instanceof String) {
            byte[] utf8 = ((String) v).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            out.writeByte(T_STRING);
            out.writeInt(utf8.length);
            out.write(utf8);
        } else if (v instanceof BigDecimal) {
            BigDecimal d = (BigDecimal) v;
            byte[] unscaled = d.unscaledValue().toByteArray();
            out.writeByte(T_DECIMAL);
            out.writeInt(d.scale());
            out.writeShort(unscaled.length);
            out.write(unscaled);
        } else if (v instanceof Boolean) {
            out.writeByte(T_BOOLEAN);
            out.writeBoolean((Boolean) v);
        } else if (v instanceof Double) {
            out.writeByte(T_DOUBLE);
            out.writeDouble((Double) v);
        } else if (v instanceof Float) {
            out.writeByte(T_FLOAT);
            out.writeFloat((Float) v);
        } else if (v instanceof Timestamp) {
            Timestamp t = (Timestamp) v;
            out.writeByte(T_TIMESTAMP);
            out.writeLong(Math.floorDiv(t.getTime(), 1000L));
            out.writeInt(t.getNanos());
        } else if (v instanceof java.sql.Date) {
            out.writeByte(T_DATE);
            out.writeLong(((java.sql.Date) v).toLocalDate().toEpochDay());
        } else if (v instanceof LocalDate) {
            out.writeByte(T_DATE);
            out.writeLong(((LocalDate) v).toEpochDay());
        } else if (v instanceof UUID) {
            UUID u = (UUID) v;
            out.writeByte(T_UUID);
            out.writeLong(u.getMostSignificantBits());
            out.writeLong(u.getLeastSignificantBits());
        } else {
            throw new IllegalStateException("sort column " + column + " has values of type " + v.getClass().getName()
                    + ", which a keyset cursor cannot hold; sort by a number, text, numeric, boolean, timestamp, "
                    + "date or uuid column");
        }
    }

    private static @Nullable Object readValue(DataInputStream in) throws IOException {
        int tag = in.readUnsignedByte();
        switch (tag) {
            case T_NULL:
                return null;
            case T_LONG:
                return in.readLong();
            case T_INT:
                return in.readInt();
            case T_SHORT:
                return in.readShort();
            case T_STRING: {
                int len = in.readInt();
                if (len < 0 || len > MAX_CURSOR_LENGTH) {
                    throw new InvalidCursorException("cursor is malformed");
                }
                byte[] utf8 = new byte[len];
                in.readFully(utf8);
                return new String(utf8, java.nio.charset.StandardCharsets.UTF_8);
            }
            case T_DECIMAL: {
                int scale = in.readInt();
                int len = in.readUnsignedShort();
                if (len == 0 || len > MAX_CURSOR_LENGTH) {
                    throw new InvalidCursorException("cursor is malformed");
                }
                byte[] unscaled = new byte[len];
                in.readFully(unscaled);
                return new BigDecimal(new BigInteger(unscaled), scale);
            }
            case T_BOOLEAN:
                return in.readBoolean();
            case T_DOUBLE:
                return in.readDouble();
            case T_FLOAT:
                return in.readFloat();
            case T_TIMESTAMP: {
                long seconds = in.readLong();
                int nanos = in.readInt();
                if (nanos < 0 || nanos > 999_999_999) {
                    throw new InvalidCursorException("cursor is malformed");
                }
                Timestamp t = new Timestamp(Math.multiplyExact(seconds, 1000L));
                t.setNanos(nanos);
                return t;
            }
            case T_DATE:
                return LocalDate.ofEpochDay(in.readLong());
            case T_UUID:
                return new UUID(in.readLong(), in.readLong());
            default:
                throw new InvalidCursorException("cursor holds a value of unknown type " + tag);
        }
    }

    @Override
    public String toString() {
        return "CursorCodec[HmacSHA256, v" + VERSION + "]";
    }
}
