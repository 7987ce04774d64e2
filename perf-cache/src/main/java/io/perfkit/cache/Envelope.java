package io.perfkit.cache;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The L2 format, fixed and versioned; only the value payload passes through the {@link ValueCodec}:
 * {@code 'P' 'V' version kind writeMillis expiresAtMillis loadMillis genCount gens... payload}. A tombstone
 * ({@code kind} 3, random token) marks a key invalidated recently so that a slow load that read the key before
 * the invalidation cannot write its old value back (its compare-and-set expects what it read).
 */
final class Envelope {
    static final byte VALUE = 1;
    static final byte ABSENT = 2;
    static final byte TOMBSTONE = 3;
    private static final byte VERSION = 1;
    private static final int FIXED = 4 + 8 + 8 + 4 + 4;
    private static final long[] NO_GENS = new long[0];

    final byte kind;
    final long writeMillis;
    final long expiresAtMillis;
    final int loadMillis;
    final long[] gens;
    /** The stored bytes; the payload is read in place ({@link #payloadOffset}), not copied out. */
    final byte[] bytes;
    /** Where the codec's bytes start in {@link #bytes}, or -1 when there is no payload (absence, tombstone). */
    final int payloadOffset;

    private Envelope(byte kind, long writeMillis, long expiresAtMillis, int loadMillis, long[] gens, byte[] bytes,
            int payloadOffset) {
        this.kind = kind;
        this.writeMillis = writeMillis;
        this.expiresAtMillis = expiresAtMillis;
        this.loadMillis = loadMillis;
        this.gens = gens;
        this.bytes = bytes;
        this.payloadOffset = payloadOffset;
    }

    int payloadLength() {
        return payloadOffset < 0 ? 0 : bytes.length - payloadOffset;
    }

    /** A copy of the payload, or null; for tests and tools (the read path decodes in place). */
    byte @Nullable [] payload() {
        return payloadOffset < 0 ? null : Arrays.copyOfRange(bytes, payloadOffset, bytes.length);
    }

    static byte[] encode(byte kind, long writeMillis, long expiresAtMillis, int loadMillis, long[] gens,
            byte @Nullable [] payload) {
        int payloadLength = payload == null ? 0 : payload.length;
        ByteBuffer b = ByteBuffer.allocate(FIXED + 8 * gens.length + payloadLength);
        b.put((byte) 'P').put((byte) 'V').put(VERSION).put(kind)
                .putLong(writeMillis).putLong(expiresAtMillis).putInt(loadMillis).putInt(gens.length);
        for (long g : gens) {
            b.putLong(g);
        }
        if (payload != null) {
            b.put(payload);
        }
        return b.array();
    }

    static byte[] tombstone(long tokenHigh, long tokenLow) {
        return ByteBuffer.allocate(4 + 16).put((byte) 'P').put((byte) 'V').put(VERSION).put(TOMBSTONE)
                .putLong(tokenHigh).putLong(tokenLow).array();
    }

    /** Parses stored bytes; null when they are not a perfkit envelope (treated as a miss, and overwritten). */
    static @Nullable Envelope decode(byte[] bytes) {
        if (bytes.length < 4 || bytes[0] != 'P' || bytes[1] != 'V' || bytes[2] != VERSION) {
            return null;
        }
        byte kind = bytes[3];
        if (kind == TOMBSTONE) {
            return new Envelope(TOMBSTONE, 0, 0, 0, NO_GENS, bytes, -1);
        }
        if ((kind != VALUE && kind != ABSENT) || bytes.length < FIXED) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(bytes, 4, bytes.length - 4);
        long write = b.getLong();
        long expires = b.getLong();
        int load = b.getInt();
        int count = b.getInt();
        if (count < 0 || count > (bytes.length - FIXED) / 8) {
            return null;
        }
        long[] gens = new long[count];
        for (int i = 0; i < count; i++) {
            gens[i] = b.getLong();
        }
        return new Envelope(kind, write, expires, load, gens, bytes, kind == VALUE ? b.position() : -1);
    }
}
