package org.saathi.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.saathi.testing.Problems.assertProblem;
import static org.saathi.testing.Problems.fields;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.saathi.security.Caller;
import org.saathi.testing.Api;
import org.saathi.testing.Fixtures;
import org.saathi.testing.HeldTable;
import org.saathi.testing.SaathiTest;
import org.saathi.testing.Waiting;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.JsonNode;

/**
 * What keeps one rule author's backtest from holding the server: a ceiling on the work asked for,
 * one set-up at a time, cancelling by the programme's supervisors and admins, and a bounded wait for
 * a request that waits for the answer, so that a client that hangs up holds the server no longer.
 */
@SaathiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BacktestBoundsTests {

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    @Autowired
    Backtests backtests;

    Fixtures fixtures;
    String programme;
    String supervisor;
    String otherSupervisor;
    String participant;

    @BeforeAll
    void setUp() {
        fixtures = new Fixtures(port);
        programme = fixtures.programme();
        supervisor = fixtures.staffIn(programme, "SUPERVISOR");
        otherSupervisor = fixtures.staffIn(programme, "SUPERVISOR");
        participant = fixtures.participantIn(programme, fixtures.staffIn(programme, "PEER_MENTOR"),
                fixtures.staffIn(programme, "COUNSELLOR"), true);
    }

    @Test
    void refusesABacktestAboveTheCeilingWithTheFiguresBeforeCompilingAnything() throws IOException {
        List<String> many = IntStream.range(0, 10_000).mapToObj(i -> "P-many-" + i).toList();
        String body = request(many, Duration.ofDays(366), "\"step\": \"PT5M\", \"rules\": \"" + broken() + "\"");

        JsonNode problem = assertProblem(fixtures.as(supervisor).post("/api/v1/rules/backtest", body), 422);

        assertThat(problem.path("type").asString()).endsWith("backtest-too-large");
        assertThat(fields(problem)).containsExactly("step");
        assertThat(problem.path("detail").asString())
                .contains("1,054,080,000 evaluations", "10,000 participants", "105,408 steps", "25,000,000");
    }

    @Test
    void theCeilingLetsTheDocumentedProgrammeRunAndRefusesAYearAtFiveMinutes() {
        long ceiling = Long.parseLong(BacktestSettings.DEFAULT_MAX_EVALUATIONS);
        Instant to = Instant.parse("2026-10-30T00:00:00Z");
        ReplayOptions hourly = new ReplayOptions(to.minus(Duration.ofDays(90)), to, Duration.ofHours(1),
                null, ReplayOptions.FactsCount.RECEIVED);
        ReplayOptions yearAtFiveMinutes = new ReplayOptions(to.minus(Duration.ofDays(366)), to,
                Duration.ofMinutes(5), null, ReplayOptions.FactsCount.RECEIVED);

        new Estimate(10_000, hourly.steps()).refuseAbove(ceiling);
        assertThat(new Estimate(10_000, hourly.steps()).evaluations()).isEqualTo(21_600_000);
        assertThat(catchProblem(() -> new Estimate(1_000, yearAtFiveMinutes.steps()).refuseAbove(ceiling)))
                .isNotNull();
    }

    @Test
    void onlyOneBacktestIsSetUpAtATimeSoASecondIsRefusedBeforeItsCandidateCompiles() throws Exception {
        String first = broken();
        String second = broken();
        CyclicBarrier together = new CyclicBarrier(2);

        List<CompletableFuture<Api.Reply>> replies = new ArrayList<>();
        for (String candidate : List.of(first, second)) {
            replies.add(CompletableFuture.supplyAsync(() -> {
                await(together);
                return fixtures.as(supervisor).post("/api/v1/rules/backtest",
                        request(List.of(participant), Duration.ofDays(2), "\"rules\": \"" + candidate + "\""));
            }));
        }

        List<Integer> statuses = new ArrayList<>(replies.stream().map(reply -> reply.join().status()).toList());
        Collections.sort(statuses);
        assertThat(statuses).as("one compiled and was refused for it, the other was turned away first")
                .containsExactly(422, 429);
    }

    @Test
    void supervisorsOfTheProgrammeAndAdminsMayCancelABacktestTheyDidNotStart() {
        String stranger = fixtures.staffIn(fixtures.programme(), "SUPERVISOR");
        try (HeldTable checkIns = HeldTable.hold(dataSource, "check_in")) {
            String location = startHeld();

            assertProblem(fixtures.as(stranger).delete(location), 404);
            assertProblem(fixtures.as(otherSupervisor).get(location), 404);
            Api.Reply cancelled = fixtures.as(otherSupervisor).delete(location);

            assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
            assertThat(cancelled.json().has("result")).isFalse();
            assertThat(fixtures.admin().delete(location).status()).isEqualTo(200);
        }
        assertThat(events(otherSupervisor, "BACKTEST_CANCELLED").get(0).path("target").asString())
                .contains(supervisor);
        waitUntilEnded();
        assertThat(latest().path("state").asString()).isEqualTo("CANCELLED");
    }

    /**
     * A canceller who did not start it may be answered after it finished (it was running when they
     * asked): they get no part of its answer, while the one who started it does.
     */
    @Test
    void anAdminCancellingABacktestThatHasAlreadyFinishedGetsNoResult() {
        String location = startHeld();
        waitUntilEnded();
        Job done = backtests.find(staff(supervisor), UUID.fromString(location.substring(location.lastIndexOf('/') + 1)))
                .orElseThrow();
        assertThat(done.state()).isEqualTo(Job.State.DONE);

        assertThat(BacktestController.JobView.toCanceller(done, staff("admin")).result()).isEmpty();
        assertThat(BacktestController.JobView.toCanceller(done, staff(supervisor)).result()).isPresent();
        assertThat(fixtures.admin().delete(location).body()).doesNotContain("\"result\"");
    }

    private static Caller staff(String id) {
        return new Caller(Caller.Kind.STAFF, id, id, Set.of("ROLE_ADMIN"), Optional.empty());
    }

    @Test
    void aClientThatHangsUpWhileWaitingHasItsBacktestCancelledWhenTheWaitEnds() throws IOException {
        int cancelledBefore = events(supervisor, "BACKTEST_CANCELLED").size();
        try (HeldTable checkIns = HeldTable.hold(dataSource, "check_in")) {
            try (Socket client = new Socket("127.0.0.1", port)) {
                send(client, request(List.of(participant), Duration.ofDays(2), null));
                assertThat(Waiting.until(Duration.ofSeconds(30),
                        () -> latest().path("state").asString().equals("RUNNING"))).isTrue();
            }
            assertThat(Waiting.until(Duration.ofSeconds(40),
                    () -> events(supervisor, "BACKTEST_CANCELLED").size() > cancelledBefore))
                    .as("the backtest is cancelled once the wait of its gone client ends").isTrue();
        }
        waitUntilEnded();
        assertThat(latest().path("state").asString()).isEqualTo("CANCELLED");
        assertThat(events(supervisor, "BACKTEST_CANCELLED").get(0).path("target").asString())
                .contains("the wait for it ended");
    }

    @Test
    void aClientStillWaitingWhenTheWaitEndsIsToldAndTheBacktestCancelled() {
        Api.Reply reply;
        try (HeldTable checkIns = HeldTable.hold(dataSource, "check_in")) {
            reply = fixtures.as(supervisor).post("/api/v1/rules/backtest",
                    request(List.of(participant), Duration.ofDays(2), null));
        }

        JsonNode problem = assertProblem(reply, 503);
        assertThat(problem.path("type").asString()).endsWith("backtest-wait-ended");
        assertThat(problem.path("detail").asString()).contains("respond-async");
        waitUntilEnded();
        assertThat(latest().path("state").asString()).isEqualTo("CANCELLED");
    }

    // --- helpers

    private String startHeld() {
        Api.Reply started = fixtures.as(supervisor).post("/api/v1/rules/backtest",
                request(List.of(participant), Duration.ofDays(2), null), Map.of("Prefer", "respond-async"));
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        return started.header("Location");
    }

    /** A POST written by hand on a plain socket, so that the test can hang up halfway through the wait. */
    private void send(Socket client, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String basic = Base64.getEncoder().encodeToString((supervisor + ":" + Fixtures.STAFF_PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        OutputStream out = client.getOutputStream();
        out.write(("POST /api/v1/rules/backtest HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAuthorization: Basic "
                + basic + "\r\nContent-Type: application/json\r\nContent-Length: " + bytes.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.flush();
    }

    private JsonNode latest() {
        return fixtures.as(supervisor).get("/api/v1/rules/backtest").json().path("backtests").get(0);
    }

    private void waitUntilEnded() {
        assertThat(Waiting.until(Duration.ofSeconds(30), () -> !latest().path("state").asString().equals("RUNNING")))
                .isTrue();
    }

    private List<JsonNode> events(String actor, String action) {
        List<JsonNode> events = new ArrayList<>();
        fixtures.admin().get("/api/v1/audit?actor=" + actor + "&action=" + action).json().path("items")
                .forEach(events::add);
        return events;
    }

    private static String request(List<String> who, Duration period, String more) {
        Instant to = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return """
                {"from": "%s", "to": "%s", "participantIds": ["%s"]%s}""".formatted(to.minus(period), to,
                String.join("\", \"", who), more == null ? "" : ", " + more);
    }

    /** A copy of the rules folder as a candidate, with a rule that does not compile. */
    private static String broken() throws IOException {
        String name = Fixtures.uniqueId("broken");
        Path folder = BacktestApiTests.CANDIDATES.resolve(name);
        Files.createDirectories(BacktestApiTests.CANDIDATES);
        FileSystemUtils.copyRecursively(Path.of("rules"), folder);
        Path drl = folder.resolve("signals/cravings.drl");
        Files.writeString(drl, Files.readString(drl) + "\nrule \"CHK-099 Broken\"\nwhen\n    CheckIn( craving >>> 3 )\n"
                + "then\nend\n");
        return name;
    }

    private static RuntimeException catchProblem(Runnable action) {
        try {
            action.run();
            return null;
        } catch (RuntimeException refused) {
            return refused;
        }
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception interrupted) {
            throw new IllegalStateException(interrupted);
        }
    }
}
