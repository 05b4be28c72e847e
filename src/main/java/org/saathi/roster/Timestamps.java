package org.saathi.roster;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

final class Timestamps {

    private Timestamps() {
    }

    static Timestamp of(Instant instant) {
        return Timestamp.from(instant);
    }

    static Instant read(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
