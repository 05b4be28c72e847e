package org.saathi.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.saathi.SaathiApplication;
import org.saathi.testing.Api;
import org.saathi.testing.Fixtures;
import org.saathi.testing.TestMail;
import org.saathi.testing.Waiting;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Alert committed → message accepted by the SMTP server, over 1,000 alerts raised one after another
 * through the API, each e-mailed to one peer mentor. The start is the alert's raise time, taken
 * inside the transaction that commits it; the end is when the SMTP server accepted the message.
 * A benchmark, not a test: it prints figures.
 *
 * <pre>mvn -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=org.saathi.notify.DeliveryLatencyBenchmark</pre>
 */
public final class DeliveryLatencyBenchmark {

    private static final int ALERTS = 1_000;

    public static void main(String[] args) throws Exception {
        int alerts = args.length > 0 ? Integer.parseInt(args[0]) : ALERTS;
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(SaathiApplication.class).run(
                "--saathi.embedded-database.ephemeral=true", "--server.port=0",
                "--saathi.admin-password=benchmark-password", "--spring.mail.host=127.0.0.1",
                "--spring.mail.port=" + TestMail.port(), "--saathi.sweep.enabled=false",
                "--logging.level.org.saathi=WARN")) {
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            JdbcClient jdbc = app.getBean(JdbcClient.class);
            Fixtures fixtures = new Fixtures(port) {
                @Override
                public Api admin() {
                    return anonymous().basic("admin", "benchmark-password");
                }
            };
            String mentor = fixtures.staff("PEER_MENTOR");
            String counsellor = fixtures.staff("COUNSELLOR");
            Api roster = fixtures.integration("roster");
            Api ingest = fixtures.integration("ingest");
            List<String> participants = new ArrayList<>();
            for (int i = 0; i < alerts; i++) {
                String id = "BENCH-" + i;
                roster.put("/api/v1/participants/" + id, """
                        {"displayName": "B.", "peerMentorId": "%s", "counsellorId": "%s",
                         "consent": {"shareWithPeerMentor": true}}""".formatted(mentor, counsellor));
                participants.add(id);
            }
            long started = System.nanoTime();
            for (String participant : participants) {
                Api.Reply reply = ingest.post("/api/v1/check-ins", """
                        {"participantId": "%s", "recordedAt": "%s", "craving": 9, "mood": 5}"""
                        .formatted(participant, Instant.now().minusSeconds(60)));
                if (reply.status() != 201 || reply.json().path("alerts").size() != 1) {
                    throw new IllegalStateException("expected one alert: " + reply);
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            boolean delivered = Waiting.until(Duration.ofMinutes(2), () -> jdbc.sql(
                    "SELECT count(*) FROM notification WHERE state = 'SENT' AND staff_id = :m")
                    .param("m", mentor).query(Integer.class).single() == participants.size());
            List<Double> latencies = jdbc.sql("""
                            SELECT extract(epoch FROM n.sent_at - a.raised_at) * 1000 FROM notification n
                            JOIN alert a ON a.id = n.alert_id WHERE n.staff_id = :m AND n.state = 'SENT'
                            ORDER BY 1""")
                    .param("m", mentor).query(Double.class).list();
            System.out.printf("%d alerts raised over the API in %.1f s (%.0f per second), all delivered: %s%n",
                    participants.size(), seconds, participants.size() / seconds, delivered);
            System.out.printf("alert committed -> SMTP accepted: p50 %.0f ms, p95 %.0f ms, p99 %.0f ms, max %.0f ms "
                            + "(%d messages received by the SMTP server)%n",
                    percentile(latencies, 50), percentile(latencies, 95), percentile(latencies, 99),
                    latencies.get(latencies.size() - 1), TestMail.received().length);
        } finally {
            TestMail.stop();
        }
    }

    static double percentile(List<Double> sorted, double percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }

    private DeliveryLatencyBenchmark() {
    }
}
