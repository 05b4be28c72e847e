package org.saathi.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.saathi.testing.Api;
import org.saathi.testing.Fixtures;
import org.saathi.testing.SaathiTest;
import org.saathi.testing.TestClock;
import org.saathi.testing.TestMail;
import org.saathi.testing.TestWebhook;
import org.saathi.testing.Waiting;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Notifications travel over a real SMTP server and a real HTTP receiver. */
@SaathiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NotificationDeliveryTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TestClock clock;

    Fixtures fixtures;
    Api ingest;
    String counsellor;

    @BeforeAll
    void setUp() {
        fixtures = new Fixtures(port);
        ingest = fixtures.integration("ingest");
        counsellor = fixtures.staff("COUNSELLOR");
    }

    @BeforeEach
    void clearTheReceiver() {
        TestWebhook.clear();
    }

    @Test
    void anAlertsEmailArrivesWithItsStableMessageIdAndNoClinicalDetail() throws Exception {
        String mentor = fixtures.staff("PEER_MENTOR");
        String participant = fixtures.participant(mentor, counsellor, true);

        String alertId = raiseWatch(participant, "Argued with my brother about the heroin money");
        JsonNode notification = awaitState(alertId, "SENT").get(0);

        MimeMessage mail = mailWithId("<" + notification.path("id").asString() + "@saathi.local>");
        assertThat(mail.getAllRecipients()[0].toString()).isEqualTo(mentor + "@example.org");
        String subject = mail.getSubject();
        String body = ((String) mail.getContent());
        assertThat(subject).contains("WATCH").contains(alertId.substring(0, 8)).contains("24 hours");
        assertThat(body).contains("/alerts/" + alertId).contains("acknowledge within 24 hours");
        for (String forbidden : List.of("craving", "Craving", "heroin", "brother", "payday", participant, "CHK-001",
                "High craving", "R.")) {
            assertThat(subject + body).as("message mentions %s", forbidden).doesNotContain(forbidden);
        }
    }

    @Test
    void aConcernOfSelfHarmIsEmailedWithoutItsCategoryOrNote() throws Exception {
        String participant = fixtures.participant(fixtures.staff("PEER_MENTOR"), counsellor, true);
        Api.Reply reply = ingest.post("/api/v1/peer-concerns", """
                {"participantId": "%s", "reportedBy": "peer-3", "observedAt": "%s", "level": "HIGH",
                 "category": "SELF_HARM", "note": "Talked about ending his life"}"""
                .formatted(participant, Fixtures.ago(1, ChronoUnit.HOURS)));
        String alertId = reply.json().path("alerts").get(0).path("id").asString();

        assertThat(Waiting.until(Duration.ofSeconds(20), () -> Arrays.stream(TestMail.received())
                .anyMatch(m -> (counsellor + "@example.org").equals(to(m))
                        && subject(m).contains(alertId.substring(0, 8)))))
                .as("mail to the counsellor about %s", alertId).isTrue();
        MimeMessage mail = Arrays.stream(TestMail.received()).filter(m -> subject(m).contains(alertId.substring(0, 8)))
                .findFirst().orElseThrow();
        String message = mail.getSubject() + mail.getContent();
        assertThat(message).contains("CRITICAL");
        for (String forbidden : List.of("SELF_HARM", "self harm", "self-harm", "Self", "ending", "life", "PEER-002",
                "peer-3", participant)) {
            assertThat(message).as("message mentions %s", forbidden).doesNotContain(forbidden);
        }
    }

    @Test
    void thePeerMentorIsNotEmailedWithoutConsent() throws Exception {
        String mentor = fixtures.staff("PEER_MENTOR");
        String participant = fixtures.participant(mentor, counsellor, false);

        String alertId = raiseWatch(participant, null);

        List<JsonNode> sent = awaitState(alertId, "SENT");
        assertThat(sent).extracting(n -> n.path("staffId").asString()).containsOnly(counsellor);
        assertThat(Arrays.stream(TestMail.received()).map(NotificationDeliveryTests::to))
                .doesNotContain(mentor + "@example.org");
    }

    @Test
    void everyNotificationArrivesOnceAfterTheSmtpServerComesBack() throws Exception {
        TestMail.stop();
        List<String> alerts;
        try {
            alerts = List.of(raiseWatch(fixtures.participant(), null), raiseWatch(fixtures.participant(), null),
                    raiseWatch(fixtures.participant(), null));
            for (String alert : alerts) {
                assertThat(Waiting.until(Duration.ofSeconds(10), () -> notifications(alert).stream()
                        .allMatch(n -> n.path("attempts").asInt() >= 1 && n.path("state").asString().equals("PENDING"))))
                        .as("delivery attempted and failing while SMTP is down").isTrue();
            }
        } finally {
            TestMail.start();
        }
        for (String alert : alerts) {
            List<JsonNode> sent = awaitState(alert, "SENT");
            for (JsonNode notification : sent) {
                String messageId = "<" + notification.path("id").asString() + "@saathi.local>";
                assertThat(Arrays.stream(TestMail.received()).filter(m -> messageId.equals(id(m)))).hasSize(1);
            }
        }
    }

    @Test
    void aMessageQueuedForAPeerMentorIsNotSentOnceConsentIsWithdrawn() {
        String mentor = fixtures.staff("PEER_MENTOR");
        String participant = fixtures.participant(mentor, counsellor, true);
        String alertId;
        TestMail.stop();
        try {
            alertId = raiseWatch(participant, null);
            assertThat(Waiting.until(Duration.ofSeconds(10), () -> notifications(alertId).stream()
                    .allMatch(n -> n.path("attempts").asInt() >= 1))).isTrue();
            Api.Reply withdrawn = fixtures.admin().put("/api/v1/participants/" + participant, """
                    {"displayName": "R.", "peerMentorId": "%s", "counsellorId": "%s",
                     "consent": {"shareWithPeerMentor": false}}""".formatted(mentor, counsellor));
            assertThat(withdrawn.status()).isEqualTo(200);
        } finally {
            TestMail.start();
        }

        JsonNode notification = awaitState(alertId, "CANCELLED").get(0);

        assertThat(notification.path("lastError").asString()).contains("consent withdrawn");
        assertThat(Arrays.stream(TestMail.received()).map(NotificationDeliveryTests::to)).doesNotContain(
                mentor + "@example.org");
    }

    @Test
    void someoneWithNoWayToBeReachedIsShownAsNotReached() {
        String mentor = Fixtures.uniqueId("staff");
        fixtures.admin().put("/api/v1/staff/" + mentor, "{\"name\": \"No address\", \"roles\": [\"PEER_MENTOR\"]}");

        String alertId = raiseWatch(fixtures.participant(mentor, counsellor, true), null);

        JsonNode notification = notifications(alertId).get(0);
        assertThat(notification.path("state").asString()).isEqualTo("FAILED");
        assertThat(notification.path("lastError").asString()).contains("no e-mail address or channel");
    }

    @Test
    void webhookIsSignedAndCarriesItsIdempotencyKey() throws Exception {
        String participant = participantWithWebhookMentor();

        String alertId = raiseWatch(participant, "a note");
        JsonNode notification = awaitState(alertId, "SENT").stream()
                .filter(n -> n.path("channel").asString().equals("WEBHOOK")).findFirst().orElseThrow();

        TestWebhook.Received request = TestWebhook.received().get(0);
        assertThat(request.header("Idempotency-Key")).isEqualTo(notification.path("id").asString());
        assertThat(TestWebhook.check(request, clock.instant(), new HashSet<>())).isEqualTo(TestWebhook.Verdict.ACCEPTED);
        assertThat(request.header("X-Saathi-Signature")).as("the old signature, for one release")
                .isEqualTo("sha256=" + hmac(request.body()));
        String body = new String(request.body(), StandardCharsets.UTF_8);
        assertThat(body).contains("+91 98765 43210").contains("/alerts/" + alertId).doesNotContain("craving")
                .doesNotContain("a note").doesNotContain(participant);
    }

    @Test
    void aWebhookReceiverErrorIsRetriedAndASuccessIsNotRepeated() {
        TestWebhook.answer(500, Map.of());
        String alertId = raiseWatch(participantWithWebhookMentor(), null);

        JsonNode notification = awaitState(alertId, "SENT").get(0);

        assertThat(notification.path("attempts").asInt()).isEqualTo(2);
        assertThat(Waiting.until(Duration.ofSeconds(3), () -> TestWebhook.received().size() > 2)).isFalse();
        assertThat(TestWebhook.received()).hasSize(2)
                .extracting(r -> r.header("Idempotency-Key")).containsOnly(notification.path("id").asString());
    }

    @Test
    void aCapturedWebhookCallIsRefusedByTheDocumentedCheckOnceItsTimeIsPast() throws Exception {
        raiseWatch(participantWithWebhookMentor(), null);
        assertThat(Waiting.until(Duration.ofSeconds(30), () -> !TestWebhook.received().isEmpty())).isTrue();
        TestWebhook.Received captured = TestWebhook.received().get(0);
        Set<String> seen = new HashSet<>();

        assertThat(TestWebhook.check(captured, clock.instant(), seen)).isEqualTo(TestWebhook.Verdict.ACCEPTED);
        assertThat(TestWebhook.check(captured, clock.instant(), seen)).isEqualTo(TestWebhook.Verdict.REPEAT);
        assertThat(TestWebhook.check(captured, clock.instant().plus(Duration.ofMinutes(6)), new HashSet<>()))
                .isEqualTo(TestWebhook.Verdict.TOO_OLD);
        byte[] altered = new String(captured.body(), StandardCharsets.UTF_8).replace("+91", "+44")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(TestWebhook.check(new TestWebhook.Received(captured.headers(), altered), clock.instant(),
                new HashSet<>())).isEqualTo(TestWebhook.Verdict.BAD_SIGNATURE);
    }

    @Test
    void eachAttemptIsSignedAtTheMomentItIsSent() throws Exception {
        TestWebhook.answer(500, Map.of());
        String alertId = raiseWatch(participantWithWebhookMentor(), null);
        // Once the refusal is recorded, so that the clock's jump does not also look like a lost lease.
        assertThat(Waiting.until(Duration.ofSeconds(30),
                () -> notifications(alertId).get(0).path("attempts").asInt() == 1)).isTrue();
        Instant firstCheck = clock.instant();
        try {
            clock.advance(Duration.ofMinutes(10));
            awaitState(alertId, "SENT");

            List<TestWebhook.Received> calls = TestWebhook.received();
            assertThat(calls).hasSizeGreaterThanOrEqualTo(2);
            assertThat(signedAt(calls.get(1)) - signedAt(calls.get(0))).isGreaterThanOrEqualTo(600);
            assertThat(TestWebhook.check(calls.get(0), firstCheck, new HashSet<>()))
                    .isEqualTo(TestWebhook.Verdict.ACCEPTED);
            assertThat(TestWebhook.check(calls.get(1), clock.instant(), new HashSet<>()))
                    .isEqualTo(TestWebhook.Verdict.ACCEPTED);
        } finally {
            clock.reset();
        }
    }

    private static long signedAt(TestWebhook.Received call) {
        return Long.parseLong(call.header("Saathi-Signature").replaceAll("^t=(\\d+),.*$", "$1"));
    }

    @Test
    void aBusyReceiverIsRetriedAfterItsRetryAfter() {
        TestWebhook.answer(429, Map.of("Retry-After", "1"));
        String alertId = raiseWatch(participantWithWebhookMentor(), null);

        JsonNode notification = awaitState(alertId, "SENT").get(0);

        assertThat(notification.path("attempts").asInt()).isEqualTo(2);
    }

    @Test
    void aRefusalIsNotRetriedButShownAsFailed() {
        TestWebhook.answer(400, Map.of());
        String alertId = raiseWatch(participantWithWebhookMentor(), null);

        JsonNode notification = awaitState(alertId, "FAILED").get(0);

        assertThat(notification.path("attempts").asInt()).isOne();
        assertThat(notification.path("lastError").asString()).contains("HTTP 400");
        assertThat(Waiting.until(Duration.ofSeconds(3), () -> TestWebhook.received().size() > 1)).isFalse();
    }

    private String participantWithWebhookMentor() {
        String mentor = Fixtures.uniqueId("staff");
        Api.Reply reply = fixtures.admin().put("/api/v1/staff/" + mentor, """
                {"name": "SMS mentor", "phone": "+91 98765 43210", "roles": ["PEER_MENTOR"], "channels": ["WEBHOOK"]}""");
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return fixtures.participant(mentor, counsellor, true);
    }

    private String raiseWatch(String participant, String note) {
        Api.Reply reply = ingest.post("/api/v1/check-ins", """
                {"participantId": "%s", "recordedAt": "%s", "craving": 9, "mood": 4, "triggers": ["payday"]%s}"""
                .formatted(participant, Fixtures.ago(1, ChronoUnit.HOURS),
                        note == null ? "" : ", \"note\": \"" + note + "\""));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply.json().path("alerts").get(0).path("id").asString();
    }

    private List<JsonNode> notifications(String alertId) {
        List<JsonNode> notifications = new java.util.ArrayList<>();
        fixtures.admin().get("/api/v1/alerts/" + alertId).json().path("notifications").forEach(notifications::add);
        return notifications;
    }

    private List<JsonNode> awaitState(String alertId, String state) {
        assertThat(Waiting.until(Duration.ofSeconds(20), () -> {
            List<JsonNode> all = notifications(alertId);
            return !all.isEmpty() && all.stream().allMatch(n -> n.path("state").asString().equals(state));
        })).as("notifications of %s all %s: %s", alertId, state, notifications(alertId)).isTrue();
        return notifications(alertId);
    }

    private static MimeMessage mailWithId(String messageId) {
        assertThat(Waiting.until(Duration.ofSeconds(10), () -> Arrays.stream(TestMail.received())
                .anyMatch(m -> messageId.equals(id(m))))).as("mail %s arrived", messageId).isTrue();
        return Arrays.stream(TestMail.received()).filter(m -> messageId.equals(id(m))).findFirst().orElseThrow();
    }

    private static String id(MimeMessage message) {
        try {
            return message.getMessageID();
        } catch (jakarta.mail.MessagingException unreadable) {
            return null;
        }
    }

    private static String subject(MimeMessage message) {
        try {
            return String.valueOf(message.getSubject());
        } catch (jakarta.mail.MessagingException unreadable) {
            return "";
        }
    }

    private static String to(MimeMessage message) {
        try {
            return message.getAllRecipients()[0].toString();
        } catch (jakarta.mail.MessagingException unreadable) {
            return null;
        }
    }

    private static String hmac(byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(TestWebhook.SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return java.util.HexFormat.of().formatHex(mac.doFinal(body));
    }
}
