package org.saathi.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.saathi.testing.SaathiTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/** A proxy named in the configuration is believed: the audit log has the client's address, not the proxy's. */
@SaathiTest
@TestPropertySource(properties = "server.tomcat.remoteip.internal-proxies=127\\.0\\.0\\.1")
class TrustedProxyTests {

    @LocalServerPort
    int port;

    @Test
    void forwardedForFromAConfiguredProxyReachesTheAuditLog() throws Exception {
        String address = new ForgedForwarding(port).auditedAddressOfAForgedView();

        assertThat(address).isEqualTo(ForgedForwarding.FORGED_CLIENT);
    }

    @Test
    void forwardedHostFromAConfiguredProxyReachesARedirect() throws Exception {
        String location = new ForgedForwarding(port).redirectOfAForgedHost();

        assertThat(location).contains(ForgedForwarding.FORGED_HOST);
    }
}
