package org.saathi.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.UUID;
import org.saathi.roster.Channel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MessageTemplatesTests {

    private static final AlertNotice NOTICE = new AlertNotice(UUID.fromString("3f9a0c12-0000-4000-8000-000000000001"),
            "P-1", "URGENT", AlertNotice.Event.ESCALATED, Duration.ofHours(4), Instant.parse("2026-01-15T10:30:00Z"),
            ZoneId.of("Asia/Kolkata"), Optional.empty());

    @TempDir
    Path templates;

    @Test
    void theBuiltInEmailSaysWhatIsExpectedAndLinksToTheAlert() {
        MessageTemplates.Message email = new MessageTemplates(settings(null)).render(Channel.EMAIL, NOTICE, "Ravi");

        assertThat(email.subject()).isEqualTo("[Saathi] URGENT alert 3f9a0c12: please acknowledge within 4 hours");
        assertThat(email.body()).contains("Hello Ravi,")
                .contains("was not acknowledged in time and is escalated to you")
                .contains("by 15 Jan 2026, 16:00 IST")
                .contains("https://saathi.example.org/alerts/3f9a0c12-0000-4000-8000-000000000001");
    }

    @Test
    void aProgrammeReplacesATemplateWithAFileOfTheSameName() throws Exception {
        Files.writeString(templates.resolve("sms.txt"), "Saathi {{severity}} {{reference}} {{link}} {{note}}");

        MessageTemplates.Message sms = new MessageTemplates(settings(templates)).render(Channel.WEBHOOK, NOTICE, "Ravi");

        assertThat(sms.body()).isEqualTo("Saathi URGENT 3f9a0c12 "
                + "https://saathi.example.org/alerts/3f9a0c12-0000-4000-8000-000000000001");
    }

    @Test
    void theParticipantsNameAppearsOnlyWhenGiven() {
        AlertNotice named = new AlertNotice(NOTICE.alertId(), "P-1", "WATCH", AlertNotice.Event.RAISED, Duration.ofMinutes(30),
                NOTICE.acknowledgeBy(), NOTICE.zone(), Optional.of("Raju"));

        assertThat(new MessageTemplates(settings(null)).render(Channel.WEBHOOK, named, "Ravi").body())
                .contains("(Raju)").contains("within 30 minutes");
        assertThat(new MessageTemplates(settings(null)).render(Channel.WEBHOOK, NOTICE, "Ravi").body())
                .doesNotContain("(");
    }

    @Test
    void aWebhookMustUseTlsUnlessPlainHttpIsAllowed() {
        assertThatThrownBy(() -> new NotifySettings.Webhook(URI.create("http://gateway.example.org/sms"),
                "a-long-enough-secret", false, Duration.ofSeconds(10), true))
                .hasMessageContaining("must be https");
        assertThat(new NotifySettings.Webhook(URI.create("http://127.0.0.1:9000/sms"), "a-long-enough-secret", true,
                Duration.ofSeconds(10), true).url()).isNotNull();
        assertThatThrownBy(() -> new NotifySettings.Webhook(URI.create("https://gateway.example.org/sms"), "short",
                false, Duration.ofSeconds(10), true)).hasMessageContaining("secret");
    }

    @Test
    void notificationsAreRetriedForAtLeastADay() {
        assertThatThrownBy(() -> new NotifySettings(URI.create("http://x"), "a@b", "d", null, Duration.ofSeconds(30),
                Duration.ofHours(1), Duration.ofHours(12), true, Duration.ofSeconds(1), 20, 4,
                new NotifySettings.Webhook(null, null, false, Duration.ofSeconds(10), true)))
                .hasMessageContaining("at least 24h");
    }

    private static NotifySettings settings(Path templates) {
        return new NotifySettings(URI.create("https://saathi.example.org/"), "saathi@example.org", "saathi.local",
                templates, Duration.ofSeconds(30), Duration.ofHours(1), Duration.ofHours(26), true, Duration.ofSeconds(1),
                20, 4, new NotifySettings.Webhook(null, null, false, Duration.ofSeconds(10), true));
    }
}
