package org.saathi.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.saathi.testing.Problems.assertProblem;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.saathi.testing.Api;
import org.saathi.testing.Fixtures;
import org.saathi.testing.SaathiTest;
import org.saathi.testing.TestClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Five wrong passwords in a row lock a staff account for 15 minutes (the defaults); each test uses a
 * staff member of its own, and tests that move the clock put it back.
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
    void fiveWrongPasswordsInARowLockTheAccountEvenAgainstTheRightOne() {
        String staff = fixtures.staff("COUNSELLOR");
        assertThat(signIn(staff)).isEqualTo(200);

        failTimes(staff, 5);

        Api.Reply refused = fixtures.as(staff).get(SOMETHING_STAFF_MAY_SEE);

        assertProblem(refused, 401);
        assertThat(refused.body()).as("a lock is told no differently from a wrong password")
                .isEqualTo(fixtures.anonymous().basic(Fixtures.uniqueId("nobody"), "x").get(SOMETHING_STAFF_MAY_SEE).body());
        // The lock is recorded as the fifth wrong password is turned away, just before that failure itself.
        assertThat(actionsBy(staff)).containsExactly("LOGIN_FAILED", "LOGIN_FAILED", "LOGIN_FAILED",
                "LOGIN_FAILED", "ACCOUNT_LOCKED", "LOGIN_FAILED", "LOGIN_FAILED");
        assertThat(lastTargetOf(staff)).isEqualTo("locked");
    }

    @Test
    void guessesSentAllAtOnceGetNoMorePasswordChecksThanTheLimit() throws Exception {
        String staff = fixtures.staff("COUNSELLOR");
        java.util.concurrent.ExecutorService senders = java.util.concurrent.Executors.newFixedThreadPool(20);
        try {
            java.util.List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
            for (int guess = 0; guess < 40; guess++) {
                String password = "guess-number-" + guess;
                answers.add(senders.submit(() -> fixtures.anonymous().basic(staff, password)
                        .get(SOMETHING_STAFF_MAY_SEE).status()));
            }
            for (java.util.concurrent.Future<Integer> answer : answers) {
                answer.get();
            }
        } finally {
            senders.shutdown();
        }

        long checked = jdbc.sql("""
                        SELECT count(*) FROM audit_event
                        WHERE actor = :staff AND action = 'LOGIN_FAILED' AND target IS NULL""")
                .param("staff", staff).query(Long.class).single();
        assertThat(checked).as("wrong passwords actually checked").isLessThanOrEqualTo(5);
        assertThat(fixtures.as(staff).get(SOMETHING_STAFF_MAY_SEE).status()).as("the right password, after the burst")
                .isEqualTo(401);
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
    void theLockLiftsAfterFifteenMinutes() {
        String staff = fixtures.staff("COUNSELLOR");
        failTimes(staff, 5);

        clock.advance(Duration.ofMinutes(14));
        assertThat(signIn(staff)).as("after 14 minutes").isEqualTo(401);
        clock.advance(Duration.ofMinutes(1).plusSeconds(5));

        assertThat(signIn(staff)).as("after 15 minutes").isEqualTo(200);
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

    private String lastTargetOf(String staffId) {
        return jdbc.sql("SELECT target FROM audit_event WHERE actor = :actor ORDER BY id DESC LIMIT 1")
                .param("actor", staffId).query(String.class).single();
    }

    private long lastAuditId() {
        return jdbc.sql("SELECT coalesce(max(id), 0) FROM audit_event").query(Long.class).single();
    }
}
