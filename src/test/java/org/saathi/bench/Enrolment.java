package org.saathi.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.saathi.testing.Api;

/**
 * The programme the ingest load is posted to, made through the API as an integration would: an
 * ingest key, peer mentors and counsellors (reached through the log channel, since the run has no
 * SMTP server), and participants shared among them, each consenting to share with their mentor.
 */
record Enrolment(String key, List<String> participants) {

    private static final int MENTORS = 40;
    private static final int COUNSELLORS = 20;

    static Enrolment create(int port, int participantCount, int clients) throws Exception {
        Api admin = Api.anonymous(port).basic("admin", ServiceProcess.ADMIN_PASSWORD);
        Api.Reply created = admin.post("/api/v1/api-keys", """
                {"name": "benchmark load", "scopes": ["ingest", "roster"]}""");
        expect(created, 201, "create the ingest key");
        String key = created.json().path("key").asString();
        for (int i = 0; i < MENTORS; i++) {
            staff(admin, "bench-mentor-" + i, "PEER_MENTOR");
        }
        for (int i = 0; i < COUNSELLORS; i++) {
            staff(admin, "bench-counsellor-" + i, "COUNSELLOR");
        }
        Api roster = Api.anonymous(port).bearer(key);
        List<String> participants = new ArrayList<>();
        for (int i = 0; i < participantCount; i++) {
            participants.add("BP-%06d".formatted(i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> puts = new ArrayList<>();
            for (int i = 0; i < participantCount; i++) {
                int n = i;
                puts.add(pool.submit(() -> expect(roster.put("/api/v1/participants/" + participants.get(n), """
                        {"displayName": "B.", "peerMentorId": "bench-mentor-%d", "counsellorId": "bench-counsellor-%d",
                         "consent": {"shareWithPeerMentor": true}}""".formatted(n % MENTORS, n % COUNSELLORS)),
                        201, "create a participant")));
            }
            for (Future<?> put : puts) {
                put.get();
            }
        } finally {
            pool.shutdown();
        }
        return new Enrolment(key, List.copyOf(participants));
    }

    private static void staff(Api admin, String id, String role) {
        expect(admin.put("/api/v1/staff/" + id, """
                {"name": "%s", "roles": ["%s"], "channels": ["LOG"]}""".formatted(id, role)), 201, "create staff");
    }

    private static Api.Reply expect(Api.Reply reply, int status, String what) {
        if (reply.status() != status) {
            throw new IllegalStateException("could not " + what + ": " + reply);
        }
        return reply;
    }
}
