package org.saathi.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

/** The signature over the time and the body, as sent and as checked on receipt. */
class WebhookSignatureTests {

    private static final WebhookSignature SIGNATURE = new WebhookSignature("a-secret-of-sixteen-or-more");
    private static final Instant SENT = Instant.parse("2026-11-30T09:15:00Z");
    private static final byte[] BODY = "{\"id\":\"n-1\",\"text\":\"hello\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void signsTheTimeInSecondsWithTheBody() {
        String header = SIGNATURE.sign(SENT, BODY);

        assertThat(header).matches("t=" + SENT.getEpochSecond() + ",v1=[0-9a-f]{64}");
        assertThat(SIGNATURE.sign(SENT.plusSeconds(1), BODY)).isNotEqualTo(header);
    }

    @Test
    void acceptsACallWithinFiveMinutesEitherWay() {
        String header = SIGNATURE.sign(SENT, BODY);

        assertThat(SIGNATURE.verifies(header, BODY, SENT)).isTrue();
        assertThat(SIGNATURE.verifies(header, BODY, SENT.plus(Duration.ofMinutes(5)))).isTrue();
        assertThat(SIGNATURE.verifies(header, BODY, SENT.minus(Duration.ofMinutes(5)))).isTrue();
    }

    @Test
    void refusesACallReplayedAfterTheTolerance() {
        String header = SIGNATURE.sign(SENT, BODY);

        assertThat(SIGNATURE.verifies(header, BODY, SENT.plus(Duration.ofMinutes(5)).plusSeconds(1))).isFalse();
        assertThat(SIGNATURE.verifies(header, BODY, SENT.minus(Duration.ofMinutes(6)))).isFalse();
    }

    @Test
    void refusesAnAlteredBodyAnotherTimeAnotherSecretOrNoSignature() {
        String header = SIGNATURE.sign(SENT, BODY);
        String v1 = header.substring(header.indexOf("v1="));

        assertThat(SIGNATURE.verifies(header, "{\"id\":\"n-2\"}".getBytes(StandardCharsets.UTF_8), SENT)).isFalse();
        assertThat(SIGNATURE.verifies("t=" + (SENT.getEpochSecond() + 60) + "," + v1, BODY, SENT)).isFalse();
        assertThat(new WebhookSignature("another-secret-of-sixteen").verifies(header, BODY, SENT)).isFalse();
        assertThat(SIGNATURE.verifies(null, BODY, SENT)).isFalse();
        assertThat(SIGNATURE.verifies(v1, BODY, SENT)).as("no time").isFalse();
        assertThat(SIGNATURE.verifies("t=" + SENT.getEpochSecond(), BODY, SENT)).as("no signature").isFalse();
    }

    @Test
    void anyOfSeveralSignaturesWillDoWhileASecretIsChanged() {
        String header = SIGNATURE.sign(SENT, BODY);
        String old = new WebhookSignature("the-old-secret-sixteen").sign(SENT, BODY);

        assertThat(SIGNATURE.verifies(old + "," + header.substring(header.indexOf("v1=")), BODY, SENT)).isTrue();
    }
}
