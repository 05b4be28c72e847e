package org.saathi.testing;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;

import javax.sql.DataSource;

/**
 * A table nobody can read until it is let go: an exclusive lock held in an open transaction. It
 * holds a background job (a backtest reading check-ins) still at a known point, so that a test can
 * see it running and act on it, without sleeping and hoping. Nothing is changed: the transaction is
 * rolled back.
 */
public final class HeldTable implements AutoCloseable {

    private static final Pattern NAME = Pattern.compile("[a-z_]+");

    private final Connection connection;

    private HeldTable(Connection connection) {
        this.connection = connection;
    }

    public static HeldTable hold(DataSource dataSource, String table) {
        if (!NAME.matcher(table).matches()) {
            throw new IllegalArgumentException("not a table name: " + table);
        }
        try {
            Connection connection = dataSource.getConnection();
            try (Statement lock = connection.createStatement()) {
                connection.setAutoCommit(false);
                lock.execute("LOCK TABLE " + table + " IN ACCESS EXCLUSIVE MODE");
                return new HeldTable(connection);
            } catch (SQLException | RuntimeException failed) {
                connection.close();
                throw failed;
            }
        } catch (SQLException failed) {
            throw new IllegalStateException("could not lock " + table, failed);
        }
    }

    /** Lets the table go; whoever waited for it goes on. */
    @Override
    public void close() {
        try (connection) {
            connection.rollback();
        } catch (SQLException failed) {
            throw new IllegalStateException("could not let the table go", failed);
        }
    }
}
