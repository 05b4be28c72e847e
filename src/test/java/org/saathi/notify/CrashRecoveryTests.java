package org.saathi.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.saathi.SaathiApplication;
import org.saathi.testing.Api;
import org.saathi.testing.Fixtures;
import org.saathi.testing.TestMail;
import org.saathi.testing.Waiting;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The service killed (SIGKILL, no shutdown) after alerts were committed but before their
 * notifications were delivered: the next instance delivers every one, and sends none again that
 * was delivered before the kill.
 */
class CrashRecoveryTests {

    private static final String CHILD_ADMIN_PASSWORD = "crash-test-password";

    @Test
    void committedNotificationsSurviveAKillAndDeliveredOnesAreNotRepeated() throws Exception {
        try (EmbeddedPostgres database = EmbeddedPostgres.builder().start()) {
            String url = database.getJdbcUrl("postgres", "postgres");
            JdbcClient jdbc = JdbcClient.create(database.getPostgresDatabase());
            int port = freePort();
            Process first = startChild(url, port);
            List<String> deliveredBefore;
            String pendingAlert;
            try {
                waitUntilUp(port);
                Fixtures fixtures = new FixturesWithPassword(port);
                Api ingest = fixtures.integration("ingest");
                String mentor = fixtures.staff("PEER_MENTOR");
                String counsellor = fixtures.staff("COUNSELLOR");

                String deliveredAlert = raise(ingest, fixtures.participant(mentor, counsellor, true));
                assertThat(Waiting.until(Duration.ofSeconds(20), () -> states(jdbc, deliveredAlert).equals(List.of("SENT"))))
                        .isTrue();
                deliveredBefore = ids(jdbc, deliveredAlert);

                TestMail.stop();
                pendingAlert = raise(ingest, fixtures.participant(mentor, counsellor, true));
                assertThat(Waiting.until(Duration.ofSeconds(20), () -> attempted(jdbc, pendingAlert))).isTrue();
            } finally {
                first.destroyForcibly().waitFor();
                TestMail.start();
            }

            try (ConfigurableApplicationContext second = startInProcess(url)) {
                assertThat(Waiting.until(Duration.ofSeconds(30), () -> states(jdbc, pendingAlert).equals(List.of("SENT"))))
                        .as("states %s", states(jdbc, pendingAlert)).isTrue();
                List<String> received = Arrays.stream(TestMail.received()).map(CrashRecoveryTests::messageId).toList();
                for (String id : ids(jdbc, pendingAlert)) {
                    assertThat(received.stream().filter(("<" + id + "@saathi.local>")::equals)).hasSize(1);
                }
                for (String id : deliveredBefore) {
                    assertThat(received).doesNotContain("<" + id + "@saathi.local>");
                }
            }
        }
    }

    private static String raise(Api ingest, String participant) {
        Api.Reply reply = ingest.post("/api/v1/check-ins", """
                {"participantId": "%s", "recordedAt": "%s", "craving": 9, "mood": 6}"""
                .formatted(participant, Fixtures.ago(1, ChronoUnit.HOURS)));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply.json().path("alerts").get(0).path("id").asString();
    }

    private static Process startChild(String url, int port) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-cp", classpath,
                SaathiApplication.class.getName()));
        command.addAll(arguments(url, port));
        File log = Path.of("target", "crash-recovery-child.log").toFile();
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
    }

    private static ConfigurableApplicationContext startInProcess(String url) {
        return new SpringApplicationBuilder(SaathiApplication.class)
                .run(arguments(url, 0).toArray(String[]::new));
    }

    private static List<String> arguments(String url, int port) {
        return List.of("--spring.datasource.url=" + url, "--server.port=" + port,
                "--saathi.admin-password=" + CHILD_ADMIN_PASSWORD, "--spring.mail.host=127.0.0.1",
                "--spring.mail.port=" + TestMail.port(), "--saathi.notify.first-retry=1s",
                "--saathi.notify.poll=200ms", "--saathi.sweep.enabled=false",
                "--saathi.rules.directory=" + Path.of("rules").toAbsolutePath());
    }

    private static void waitUntilUp(int port) {
        Api anonymous = Api.anonymous(port);
        boolean up = Waiting.until(Duration.ofSeconds(90), () -> {
            try {
                return anonymous.get("/actuator/health").status() == 200;
            } catch (IllegalStateException notYet) {
                return false;
            }
        });
        assertThat(up).as("the first instance started; see target/crash-recovery-child.log").isTrue();
    }

    private static List<String> states(JdbcClient jdbc, String alert) {
        return jdbc.sql("SELECT DISTINCT state FROM notification WHERE alert_id = CAST(:a AS uuid)")
                .param("a", alert).query(String.class).list();
    }

    private static boolean attempted(JdbcClient jdbc, String alert) {
        return jdbc.sql("""
                        SELECT count(*) > 0 AND bool_and(attempts >= 1 AND state = 'PENDING')
                        FROM notification WHERE alert_id = CAST(:a AS uuid)""")
                .param("a", alert).query(Boolean.class).single();
    }

    private static List<String> ids(JdbcClient jdbc, String alert) {
        return jdbc.sql("SELECT id::text FROM notification WHERE alert_id = CAST(:a AS uuid)")
                .param("a", alert).query(String.class).list();
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String messageId(MimeMessage message) {
        try {
            return message.getMessageID();
        } catch (MessagingException unreadable) {
            return "";
        }
    }

    /** The fixtures, logging in with this test's own admin password. */
    private static final class FixturesWithPassword extends Fixtures {

        FixturesWithPassword(int port) {
            super(port);
        }

        @Override
        public Api admin() {
            return anonymous().basic("admin", CHILD_ADMIN_PASSWORD);
        }
    }
}
