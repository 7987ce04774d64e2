package io.perfkit.testkit;

import java.sql.SQLException;

/**
 * The rows every stub query returns, computed once per {@link StubDataSource} so that reading
 * them allocates nothing: the text and boxed forms of each row number are built up front.
 */
final class CannedResult {

    /** What {@code getGeneratedKeys()} returns: one key, 1. */
    static final CannedResult GENERATED_KEYS = new CannedResult(1, 1);
    /** What catalog queries of the stub metadata return. */
    static final CannedResult EMPTY = new CannedResult(0, 1);

    private final int rows;
    private final int columns;
    private final String[] labels;
    private final String[] text;
    private final Long[] boxed;
    private final StubResultSetMetaData metaData;

    CannedResult(int rows, int columns) {
        if (rows < 0) {
            throw new IllegalArgumentException("rows must be >= 0, was " + rows);
        }
        if (columns < 1) {
            throw new IllegalArgumentException("columns must be >= 1, was " + columns);
        }
        this.rows = rows;
        this.columns = columns;
        this.labels = new String[columns + 1];
        for (int c = 1; c <= columns; c++) {
            labels[c] = "c" + c;
        }
        this.text = new String[rows + 1];
        this.boxed = new Long[rows + 1];
        for (int r = 1; r <= rows; r++) {
            text[r] = Integer.toString(r);
            boxed[r] = (long) r;
        }
        this.metaData = new StubResultSetMetaData(this);
    }

    int rows() {
        return rows;
    }

    int columns() {
        return columns;
    }

    String label(int column) {
        return labels[column];
    }

    String text(int row) {
        return text[row];
    }

    Long boxed(int row) {
        return boxed[row];
    }

    StubResultSetMetaData metaData() {
        return metaData;
    }

    /** Parses {@code c<n>} (any case) without allocating, as benchmarks read columns by label. */
    int findColumn(String label) throws SQLException {
        int n = label.length();
        if (n >= 2 && (label.charAt(0) == 'c' || label.charAt(0) == 'C')) {
            int column = 0;
            for (int i = 1; i < n && column <= columns; i++) {
                char ch = label.charAt(i);
                if (ch < '0' || ch > '9') {
                    column = -1;
                    break;
                }
                column = column * 10 + (ch - '0');
            }
            if (column >= 1 && column <= columns) {
                return column;
            }
        }
        throw new SQLException("No column labelled " + label + "; labels are c1 to c" + columns,
                "42703");
    }
}
