package org.saathi.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.saathi.notify.NotificationState;
import org.saathi.testing.SaathiTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The code's alert and notification states are exactly the ones the database's checks allow. */
@SaathiTest
class StateVocabularyTests {

    private static final Pattern QUOTED = Pattern.compile("'([A-Z_]+)'");

    @Autowired
    JdbcClient jdbc;

    @Test
    void alertStatusesAreTheOnesTheAlertTableAllows() {
        assertThat(allowed("alert", "status")).isEqualTo(names(AlertStatus.values()));
    }

    @Test
    void notificationStatesAreTheOnesTheOutboxAllows() {
        assertThat(allowed("notification", "state")).isEqualTo(names(NotificationState.values()));
    }

    private Set<String> allowed(String table, String column) {
        List<String> checks = jdbc.sql("""
                        SELECT pg_get_constraintdef(oid) FROM pg_constraint
                        WHERE conrelid = CAST(:table AS regclass) AND contype = 'c'""")
                .param("table", table).query(String.class).list().stream()
                .filter(check -> check.contains("(" + column + " ")).toList();
        assertThat(checks).hasSize(1);
        Matcher quoted = QUOTED.matcher(checks.get(0));
        return quoted.results().map(match -> match.group(1)).collect(Collectors.toSet());
    }

    private static Set<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).collect(Collectors.toSet());
    }
}
