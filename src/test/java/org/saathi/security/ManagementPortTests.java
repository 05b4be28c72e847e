package org.saathi.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.saathi.testing.Api;
import org.saathi.testing.SaathiTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/** With a separate management port, metrics are read there without a login, and still need one on the main port. */
@SaathiTest
@TestPropertySource(properties = "management.server.port=0")
class ManagementPortTests {

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Test
    void metricsOnTheManagementPortNeedNoLogin() {
        Api.Reply metrics = Api.anonymous(managementPort).get("/actuator/prometheus");

        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("saathi_outbox_backlog");
    }

    @Test
    void metricsOnTheMainPortStillNeedALogin() {
        assertThat(Api.anonymous(port).get("/actuator/prometheus").status()).isIn(401, 404);
        assertThat(Api.anonymous(port).get("/api/v1/alerts").status()).isEqualTo(401);
    }
}
