package org.saathi.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.saathi.testing.Api;
import org.saathi.testing.Fixtures;
import org.saathi.testing.SaathiTest;
import org.saathi.testing.TestClock;
import org.saathi.testing.TestMail;
import org.saathi.testing.Waiting;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** An alert of a participant whose staff have all left still reaches someone, by mail. */
@SaathiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UnstaffedAlertTests {

    @LocalServerPort
    int port;

    @Autowired
    Escalations escalations;

    @Autowired
    TestClock clock;

    Fixtures fixtures;
    Api ingest;

    @BeforeAll
    void setUp() {
        fixtures = new Fixtures(port);
        ingest = fixtures.integration("ingest");
    }

    @AfterEach
    void backToNow() {
        clock.reset();
    }

    @Test
    void aCriticalAlertWhoseCounsellorLeftAProgrammeWithoutSupervisorsIsMailedToItsAdmin() {
        String programme = fixtures.programme();
        String admin = fixtures.staffIn(programme, "ADMIN");
        String counsellor = fixtures.staffIn(programme, "COUNSELLOR");
        String participant = fixtures.participantIn(programme, fixtures.staffIn(programme, "PEER_MENTOR"),
                counsellor, true);
        deactivate(counsellor, "COUNSELLOR");

        JsonNode alert = detail(AlertSteps.selfHarm(ingest, participant, 1), admin);

        assertThat(alert.path("severity").asString()).isEqualTo("CRITICAL");
        assertThat(recipients(alert)).containsExactly(admin);
        assertThat(alert.path("recipients").path(0).path("reason").asString()).contains("no active staff assigned");
        assertThat(mailArrivesFor(admin)).as("mail to " + admin).isTrue();
    }

    @Test
    void everySupervisorOfTheProgrammeSkipsADeactivatedOneAndFallsBackToTheAdmin() {
        String programme = fixtures.programme();
        String admin = fixtures.staffIn(programme, "ADMIN");
        String supervisor = fixtures.staffIn(programme, "SUPERVISOR");
        String counsellor = fixtures.staffIn(programme, "COUNSELLOR");
        String participant = fixtures.participantIn(programme, fixtures.staffIn(programme, "PEER_MENTOR"),
                counsellor, true);
        deactivate(supervisor, "SUPERVISOR");
        String alert = AlertSteps.selfHarm(ingest, participant, 1);
        assertThat(recipients(detail(alert, admin))).containsExactly(counsellor);

        clock.advance(Duration.ofMinutes(31));
        escalations.escalateDue();

        JsonNode escalated = detail(alert, admin);
        int step = escalated.path("handling").path("escalationStep").asInt();
        assertThat(step).isPositive();
        assertThat(recipientsAt(escalated, step)).containsExactly(admin);
        assertThat(mailArrivesFor(admin)).as("mail to " + admin).isTrue();
    }

    private void deactivate(String staffId, String role) {
        Api.Reply reply = fixtures.admin().put("/api/v1/staff/" + staffId, """
                {"name": "Staff %s", "email": "%s@example.org", "roles": ["%s"], "active": false}"""
                .formatted(staffId, staffId, role));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    }

    /** The alert as the programme's admin reads it: the deployment's first admin keeps to another programme. */
    private JsonNode detail(String alert, String reader) {
        return fixtures.as(reader).get("/api/v1/alerts/" + alert).json();
    }

    private static List<String> recipients(JsonNode detail) {
        return recipientsAt(detail, 0);
    }

    private static List<String> recipientsAt(JsonNode detail, int step) {
        List<String> staff = new ArrayList<>();
        detail.path("recipients").forEach(r -> {
            if (r.path("step").asInt() == step) {
                staff.add(r.path("staffId").asString());
            }
        });
        return staff;
    }

    private static boolean mailArrivesFor(String staffId) {
        return Waiting.until(Duration.ofSeconds(20), () -> Arrays.stream(TestMail.received())
                .anyMatch(mail -> to(mail).equals(staffId + "@example.org")));
    }

    private static String to(MimeMessage mail) {
        try {
            return mail.getAllRecipients()[0].toString();
        } catch (MessagingException unreadable) {
            return "";
        }
    }
}
