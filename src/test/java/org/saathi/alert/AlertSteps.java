package org.saathi.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.saathi.testing.Api;
import org.saathi.testing.Fixtures;
import tools.jackson.databind.JsonNode;

/** Facts that raise an alert, posted through the API, and what tests read back from an alert. */
final class AlertSteps {

    private AlertSteps() {
    }

    /** A check-in with craving 9 an hour ago (CHK-001, WATCH); answers the alert it raised or joined. */
    static String watch(Api ingest, String participant) {
        return watchAt(ingest, participant, Fixtures.ago(1, ChronoUnit.HOURS));
    }

    /** A check-in with craving 9 (CHK-001, WATCH); answers the alert it raised or joined. */
    static String watchAt(Api ingest, String participant, String at) {
        Api.Reply reply = ingest.post("/api/v1/check-ins", """
                {"participantId": "%s", "recordedAt": "%s", "craving": 9, "mood": 6}""".formatted(participant, at));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply.json().path("alerts").get(0).path("id").asString();
    }

    /** A PHQ-9 answering item 9 (SCR-001, CRITICAL); answers the alert it raised. */
    static String selfHarm(Api ingest, String participant, int item9) {
        Api.Reply reply = ingest.post("/api/v1/screenings", """
                {"participantId": "%s", "instrument": "PHQ9", "recordedAt": "%s", "items": [0, 0, 0, 0, 0, 0, 0, 0, %d]}"""
                .formatted(participant, Fixtures.ago(1, ChronoUnit.HOURS), item9));
        return reply.json().path("alerts").get(0).path("id").asString();
    }

    /** The actions of the alert's history, oldest first. */
    static List<String> actions(JsonNode detail) {
        List<String> actions = new ArrayList<>();
        detail.path("history").forEach(entry -> actions.add(entry.path("action").asString()));
        return actions;
    }
}
