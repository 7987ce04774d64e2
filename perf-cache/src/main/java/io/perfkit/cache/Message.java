package io.perfkit.cache;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * An invalidation message between instances, in a fixed binary format that never touches a value codec:
 * {@code 'P' 'I' version type senderHigh senderLow sequence sentAtMillis generation nameLength name}.
 * Anything that does not parse is dropped and counted.
 */
record Message(byte type, long senderHigh, long senderLow, long sequence, long sentAtMillis, long generation,
        String name) {
    static final byte KEY = 1;
    static final byte TAG = 2;
    static final byte ALL = 3;
    static final byte HEARTBEAT = 4;

    private static final byte VERSION = 1;
    private static final int HEADER = 2 + 1 + 1 + 8 * 5 + 4;
    private static final int MAX_NAME_BYTES = 64 * 1024;

    byte[] encode() {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(HEADER + nameBytes.length);
        b.put((byte) 'P').put((byte) 'I').put(VERSION).put(type)
                .putLong(senderHigh).putLong(senderLow).putLong(sequence).putLong(sentAtMillis).putLong(generation)
                .putInt(nameBytes.length).put(nameBytes);
        return b.array();
    }

    static @Nullable Message decode(byte[] bytes) {
        if (bytes.length < HEADER || bytes[0] != 'P' || bytes[1] != 'I' || bytes[2] != VERSION) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(bytes, 3, bytes.length - 3);
        byte type = b.get();
        if (type < KEY || type > HEARTBEAT) {
            return null;
        }
        long high = b.getLong();
        long low = b.getLong();
        long seq = b.getLong();
        long sentAt = b.getLong();
        long gen = b.getLong();
        int len = b.getInt();
        if (len < 0 || len > MAX_NAME_BYTES || len != b.remaining()) {
            return null;
        }
        String name = new String(bytes, HEADER, len, StandardCharsets.UTF_8);
        return new Message(type, high, low, seq, sentAt, gen, name);
    }

    InvalidationType invalidationType() {
        return invalidationType(type);
    }

    static InvalidationType invalidationType(byte type) {
        return type == KEY ? InvalidationType.KEY : type == TAG ? InvalidationType.TAG : InvalidationType.ALL;
    }
}
