package io.perfkit.examples.loadtest;

import java.util.Locale;

/** Number formatting shared by the text and HTML reports. */
final class Format {
    private Format() {}

    static String millis(double ms) {
        return ms >= 100 ? String.format(Locale.ROOT, "%.0f", ms)
                : ms >= 10 ? String.format(Locale.ROOT, "%.1f", ms) : String.format(Locale.ROOT, "%.2f", ms);
    }

    static String rate(double perSecond) {
        return perSecond >= 100 ? String.format(Locale.ROOT, "%,.0f", perSecond)
                : String.format(Locale.ROOT, "%.1f", perSecond);
    }

    static String bytes(double b) {
        if (b >= 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f MB", b / (1024 * 1024));
        }
        if (b >= 1024) {
            return String.format(Locale.ROOT, "%.1f KB", b / 1024);
        }
        return String.format(Locale.ROOT, "%.0f B", b);
    }

    static String decimal(double d) {
        return String.format(Locale.ROOT, "%.1f", d);
    }

    static String percent(double share) {
        return share < 0 ? "-" : String.format(Locale.ROOT, "%.1f %%", share * 100);
    }

    /**
     * Formats how much better tuned is than naive, as a factor.
     *
     * @param naive the naive figure
     * @param tuned the tuned figure
     * @param higherIsBetter true for throughput, false for latency, statements and bytes
     * @return such as {@code "12.3x"}, or {@code "-"} when undefined
     */
    static String ratio(double naive, double tuned, boolean higherIsBetter) {
        double num = higherIsBetter ? tuned : naive;
        double den = higherIsBetter ? naive : tuned;
        if (den <= 0 || num < 0) {
            return "-";
        }
        double r = num / den;
        return r >= 100 ? String.format(Locale.ROOT, "%.0fx", r) : String.format(Locale.ROOT, "%.1fx", r);
    }
}
