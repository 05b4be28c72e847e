package org.saathi.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.saathi.testing.Api;
import org.saathi.testing.Fixtures;
import org.saathi.testing.SaathiTest;
import org.saathi.testing.TestMail;
import org.saathi.testing.TestWebhook;
import org.saathi.testing.Waiting;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * What to do about an alert is for the alert page and its API detail, never for a message: e-mails
 * and SMS reach phones and inboxes that others may see, and the guidance says what the alert is about.
 */
@SaathiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WhatToDoStaysOffMessagesTests {

    @LocalServerPort
    int port;

    Fixtures fixtures;
    Api ingest;
    String counsellor;

    @BeforeAll
    void setUp() {
        fixtures = new Fixtures(port);
        ingest = fixtures.integration("ingest");
        counsellor = fixtures.staff("COUNSELLOR");
    }

    @Test
    void anUrgentAlertsDetailSaysWhatToDoAndNeitherItsEmailNorItsSmsWebhookDoes() throws Exception {
        TestWebhook.clear();
        String mentor = Fixtures.uniqueId("staff");
        Api.Reply saved = fixtures.admin().put("/api/v1/staff/" + mentor, """
                {"name": "SMS mentor", "phone": "+91 98765 43210", "roles": ["PEER_MENTOR"], "channels": ["WEBHOOK"]}""");
        assertThat(saved.status()).as(saved.toString()).isEqualTo(201);
        String participant = fixtures.participant(mentor, counsellor, true);
        Api.Reply reply = ingest.post("/api/v1/check-ins", """
                {"participantId": "%s", "recordedAt": "%s", "craving": 3, "mood": 5, "usedSubstance": true}"""
                .formatted(participant, Fixtures.ago(1, ChronoUnit.HOURS)));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        String alertId = reply.json().path("alerts").get(0).path("id").asString();

        JsonNode detail = fixtures.admin().get("/api/v1/alerts/" + alertId).json();
        assertThat(detail.path("severity").asString()).isEqualTo("URGENT");
        String whatToDo = detail.path("whatToDo").path("text").asString();
        String source = detail.path("whatToDo").path("source").asString();
        assertThat(whatToDo).as("the alert's API detail says what to do").isNotBlank();
        assertThat(source).isNotBlank();

        String reference = alertId.substring(0, 8);
        assertThat(Waiting.until(Duration.ofSeconds(20), () -> !TestWebhook.received().isEmpty()
                && mails(reference).size() > 0)).as("an e-mail and an SMS webhook about %s", reference).isTrue();
        List<String> messages = new ArrayList<>();
        for (MimeMessage mail : mails(reference)) {
            messages.add(mail.getSubject() + "\n" + mail.getContent());
        }
        TestWebhook.received().forEach(call -> messages.add(new String(call.body(), StandardCharsets.UTF_8)));

        assertThat(phrases(whatToDo)).hasSizeGreaterThan(2);
        assertThat(messages).hasSizeGreaterThanOrEqualTo(2).allSatisfy(message -> {
            assertThat(message).contains(reference);
            for (String phrase : phrases(whatToDo + ". " + source)) {
                assertThat(message).as("a message carries '%s'", phrase).doesNotContainIgnoringCase(phrase);
            }
        });
    }

    /** The guidance in pieces, so that a message quoting part of it, escaped or cut short, is caught. */
    private static List<String> phrases(String text) {
        return Arrays.stream(text.split("[.;:,()]")).map(String::strip).filter(phrase -> phrase.length() >= 12)
                .toList();
    }

    private static List<MimeMessage> mails(String reference) {
        return Arrays.stream(TestMail.received()).filter(mail -> {
            try {
                return String.valueOf(mail.getSubject()).contains(reference);
            } catch (jakarta.mail.MessagingException unreadable) {
                return false;
            }
        }).toList();
    }
}
