package io.perfkit.query.internal.jdbc;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The values bound to one prepared statement, kept in reusable arrays so that recording a {@code setInt} costs
 * two array stores and no allocation (no boxing, no key objects per setter, unlike datasource-proxy's
 * {@code ParameterKey}). Used for two things only: telling executions with equal values apart from executions
 * with different ones (N+1 versus duplicate), and replaying the values into {@code EXPLAIN} when a slow query's
 * plan is captured. Never printed.
 *
 * <p>Not thread-safe, like the statement it belongs to.
 */
public final class ParameterLog {
    static final byte UNSET = 0;
    static final byte NULL = 1;
    static final byte INT = 2;
    static final byte LONG = 3;
    static final byte SHORT = 4;
    static final byte BYTE = 5;
    static final byte BOOLEAN = 6;
    static final byte DOUBLE = 7;
    static final byte FLOAT = 8;
    static final byte OBJECT = 9;
    /** A stream, reader or other value that cannot be read twice: the statement cannot be replayed. */
    static final byte OPAQUE = 10;
    /** An object bound with an explicit {@code java.sql.Types} code, kept in the primitive slot. */
    static final byte OBJECT_TYPED = 11;

    private byte[] types = new byte[8];
    private long[] primitives = new long[8];
    private @Nullable Object[] objects = new Object[8];
    private int count;

    void setLong(int index, byte type, long value) {
        int i = slot(index);
        types[i] = type;
        primitives[i] = value;
        objects[i] = null;
    }

    void setObject(int index, @Nullable Object value) {
        if (value == null) {
            setNull(index, java.sql.Types.NULL);
            return;
        }
        int i = slot(index);
        types[i] = OBJECT;
        objects[i] = value;
    }

    void setObjectTyped(int index, @Nullable Object value, int sqlType) {
        if (value == null) {
            setNull(index, sqlType);
            return;
        }
        int i = slot(index);
        types[i] = OBJECT_TYPED;
        objects[i] = value;
        primitives[i] = sqlType;
    }

    void setNull(int index, int sqlType) {
        setLong(index, NULL, sqlType);
    }

    void setOpaque(int index) {
        int i = slot(index);
        types[i] = OPAQUE;
        objects[i] = null;
        primitives[i] = 0;
    }

    void clear() {
        Arrays.fill(types, 0, count, UNSET);
        Arrays.fill(objects, 0, count, null);
        count = 0;
    }

    /** Called after the driver accepted the index, so it is at least 1. */
    private int slot(int index) {
        int i = index - 1;
        if (i >= types.length) {
            int size = Math.max(types.length * 2, i + 1);
            types = Arrays.copyOf(types, size);
            primitives = Arrays.copyOf(primitives, size);
            objects = Arrays.copyOf(objects, size);
        }
        if (i >= count) {
            count = i + 1;
        }
        return i;
    }

    /**
     * Returns a hash of the bound values: equal values give equal hashes.
     *
     * @return the hash
     */
    public long valuesHash() {
        long h = 1125899906842597L;
        for (int i = 0; i < count; i++) {
            byte t = types[i];
            long v = t == OBJECT || t == OBJECT_TYPED ? Objects.hashCode(objects[i])
                    : t == OPAQUE ? System.identityHashCode(this) : primitives[i];
            h = 31 * h + t;
            h = 31 * h + v;
        }
        return h;
    }

    /**
     * Copies the values for a plan capture on another thread.
     *
     * @return the copy, or null when a value cannot be replayed (a stream or reader)
     */
    public @Nullable BoundValues snapshot() {
        for (int i = 0; i < count; i++) {
            if (types[i] == OPAQUE || types[i] == UNSET) {
                return null;
            }
        }
        return new BoundValues(Arrays.copyOf(types, count), Arrays.copyOf(primitives, count),
                Arrays.copyOf(objects, count));
    }

    /** Values copied from a {@link ParameterLog}, replayable into another prepared statement. */
    public static final class BoundValues {
        private final byte[] types;
        private final long[] primitives;
        private final @Nullable Object[] objects;

        BoundValues(byte[] types, long[] primitives, @Nullable Object[] objects) {
            this.types = types;
            this.primitives = primitives;
            this.objects = objects;
        }

        /** @return how many parameters are bound */
        public int size() {
            return types.length;
        }

        /**
         * Binds the values to a statement with the same parameters.
         *
         * @param ps the statement
         * @throws SQLException from the driver
         */
        public void bind(PreparedStatement ps) throws SQLException {
            for (int i = 0; i < types.length; i++) {
                int index = i + 1;
                long v = primitives[i];
                switch (types[i]) {
                    case NULL: ps.setNull(index, (int) v); break;
                    case INT: ps.setInt(index, (int) v); break;
                    case LONG: ps.setLong(index, v); break;
                    case SHORT: ps.setShort(index, (short) v); break;
                    case BYTE: ps.setByte(index, (byte) v); break;
                    case BOOLEAN: ps.setBoolean(index, v != 0); break;
                    case DOUBLE: ps.setDouble(index, Double.longBitsToDouble(v)); break;
                    case FLOAT: ps.setFloat(index, Float.intBitsToFloat((int) v)); break;
                    case OBJECT_TYPED: ps.setObject(index, objects[i], (int) v); break;
                    default: ps.setObject(index, objects[i]); break;
                }
            }
        }

        /** @return a description without the values: only how many there are */
        @Override
        public String toString() {
            return "BoundValues[" + types.length + " values, redacted]";
        }
    }
}
