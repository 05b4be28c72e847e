package org.saathi.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.saathi.testing.Problems.assertProblem;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.saathi.SaathiApplication;
import org.saathi.testing.Api;
import org.saathi.testing.Fixtures;
import org.saathi.testing.HeldTable;
import org.saathi.testing.SaathiTest;
import org.saathi.testing.TestClock;
import org.saathi.testing.TestServers;
import org.saathi.testing.Waiting;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Two instances of the service on one database behave as one for backtests, with no sticky
 * sessions: a backtest started on one is followed, answered and cancelled through the other, one
 * runs at a time on both together, one whose instance stops beating is taken over as failed, and
 * finished ones are forgotten on both. The first instance is the test's own; the second is started
 * beside it on the same database, which the first has migrated.
 */
@SaathiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BacktestInstancesTests {

    static final String BACKTESTS = "/api/v1/rules/backtest";

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    @Autowired
    BacktestSettings settings;

    ConfigurableApplicationContext other;
    TestClock otherClock;
    Fixtures first;
    Fixtures second;
    String programme;
    String participant;

    @BeforeAll
    void startTheSecondInstance() {
        HikariDataSource database = (HikariDataSource) dataSource;
        other = new SpringApplicationBuilder(SaathiApplication.class, TestClock.Config.class)
                .initializers(new TestServers()).profiles("test")
                .run("--server.port=0", "--spring.datasource.url=" + database.getJdbcUrl(),
                        "--spring.datasource.username=" + database.getUsername(),
                        "--spring.datasource.password=" + database.getPassword(), "--spring.flyway.enabled=false");
        otherClock = other.getBean(TestClock.class);
        first = new Fixtures(port);
        second = new Fixtures(Integer.parseInt(other.getEnvironment().getRequiredProperty("local.server.port")));
        programme = first.programme();
        participant = first.participantIn(programme, first.staffIn(programme, "PEER_MENTOR"),
                first.staffIn(programme, "COUNSELLOR"), true);
    }

    @AfterAll
    void stopTheSecondInstance() {
        other.close();
    }

    @AfterEach
    void backToNow() {
        otherClock.reset();
    }

    @Test
    void aBacktestStartedOnOneInstanceIsFollowedAndCancelledOnTheOtherAndOneRunsAtATimeOnBoth() {
        String supervisor = first.staffIn(programme, "SUPERVISOR");
        String location;
        // The backtest waits to read check-ins while they are held: it is running on the first, at a known point.
        try (HeldTable checkIns = HeldTable.hold(dataSource, "check_in")) {
            location = startAsync(first, supervisor);

            JsonNode followed = second.as(supervisor).get(location).json();
            assertThat(followed.path("state").asString()).isEqualTo("RUNNING");
            assertThat(followed.path("participants").asInt()).isOne();
            JsonNode busy = assertProblem(second.as(supervisor).post(BACKTESTS, request()), 429);
            assertThat(busy.path("type").asString()).endsWith("backtest-busy");
            assertThat(busy.path("detail").asString()).contains("still running");
            Api.Reply cancelled = second.as(supervisor).delete(location);
            assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        }
        JsonNode ended = ended(second, supervisor, location);
        assertThat(ended.path("state").asString()).isEqualTo("CANCELLED");
        assertThat(ended.path("done").asInt()).as("the first instance stopped before replaying anyone").isZero();
        assertThat(first.as(supervisor).get(location).json().path("state").asString()).isEqualTo("CANCELLED");

        Api.Reply ran = second.as(supervisor).post(BACKTESTS, request());
        assertThat(ran.status()).as("the place is free again on both: %s", ran).isEqualTo(200);
        JsonNode answered = first.as(supervisor).get(ran.header("Content-Location")).json();
        assertThat(answered.path("state").asString()).isEqualTo("DONE");
        assertThat(answered.path("result")).isEqualTo(ran.json());
    }

    @Test
    void aBacktestWhoseInstanceStopsBeatingIsTakenOverAsFailedAndHoldsThePlaceNoLonger() {
        String supervisor = first.staffIn(programme, "SUPERVISOR");
        String stalled;
        String next;
        try (HeldTable checkIns = HeldTable.hold(dataSource, "check_in")) {
            stalled = startAsync(first, supervisor);
            assertProblem(second.as(supervisor).post(BACKTESTS, request()), 429);

            // To the second instance, the first's beats are now older than the lease: it has stopped or died.
            otherClock.advance(settings.lease().plusSeconds(5));
            next = startAsync(second, supervisor);

            JsonNode failed = second.as(supervisor).get(stalled).json();
            assertThat(failed.path("state").asString()).isEqualTo("FAILED");
            assertThat(failed.path("failure").asString()).contains("stopped answering");
            assertThat(second.as(supervisor).delete(next).status()).isEqualTo(200);
        }
        assertThat(ended(second, supervisor, next).path("state").asString()).isEqualTo("CANCELLED");
        assertThat(first.as(supervisor).get(stalled).json().path("state").asString())
                .as("the first instance, finding its backtest taken over, leaves it as it was left")
                .isEqualTo("FAILED");
    }

    @Test
    void aFinishedBacktestIsForgottenOnEveryInstanceOnceItsTimeIsUp() {
        String supervisor = first.staffIn(programme, "SUPERVISOR");
        Api.Reply ran = first.as(supervisor).post(BACKTESTS, request());
        assertThat(ran.status()).as(ran.toString()).isEqualTo(200);
        String location = ran.header("Content-Location");
        assertThat(second.as(supervisor).get(location).status()).isEqualTo(200);

        otherClock.advance(settings.keep().plusMinutes(1));

        assertProblem(second.as(supervisor).get(location), 404);
        assertThat(Waiting.until(Duration.ofSeconds(10), () -> first.as(supervisor).get(location).status() == 404))
                .as("the second instance deleted it for both").isTrue();
    }

    @Test
    void onlyTheNewestFinishedBacktestsOfEachPersonAreKeptWhicheverInstanceRanThem() {
        String supervisor = first.staffIn(programme, "SUPERVISOR");
        List<String> locations = new ArrayList<>();
        for (int i = 0; i <= settings.kept(); i++) {
            Api.Reply ran = (i % 2 == 0 ? first : second).as(supervisor).post(BACKTESTS, request());
            assertThat(ran.status()).as(ran.toString()).isEqualTo(200);
            locations.add(ran.header("Content-Location"));
        }

        JsonNode kept = second.as(supervisor).get(BACKTESTS).json().path("backtests");

        assertThat(kept.size()).isEqualTo(settings.kept());
        assertThat(BACKTESTS + "/" + kept.get(0).path("id").asString()).isEqualTo(locations.get(settings.kept()));
        assertProblem(first.as(supervisor).get(locations.get(0)), 404);
    }

    // --- helpers

    private String startAsync(Fixtures instance, String supervisor) {
        Api.Reply started = instance.as(supervisor).post(BACKTESTS, request(), Map.of("Prefer", "respond-async"));
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        return started.header("Location");
    }

    private static JsonNode ended(Fixtures instance, String supervisor, String location) {
        assertThat(Waiting.until(Duration.ofSeconds(30),
                () -> !instance.as(supervisor).get(location).json().path("state").asString().equals("RUNNING")))
                .isTrue();
        return instance.as(supervisor).get(location).json();
    }

    private String request() {
        Instant to = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return """
                {"from": "%s", "to": "%s", "participantIds": ["%s"]}""".formatted(to.minus(Duration.ofDays(2)), to,
                participant);
    }
}
