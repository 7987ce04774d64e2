package io.perfkit.compression.brotli;

import com.aayushatharva.brotli4j.Brotli4jLoader;
import com.aayushatharva.brotli4j.encoder.Encoder;
import com.aayushatharva.brotli4j.encoder.EncoderJNI;
import io.perfkit.compression.Compressor;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/** One response's native brotli encoder, driven with brotli4j's push/pull JNI wrapper. */
final class BrotliCompressor implements Compressor {
    private static final int INPUT_BUFFER = 16 * 1024;

    private EncoderJNI.@Nullable Wrapper encoder;
    private final ByteBuffer input;
    /** Sized to the first output chunk (small bodies compress to a few hundred bytes), at most 8 KiB. */
    private byte[] scratch = new byte[0];

    BrotliCompressor(int quality, int windowBits) {
        try {
            EncoderJNI.Wrapper w = new EncoderJNI.Wrapper(INPUT_BUFFER, quality, windowBits, Encoder.Mode.TEXT);
            this.encoder = w;
            this.input = w.getInputBuffer();
        } catch (IOException e) {
            throw new UncheckedIOException("brotli encoder could not be created", e);
        }
    }

    static @Nullable Throwable nativeUnavailability() {
        return Brotli4jLoader.isAvailable() ? null : Brotli4jLoader.getUnavailabilityCause();
    }

    private EncoderJNI.Wrapper encoder() throws IOException {
        EncoderJNI.Wrapper w = encoder;
        if (w == null) {
            throw new IOException("compressor closed");
        }
        return w;
    }

    @Override
    public void write(byte[] b, int off, int len, OutputStream out) throws IOException {
        encoder();
        while (len > 0) {
            int n = Math.min(len, input.remaining());
            input.put(b, off, n);
            off += n;
            len -= n;
            if (!input.hasRemaining()) {
                run(EncoderJNI.Operation.PROCESS, out);
            }
        }
    }

    @Override
    public void flush(OutputStream out) throws IOException {
        run(EncoderJNI.Operation.FLUSH, out);
    }

    @Override
    public void finish(OutputStream out) throws IOException {
        run(EncoderJNI.Operation.FINISH, out);
    }

    /** Pushes the buffered input with {@code op} and copies out everything the encoder produces. */
    private void run(EncoderJNI.Operation op, OutputStream out) throws IOException {
        EncoderJNI.Wrapper w = encoder();
        int pending = input.position();
        boolean inputPushed = false;
        while (true) {
            if (!w.isSuccess()) {
                throw new IOException("brotli encoding failed");
            }
            if (w.hasMoreOutput()) {
                ByteBuffer produced = w.pull();
                if (scratch.length < Math.min(produced.remaining(), 8192)) {
                    scratch = new byte[Math.min(Math.max(produced.remaining(), 2 * scratch.length), 8192)];
                }
                while (produced.hasRemaining()) {
                    int n = Math.min(produced.remaining(), scratch.length);
                    produced.get(scratch, 0, n);
                    out.write(scratch, 0, n);
                }
            } else if (w.hasRemainingInput()) {
                w.push(op, 0);
            } else if (!inputPushed) {
                w.push(op, pending);
                inputPushed = true;
            } else {
                input.clear();
                return;
            }
        }
    }

    @Override
    public void close() {
        EncoderJNI.Wrapper w = encoder;
        if (w != null) {
            encoder = null;
            w.destroy();
        }
    }
}
