package io.perfkit.testkit;

import java.util.Locale;

/** The value of {@code perfkit.test.servers}: let the resolver choose, or force one source. */
enum SourceMode {
    AUTO,
    ENVIRONMENT,
    TESTCONTAINERS,
    EMBEDDED;

    static SourceMode parse(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.isEmpty()) {
            return AUTO;
        }
        for (SourceMode mode : values()) {
            if (mode.settingValue().equals(v)) {
                return mode;
            }
        }
        throw new IllegalArgumentException(
                "System property " + ServerSettings.MODE_PROPERTY + "='" + value
                        + "' is not one of auto, environment, testcontainers, embedded");
    }

    String settingValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
