package org.saathi.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.saathi.testing.SaathiTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** By default no proxy is trusted: what a request says about where it came from is not believed. */
@SaathiTest
class ForwardedHeadersTests {

    @LocalServerPort
    int port;

    @Test
    void forgedForwardedForFromTheLocalMachineDoesNotReachTheAuditLog() throws Exception {
        String address = new ForgedForwarding(port).auditedAddressOfAForgedView();

        assertThat(address).isEqualTo("127.0.0.1");
    }

    @Test
    void forgedForwardedHostFromTheLocalMachineDoesNotReachARedirect() throws Exception {
        String location = new ForgedForwarding(port).redirectOfAForgedHost();

        assertThat(location).doesNotContain(ForgedForwarding.FORGED_HOST).contains("/login");
    }
}
