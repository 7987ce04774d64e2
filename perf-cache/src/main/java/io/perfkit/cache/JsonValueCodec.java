package io.perfkit.cache;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.perfkit.core.Require;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Type;

/** Typed JSON through Jackson: the target type is fixed here, no polymorphic default typing. */
final class JsonValueCodec<V> implements ValueCodec<V> {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final ObjectReader reader;
    private final ObjectWriter writer;
    private final String typeName;

    JsonValueCodec(Type type) {
        Require.nonNull(type, "type");
        JavaType javaType = MAPPER.constructType(type);
        this.reader = MAPPER.readerFor(javaType);
        this.writer = MAPPER.writerFor(javaType);
        this.typeName = javaType.toCanonical();
    }

    @Override
    public byte[] encode(V value) {
        try {
            return writer.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a " + typeName + " as JSON", e);
        }
    }

    @Override
    public V decode(byte[] bytes) {
        try {
            return reader.readValue(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("stored bytes are not a JSON " + typeName, e);
        }
    }

    @Override
    public V decode(byte[] bytes, int offset, int length) {
        try {
            return reader.readValue(bytes, offset, length);
        } catch (IOException e) {
            throw new UncheckedIOException("stored bytes are not a JSON " + typeName, e);
        }
    }

    @Override
    public String toString() {
        return "ValueCodec.json(" + typeName + ")";
    }
}
