package org.saathi.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.saathi.testing.Api;
import org.saathi.testing.CareTeam;
import org.saathi.testing.Fixtures;
import org.saathi.testing.SaathiTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Retries and duplicates arrive at the same moment in real life: the database must decide. */
@SaathiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConcurrentIngestTests {

    private static final int RACERS = 8;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Fixtures fixtures;
    CareTeam team;
    ExecutorService threads;

    @BeforeAll
    void setUp() {
        fixtures = new Fixtures(port);
        team = CareTeam.of(fixtures);
        threads = Executors.newFixedThreadPool(RACERS);
    }

    @AfterAll
    void tearDown() {
        threads.shutdownNow();
    }

    @Test
    void racingRepeatsOfOneCheckInStoreItOnce() throws Exception {
        String participant = team.participant();
        String body = CheckInIngestTests.checkIn(participant, Fixtures.now());

        List<Api.Reply> replies = race(() -> team.ingest().post("/api/v1/check-ins", body));

        assertThat(replies).extracting(Api.Reply::status).containsOnly(201, 200);
        assertThat(replies).filteredOn(reply -> reply.status() == 201).hasSize(1);
        assertThat(replies.stream().map(reply -> reply.json().path("id").asString()).distinct()).hasSize(1);
        assertThat(stored(participant)).isOne();
    }

    @Test
    void racingRetriesWithOneIdempotencyKeyGetOneAnswer() throws Exception {
        String participant = team.participant();
        String body = CheckInIngestTests.checkIn(participant, Fixtures.now());
        Map<String, String> key = Map.of("Idempotency-Key", Fixtures.uniqueId("retry"));

        List<Api.Reply> replies = race(() -> team.ingest().post("/api/v1/check-ins", body, key));

        assertThat(replies).extracting(Api.Reply::status).containsOnly(201);
        assertThat(replies.stream().map(Api.Reply::json).distinct()).hasSize(1);
        assertThat(stored(participant)).isOne();
    }

    @Test
    void batchesNamingTheSameParticipantsInOppositeOrderBothLand() throws Exception {
        List<String> participants = IntStream.range(0, 6)
                .mapToObj(i -> team.participant()).toList();
        List<Supplier<Api.Reply>> batches = new ArrayList<>();
        for (int racer = 0; racer < RACERS; racer++) {
            List<String> order = new ArrayList<>(participants);
            if (racer % 2 == 1) {
                java.util.Collections.reverse(order);
            }
            String at = Fixtures.ago(racer + 1L, ChronoUnit.MINUTES);
            String items = order.stream().map(p -> CheckInIngestTests.checkIn(p, at)).collect(Collectors.joining(","));
            batches.add(() -> team.ingest().post("/api/v1/check-ins/batch", "{\"items\": [" + items + "]}"));
        }

        List<Api.Reply> replies = raceAll(batches);

        assertThat(replies).extracting(Api.Reply::status).containsOnly(200);
        for (String participant : participants) {
            assertThat(stored(participant)).isEqualTo(RACERS);
        }
    }

    private List<Api.Reply> race(Supplier<Api.Reply> request) throws Exception {
        List<Supplier<Api.Reply>> same = new ArrayList<>();
        for (int i = 0; i < RACERS; i++) {
            same.add(request);
        }
        return raceAll(same);
    }

    private List<Api.Reply> raceAll(List<Supplier<Api.Reply>> requests) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Api.Reply>> futures = new ArrayList<>();
        for (Supplier<Api.Reply> request : requests) {
            futures.add(threads.submit(() -> {
                start.await();
                return request.get();
            }));
        }
        start.countDown();
        List<Api.Reply> replies = new ArrayList<>();
        for (Future<Api.Reply> future : futures) {
            replies.add(future.get());
        }
        return replies;
    }

    private int stored(String participantId) {
        return jdbc.sql("SELECT count(*) FROM check_in WHERE participant_id = :p").param("p", participantId)
                .query(Integer.class).single();
    }
}
