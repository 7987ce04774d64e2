package io.perfkit.benchmarks.compression;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.UUID;

/** A realistic JSON API response: an array of orders with ids, names, cities, amounts, statuses and UUIDs. */
final class JsonPayload {
    private static final String[] CITIES = {"Lisbon", "Oslo", "Kyoto", "Lima", "Nairobi", "Quebec", "Tallinn"};
    private static final String[] NAMES = {"Ana", "Bruno", "Chen", "Dana", "Emeka", "Fatima", "Goran", "Hana"};

    private JsonPayload() {}

    /**
     * Returns a JSON body of exactly {@code size} bytes.
     *
     * @param size the body size
     * @return the body
     */
    static byte[] of(int size) {
        StringBuilder sb = new StringBuilder(size + 256).append('[');
        Random random = new Random(42);
        int i = 0;
        while (sb.length() < size) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append("{\"id\":").append(100_000 + i)
                    .append(",\"customer\":\"").append(NAMES[random.nextInt(NAMES.length)]).append(' ')
                    .append((char) ('A' + random.nextInt(26))).append(".\"")
                    .append(",\"city\":\"").append(CITIES[random.nextInt(CITIES.length)]).append('"')
                    .append(",\"total\":").append(random.nextInt(100_000) / 100.0)
                    .append(",\"status\":\"").append(random.nextBoolean() ? "SHIPPED" : "PENDING").append('"')
                    .append(",\"ref\":\"").append(new UUID(random.nextLong(), random.nextLong())).append("\"}");
            i++;
        }
        sb.append(']');
        return Arrays.copyOf(sb.toString().getBytes(StandardCharsets.UTF_8), size);
    }
}
