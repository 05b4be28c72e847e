package org.saathi.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.saathi.testing.Api;
import org.saathi.testing.Fixtures;
import org.saathi.testing.SaathiTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * A sender that trickles a request body, a byte every few hundred milliseconds, never trips the
 * per-read timeout; the service must still drop it once the whole body is overdue, before it knows
 * who is sending, and whether or not it reads the body. The bounds here are small so the test
 * takes seconds; the assertions leave a wide margin on a busy machine.
 */
@SaathiTest
@TestPropertySource(properties = {"saathi.request-body.timeout=2s", "server.tomcat.connection-timeout=5s"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SlowBodyTests {

    /** The body timeout, plus one read timeout, plus a wide margin. */
    private static final Duration DROPPED_BEFORE = Duration.ofSeconds(15);

    /** A trickle of 400 bytes at this pace would take two minutes to finish. */
    private static final Duration EVERY = Duration.ofMillis(300);
    private static final int BODY_LENGTH = 400;

    @LocalServerPort
    int port;

    Fixtures fixtures;
    String key;
    String participant;

    @BeforeAll
    void setUp() {
        fixtures = new Fixtures(port);
        key = fixtures.key("ingest");
        participant = fixtures.participant();
    }

    @Test
    void dropsALoginFormWhoseBodyTrickles() throws IOException {
        Dropped dropped = trickle("POST /login HTTP/1.1\r\nContent-Type: application/x-www-form-urlencoded\r\n",
                padded("username=admin&password=x&pad="));

        assertThat(dropped.after()).isLessThan(DROPPED_BEFORE);
        assertThat(dropped.answer()).startsWith("HTTP/1.1 408").contains("application/problem+json");
    }

    @Test
    void refusesAMultipartLoginFormWithoutWaitingForItsBody() throws IOException {
        Dropped dropped = trickle("POST /login HTTP/1.1\r\nContent-Type: multipart/form-data; boundary=x\r\n",
                padded("--x\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n"));

        assertThat(dropped.after()).isLessThan(DROPPED_BEFORE);
        assertThat(dropped.answer()).startsWith("HTTP/1.1 415").contains("urn:saathi:problem:unsupported-media-type");
    }

    @Test
    void refusesALoginFormInACharsetNobodyKnowsWithoutWaitingForItsBody() throws IOException {
        Dropped dropped = trickle("POST /login HTTP/1.1\r\n"
                + "Content-Type: application/x-www-form-urlencoded; charset=no-such-charset\r\n",
                padded("username=admin&password=x&pad="));

        assertThat(dropped.after()).isLessThan(DROPPED_BEFORE);
        assertThat(dropped.answer()).startsWith("HTTP/1.1 415");
    }

    @Test
    void dropsACheckInWhoseBodyTrickles() throws IOException {
        Dropped dropped = trickle("POST /api/v1/check-ins HTTP/1.1\r\nAuthorization: Bearer " + key
                + "\r\nContent-Type: application/json\r\n", padded(checkIn()));

        assertThat(dropped.after()).isLessThan(DROPPED_BEFORE);
        assertThat(dropped.answer()).startsWith("HTTP/1.1 408").contains("urn:saathi:problem:request-timeout");
    }

    @Test
    void doesNotWaitForTheBodyOfARefusedRequest() throws IOException {
        Dropped dropped = trickle("POST /api/v1/check-ins HTTP/1.1\r\nContent-Type: application/json\r\n",
                padded(checkIn()));

        assertThat(dropped.after()).isLessThan(DROPPED_BEFORE);
        assertThat(dropped.answer()).startsWith("HTTP/1.1 401");
    }

    @Test
    void aBodySentAtOnceIsTakenAsAlways() {
        Api.Reply reply = fixtures.anonymous().bearer(key).post("/api/v1/check-ins", checkIn());

        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    }

    /** How long the service took to close the connection, and what it answered before. */
    record Dropped(Duration after, String answer) {
    }

    private Dropped trickle(String head, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout((int) EVERY.toMillis());
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write((head + "Host: 127.0.0.1:" + port + "\r\nContent-Length: " + bytes.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            long start = System.nanoTime();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            for (int sent = 0; sent < bytes.length; sent++) {
                try {
                    int read = in.read(buffer);
                    if (read < 0) {
                        return new Dropped(Duration.ofNanos(System.nanoTime() - start), answer.toString());
                    }
                    answer.write(buffer, 0, read);
                } catch (SocketTimeoutException nothingYet) {
                    // Still open: send the next byte.
                } catch (SocketException reset) {
                    return new Dropped(Duration.ofNanos(System.nanoTime() - start), answer.toString());
                }
                try {
                    out.write(bytes[sent]);
                    out.flush();
                } catch (SocketException closed) {
                    return new Dropped(Duration.ofNanos(System.nanoTime() - start), answer.toString());
                }
            }
            throw new AssertionError("the whole body trickled in, and the connection is still open; it answered: "
                    + answer);
        }
    }

    private String checkIn() {
        return """
                {"participantId": "%s", "recordedAt": "%s", "craving": 2, "mood": 6}"""
                .formatted(participant, Fixtures.ago(2, ChronoUnit.HOURS));
    }

    private static String padded(String start) {
        return start + " ".repeat(BODY_LENGTH - start.length());
    }
}
