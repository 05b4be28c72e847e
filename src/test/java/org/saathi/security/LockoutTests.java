package org.saathi.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.saathi.testing.Problems.assertProblem;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.saathi.testing.Api;
import org.saathi.testing.Fixtures;
import org.saathi.testing.FromAddress;
import org.saathi.testing.SaathiTest;
import org.saathi.testing.TestClock;
import org.saathi.testing.Waiting;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Five wrong passwords in a row from one address refuse that address for the account for a
 * minute, doubling with every further failure up to 15 minutes (the defaults), while the staff
 * member still signs in from elsewhere. Each test uses a staff member of its own (or cleans up
 * after the admin), and tests that move the clock put it back.
 */
@SaathiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LockoutTests {

    private static final String SOMETHING_STAFF_MAY_SEE = "/api/v1/alerts";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TestClock clock;

    Fixtures fixtures;

    @BeforeAll
    void setUp() {
        fixtures = new Fixtures(port);
    }

    @AfterEach
    void backToNow() {
        clock.reset();
    }

    @Test
    void fiveWrongPasswordsInARowRefuseThatAddressEvenTheRightPassword() {
        String staff = fixtures.staff("COUNSELLOR");
        assertThat(signIn(staff)).isEqualTo(200);

        failTimes(staff, 5);

        Api.Reply refused = fixtures.as(staff).get(SOMETHING_STAFF_MAY_SEE);

        assertProblem(refused, 401);
        assertThat(refused.body()).as("a refusal is told no differently from a wrong password")
                .isEqualTo(fixtures.anonymous().basic(Fixtures.uniqueId("nobody"), "x").get(SOMETHING_STAFF_MAY_SEE).body());
        assertThat(actionsBy(staff)).as("failures are summed up once their minute is over").containsExactly("ACCOUNT_LOCKED");
    }

    @Test
    void theStaffMemberStillSignsInFromAnotherAddressWhileOneIsRefused() {
        String staff = fixtures.staff("COUNSELLOR");
        FromAddress guesser = FromAddress.of("127.0.0.3", port);
        for (int i = 0; i < 7; i++) {
            assertThat(guesser.get(SOMETHING_STAFF_MAY_SEE, staff, "a-guess-" + i)).isEqualTo(401);
        }

        assertThat(FromAddress.of("127.0.0.2", port).get(SOMETHING_STAFF_MAY_SEE, staff, Fixtures.STAFF_PASSWORD))
                .isEqualTo(200);
        assertThat(guesser.get(SOMETHING_STAFF_MAY_SEE, staff, Fixtures.STAFF_PASSWORD)).as("the refused address")
                .isEqualTo(401);
    }

    @Test
    void guessesSentAllAtOnceGetNoMorePasswordChecksThanTheLimit() throws Exception {
        String staff = fixtures.staff("COUNSELLOR");
        ExecutorService senders = Executors.newFixedThreadPool(20);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int guess = 0; guess < 40; guess++) {
                String password = "guess-number-" + guess;
                answers.add(senders.submit(() -> fixtures.anonymous().basic(staff, password)
                        .get(SOMETHING_STAFF_MAY_SEE).status()));
            }
            for (Future<Integer> answer : answers) {
                answer.get();
            }
        } finally {
            senders.shutdown();
        }

        List<String> written = writtenAudit(staff);
        assertThat(counted(written, "wrong password")).as("wrong passwords actually checked, in " + written).isEqualTo(5);
        assertThat(counted(written, "refused")).as("refused without a look at the password").isEqualTo(35);
        assertThat(fixtures.as(staff).get(SOMETHING_STAFF_MAY_SEE).status()).as("the right password, after the burst")
                .isEqualTo(401);
    }

    @Test
    void fourLoopsOfWrongPasswordsForTheAdminNeitherKeepTheAdminOutNorFloodTheAuditLog() throws Exception {
        long before = lastAuditId();
        FromAddress attacker = FromAddress.of("127.0.0.3", port);
        AtomicInteger sent = new AtomicInteger();
        long until = System.nanoTime() + Duration.ofSeconds(4).toNanos();
        ExecutorService loops = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int loop = 0; loop < 4; loop++) {
                running.add(loops.submit(() -> {
                    while (System.nanoTime() < until) {
                        assertThat(attacker.get(SOMETHING_STAFF_MAY_SEE, "admin", "guess-" + sent.incrementAndGet()))
                                .isEqualTo(401);
                    }
                }));
            }
            for (Future<?> loop : running) {
                loop.get();
            }

            assertThat(FromAddress.of("127.0.0.2", port).get(SOMETHING_STAFF_MAY_SEE, "admin", Fixtures.ADMIN_PASSWORD))
                    .as("the admin, from their own address, after %d guesses", sent.get()).isEqualTo(200);
            writtenAudit("admin");
            assertThat(jdbc.sql("""
                            SELECT count(*) FROM audit_event WHERE id > :before AND actor = 'admin' AND action = 'LOGIN_FAILED'
                            GROUP BY date_trunc('minute', at) ORDER BY 1 DESC LIMIT 1""")
                    .param("before", before).query(Long.class).single()).as("rows per minute").isEqualTo(1);
            List<String> rows = jdbc.sql("""
                            SELECT target FROM audit_event WHERE id > :before AND actor = 'admin' AND action = 'LOGIN_FAILED'""")
                    .param("before", before).query(String.class).list();
            assertThat(counted(rows, "wrong password") + counted(rows, "refused")).as("every guess counted in " + rows)
                    .isEqualTo(sent.get());
        } finally {
            loops.shutdownNow();
            jdbc.sql("DELETE FROM login_failure WHERE staff_id = 'admin'").update();
        }
    }

    @Test
    void aRefusedAddressAnswersInAboutTheTimeOfAnUnknownId() {
        String staff = fixtures.staff("COUNSELLOR");
        FromAddress from = FromAddress.of("127.0.0.4", port);
        for (int i = 0; i < 5; i++) {
            from.get(SOMETHING_STAFF_MAY_SEE, staff, "wrong-" + i);
        }
        List<Long> refused = new ArrayList<>();
        List<Long> unknown = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            refused.add(timed(() -> from.get(SOMETHING_STAFF_MAY_SEE, staff, Fixtures.STAFF_PASSWORD)));
            unknown.add(timed(() -> from.get(SOMETHING_STAFF_MAY_SEE, Fixtures.uniqueId("nobody"), "x")));
        }

        assertThat(median(refused)).as("refused %s against unknown %s (ns)", refused, unknown)
                .isGreaterThanOrEqualTo(median(unknown) / 2);
    }

    @Test
    void fourWrongPasswordsDoNotLock() {
        String staff = fixtures.staff("COUNSELLOR");

        failTimes(staff, 4);

        assertThat(signIn(staff)).isEqualTo(200);
        assertThat(actionsBy(staff)).doesNotContain("ACCOUNT_LOCKED");
    }

    @Test
    void aSuccessInBetweenStartsTheCountAgain() {
        String staff = fixtures.staff("COUNSELLOR");

        failTimes(staff, 4);
        assertThat(signIn(staff)).isEqualTo(200);
        failTimes(staff, 4);

        assertThat(signIn(staff)).isEqualTo(200);
        assertThat(actionsBy(staff)).doesNotContain("ACCOUNT_LOCKED");
    }

    @Test
    void theRefusalLastsAMinuteAndDoublesWithEachFurtherFailure() {
        String staff = fixtures.staff("COUNSELLOR");
        failTimes(staff, 5);

        clock.advance(Duration.ofSeconds(55));
        assertThat(signIn(staff)).as("after 55 seconds").isEqualTo(401);
        clock.advance(Duration.ofSeconds(10));
        failTimes(staff, 1);
        clock.advance(Duration.ofSeconds(100));
        assertThat(signIn(staff)).as("100 seconds after the sixth failure").isEqualTo(401);
        clock.advance(Duration.ofSeconds(25));

        assertThat(signIn(staff)).as("2 minutes after the sixth failure").isEqualTo(200);
    }

    @Test
    void anAdminSettingANewPasswordLiftsTheLock() {
        String staff = fixtures.staff("COUNSELLOR");
        failTimes(staff, 5);

        Api.Reply saved = fixtures.admin().put("/api/v1/staff/" + staff, """
                {"name": "Staff %s", "roles": ["COUNSELLOR"], "password": "a-new-password-789"}""".formatted(staff));

        assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
        assertThat(fixtures.anonymous().basic(staff, "a-new-password-789").get(SOMETHING_STAFF_MAY_SEE).status())
                .isEqualTo(200);
    }

    @Test
    void savingAStaffMemberWithoutAPasswordKeepsTheLock() {
        String staff = fixtures.staff("COUNSELLOR");
        failTimes(staff, 5);

        Api.Reply saved = fixtures.admin().put("/api/v1/staff/" + staff, """
                {"name": "Staff %s", "roles": ["COUNSELLOR"], "phone": "+91 98765 43210"}""".formatted(staff));

        assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
        assertThat(signIn(staff)).isEqualTo(401);
    }

    @Test
    void oneAccountsLockDoesNotLockAnother() {
        String locked = fixtures.staff("COUNSELLOR");
        String colleague = fixtures.staff("COUNSELLOR");

        failTimes(locked, 5);

        assertThat(signIn(colleague)).isEqualTo(200);
    }

    @Test
    void aFailedLoginUnderAnUnknownNameIsRecordedAsUnknownWithoutTheName() {
        // People type their password into the user name field; it must not end up in the log.
        String typed = Fixtures.uniqueId("MySecretPassw0rd");
        long before = lastAuditId();

        Api.Reply reply = fixtures.anonymous().basic(typed, "whatever-was-typed").get(SOMETHING_STAFF_MAY_SEE);

        assertProblem(reply, 401);
        writtenAudit(Audit.UNKNOWN);
        assertThat(jdbc.sql("SELECT action FROM audit_event WHERE id > :before AND actor = '(unknown)'")
                .param("before", before).query(String.class).list()).contains("LOGIN_FAILED");
        assertThat(jdbc.sql("""
                        SELECT count(*) FROM audit_event
                        WHERE position(:typed IN concat_ws(' ', actor, action, participant_id, target, remote_address)) > 0""")
                .param("typed", typed).query(Integer.class).single()).isZero();
    }

    private void failTimes(String staffId, int times) {
        Api wrong = fixtures.anonymous().basic(staffId, "not-my-password-at-all");
        for (int i = 0; i < times; i++) {
            assertProblem(wrong.get(SOMETHING_STAFF_MAY_SEE), 401);
        }
    }

    private int signIn(String staffId) {
        return fixtures.as(staffId).get(SOMETHING_STAFF_MAY_SEE).status();
    }

    private List<String> actionsBy(String staffId) {
        return jdbc.sql("SELECT action FROM audit_event WHERE actor = :actor ORDER BY id").param("actor", staffId)
                .query(String.class).list();
    }

    /** Ends the minute, waits for its failed logins to be written, and answers their rows' targets. */
    private List<String> writtenAudit(String actor) {
        clock.advance(Duration.ofMinutes(1));
        assertThat(Waiting.until(Duration.ofSeconds(30), () -> jdbc.sql(
                        "SELECT count(*) FROM login_failure_tally WHERE actor = :actor")
                .param("actor", actor).query(Long.class).single() == 0)).as("failed logins written").isTrue();
        clock.reset();
        return jdbc.sql("SELECT target FROM audit_event WHERE actor = :actor AND action = 'LOGIN_FAILED' ORDER BY id")
                .param("actor", actor).query(String.class).list();
    }

    /** The attempts of one kind ("wrong password", "refused") that audit rows sum up. */
    private static int counted(List<String> targets, String kind) {
        Pattern count = Pattern.compile("(\\d+) " + kind);
        int sum = 0;
        for (String target : targets) {
            Matcher counts = count.matcher(target);
            while (counts.find()) {
                sum += Integer.parseInt(counts.group(1));
            }
        }
        return sum;
    }

    private static long timed(Runnable request) {
        long start = System.nanoTime();
        request.run();
        return System.nanoTime() - start;
    }

    private static long median(List<Long> times) {
        return times.stream().sorted().toList().get(times.size() / 2);
    }

    private long lastAuditId() {
        return jdbc.sql("SELECT coalesce(max(id), 0) FROM audit_event").query(Long.class).single();
    }
}
