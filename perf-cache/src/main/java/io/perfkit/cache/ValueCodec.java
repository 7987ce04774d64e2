package io.perfkit.cache;

import java.lang.reflect.Type;
import java.util.Arrays;

/**
 * Turns cached values into bytes for the L2 and back. The default is typed JSON through Jackson: the target type
 * is fixed when the cache is built, never read from the stored bytes, so whoever can write to Redis cannot make
 * the cache instantiate a class of their choosing. perfkit never uses Java serialization.
 *
 * <p>Invalidation messages between instances never pass through a value codec: they have their own fixed binary
 * format.
 *
 * @param <V> the value type
 */
public interface ValueCodec<V> {

    /**
     * Encodes a value.
     *
     * @param value the value, never null
     * @return its bytes
     */
    byte[] encode(V value);

    /**
     * Decodes a value.
     *
     * @param bytes the bytes written by {@link #encode}
     * @return the value
     * @throws RuntimeException when the bytes are not a valid value; the cache treats that as a miss and counts it
     */
    V decode(byte[] bytes);

    /**
     * Decodes a value from a slice of a larger array: the cache reads the payload in place from what Redis returned,
     * after its envelope header. The default copies the slice and calls {@link #decode(byte[])}; codecs that can
     * read a slice directly (the built-in ones do) override it and save that copy on every L2 hit.
     *
     * @param bytes an array holding the bytes written by {@link #encode}
     * @param offset where they start
     * @param length how many there are
     * @return the value
     * @throws RuntimeException when the bytes are not a valid value; the cache treats that as a miss and counts it
     */
    default V decode(byte[] bytes, int offset, int length) {
        boolean whole = offset == 0 && length == bytes.length;
        return decode(whole ? bytes : Arrays.copyOfRange(bytes, offset, offset + length));
    }

    /**
     * Returns a JSON codec for a class (Jackson, no default typing, unknown properties ignored so that a newer
     * writer does not break an older reader).
     *
     * <pre>{@code ValueCodec<Book> codec = ValueCodec.json(Book.class);}</pre>
     *
     * @param type the value class
     * @param <V> the value type
     * @return the codec
     */
    static <V> ValueCodec<V> json(Class<V> type) {
        return new JsonValueCodec<>(type);
    }

    /**
     * Returns a JSON codec for a generic type, such as {@code List<Book>}; pass a {@link Type} obtained from a
     * type token (for example a field's {@code getGenericType()}).
     *
     * @param type the value type
     * @param <V> the value type
     * @return the codec
     */
    static <V> ValueCodec<V> json(Type type) {
        return new JsonValueCodec<>(type);
    }

    /**
     * Returns a codec for strings as UTF-8.
     *
     * @return the codec
     */
    static ValueCodec<String> utf8() {
        return Utf8Codec.INSTANCE;
    }
}
