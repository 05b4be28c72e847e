package org.saathi.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.saathi.testing.Api;
import org.saathi.testing.Fixtures;
import org.saathi.testing.SaathiTest;
import org.saathi.testing.TestClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Instances on one database that run different rule-set versions show it. The second instance is
 * a second store on the same database, beating as another instance would.
 */
@SaathiTest
class RuleSetsInUseTests {

    static final String OTHER_VERSION = "0123456789ab";

    @LocalServerPort
    int port;

    @Autowired
    InstanceStore otherInstance;

    @Autowired
    InstanceSettings settings;

    @Autowired
    TestClock clock;

    Fixtures fixtures;

    @BeforeEach
    void setUp() {
        fixtures = new Fixtures(port);
    }

    @AfterEach
    void cleanUp() {
        otherInstance.leave("other");
        clock.reset();
    }

    @Test
    void oneInstanceRunsOneVersion() {
        JsonNode rules = fixtures.admin().get("/api/v1/rules").json();

        assertThat(versions(rules.path("inUse"))).containsExactly(rules.path("version").asString());
        assertThat(rules.path("inUse").path("differ").asBoolean()).isFalse();
        assertThat(rules.path("rules").isArray()).as("the rule set itself is answered as before").isTrue();
    }

    @Test
    void anotherInstanceOnAnotherVersionIsShownInTheRulesAndInReadiness() {
        otherInstance.beat("other", OTHER_VERSION, clock.instant());

        JsonNode rules = fixtures.admin().get("/api/v1/rules").json();
        String own = rules.path("version").asString();
        assertThat(versions(rules.path("inUse"))).containsExactlyInAnyOrder(own, OTHER_VERSION);
        assertThat(rules.path("inUse").path("differ").asBoolean()).isTrue();

        Api.Reply readiness = fixtures.admin().get("/actuator/health/readiness");
        assertThat(readiness.status()).isEqualTo(200);
        JsonNode details = readiness.json().path("components").path("instances").path("details");
        assertThat(details.path("differ").asBoolean()).isTrue();
        assertThat(details.path("warning").asString()).contains(OTHER_VERSION).contains(own);
        assertThat(details.path("instances").size()).isEqualTo(2);
    }

    @Test
    void anInstanceThatStopsBeatingIsForgottenAfterItsLease() {
        otherInstance.beat("other", OTHER_VERSION, clock.instant());
        clock.advance(settings.lease().plus(Duration.ofSeconds(1)));

        JsonNode inUse = fixtures.admin().get("/api/v1/rules").json().path("inUse");

        assertThat(versions(inUse)).doesNotContain(OTHER_VERSION).hasSize(1);
        assertThat(inUse.path("differ").asBoolean()).isFalse();
    }

    @Test
    void readinessDetailsAreForAdminsOnly() {
        otherInstance.beat("other", OTHER_VERSION, clock.instant());

        Api.Reply readiness = fixtures.anonymous().get("/actuator/health/readiness");

        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.body()).doesNotContain(OTHER_VERSION);
    }

    private static List<String> versions(JsonNode inUse) {
        List<String> versions = new ArrayList<>();
        inUse.path("versions").forEach(version -> versions.add(version.asString()));
        return versions;
    }
}
