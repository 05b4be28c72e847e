package org.saathi.security;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Failed and refused logins into the audit log as one row per account and minute with the count,
 * so that a loop of guesses cannot flood the log, which keeps every row for good. The minute's
 * attempts are counted in a table of their own; once it is over, its row is written and the
 * counts go, in one transaction. The counts are kept in the database, so a minute under way when
 * the service stops is written by whichever instance runs next: nothing is lost, and nothing is
 * written while the database may already be going away.
 */
@Component
class FailedLogins {

    /** What became of a failed login: a password was checked and was wrong, or none was checked. */
    enum Outcome { WRONG_PASSWORD, REFUSED }

    private static final int ADDRESSES_NAMED = 10;

    private final JdbcClient jdbc;
    private final Audit audit;
    private final TransactionTemplate transaction;
    private final Clock clock;

    FailedLogins(JdbcClient jdbc, Audit audit, TransactionTemplate transaction, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.transaction = transaction;
        this.clock = clock;
    }

    void count(String actor, String address, Outcome outcome) {
        jdbc.sql("""
                        INSERT INTO login_failure_tally (actor, minute, remote_address, channel, outcome, attempts)
                        VALUES (:actor, :minute, :address, :channel, :outcome, 1)
                        ON CONFLICT (actor, minute, remote_address, channel, outcome)
                        DO UPDATE SET attempts = login_failure_tally.attempts + 1""")
                .param("actor", actor).param("address", address).param("channel", Audit.currentChannel())
                .param("outcome", outcome.name())
                .param("minute", Timestamp.from(clock.instant().truncatedTo(ChronoUnit.MINUTES)))
                .update();
    }

    @Scheduled(fixedDelayString = "PT10S", initialDelayString = "PT10S")
    void writeEndedMinutes() {
        writeBefore(clock.instant().truncatedTo(ChronoUnit.MINUTES));
    }

    private record Tally(String actor, Instant minute, String address, String channel, Outcome outcome,
            int attempts) {
    }

    private void writeBefore(Instant end) {
        transaction.executeWithoutResult(status -> {
            // Deleting claims the counts: another instance writing at the same time gets none of these.
            List<Tally> ended = jdbc.sql("""
                            DELETE FROM login_failure_tally WHERE minute < :end
                            RETURNING actor, minute, remote_address, channel, outcome, attempts""")
                    .param("end", Timestamp.from(end))
                    .query((rs, row) -> new Tally(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
                            rs.getString(4), Outcome.valueOf(rs.getString(5)), rs.getInt(6)))
                    .list();
            ended.stream().collect(Collectors.groupingBy(tally -> tally.actor() + "@" + tally.minute(),
                            LinkedHashMap::new, Collectors.toList()))
                    .values().forEach(this::write);
        });
    }

    private void write(List<Tally> minute) {
        Tally first = minute.get(0);
        List<String> addresses = minute.stream().map(Tally::address).distinct().sorted().toList();
        List<String> channels = minute.stream().map(Tally::channel).distinct().toList();
        audit.recordSummary(first.minute(), first.actor(), Audit.Action.LOGIN_FAILED, describe(minute, addresses),
                channels.size() == 1 ? channels.get(0) : "SYSTEM", addresses.size() == 1 ? addresses.get(0) : null);
    }

    /** For example "from 127.0.0.3: 4 wrong passwords, 851 refused; from 127.0.0.1: 1 wrong password". */
    private static String describe(List<Tally> minute, List<String> addresses) {
        Map<String, String> byAddress = new LinkedHashMap<>();
        for (String address : addresses.subList(0, Math.min(ADDRESSES_NAMED, addresses.size()))) {
            int wrong = sum(minute, address, Outcome.WRONG_PASSWORD);
            int refused = sum(minute, address, Outcome.REFUSED);
            byAddress.put(address, (wrong > 0 ? wrong + (wrong == 1 ? " wrong password" : " wrong passwords") : "")
                    + (wrong > 0 && refused > 0 ? ", " : "") + (refused > 0 ? refused + " refused" : ""));
        }
        String more = addresses.size() > ADDRESSES_NAMED
                ? "; and from " + (addresses.size() - ADDRESSES_NAMED) + " more addresses" : "";
        return byAddress.entrySet().stream().map(entry -> "from " + entry.getKey() + ": "
                + entry.getValue()).collect(Collectors.joining("; ")) + more;
    }

    private static int sum(List<Tally> minute, String address, Outcome outcome) {
        return minute.stream().filter(tally -> tally.address().equals(address) && tally.outcome() == outcome)
                .mapToInt(Tally::attempts).sum();
    }
}
