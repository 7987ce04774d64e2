package io.perfkit.compression;

import java.io.OutputStream;
import java.util.Arrays;

/** An unsynchronized growable byte buffer: encoded bytes waiting for a non-blocking container stream. */
final class ByteSink extends OutputStream {
    private byte[] bytes = new byte[0];
    private int size;

    @Override
    public void write(int b) {
        ensure(1);
        bytes[size++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, bytes, size, len);
        size += len;
    }

    private void ensure(int more) {
        int needed = size + more;
        if (needed > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(needed, Math.max(1024, bytes.length * 2)));
        }
    }

    byte[] array() {
        return bytes;
    }

    int size() {
        return size;
    }

    void reset() {
        size = 0;
    }
}
