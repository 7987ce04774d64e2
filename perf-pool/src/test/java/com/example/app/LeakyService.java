package com.example.app;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** "Application" code for tests: lives outside perfkit's packages so call sites resolve to it. */
public final class LeakyService {
    private final DataSource dataSource;

    public LeakyService(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Borrows a connection and never returns it. */
    public Connection leak() throws SQLException {
        return dataSource.getConnection(); // LEAK-LINE
    }
}
