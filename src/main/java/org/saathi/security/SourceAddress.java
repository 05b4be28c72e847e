package org.saathi.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Where a login comes from, as failed logins are counted. An IPv6 address counts by its /64
 * network: one machine is handed a whole /64 and could otherwise try from a new address each time.
 */
final class SourceAddress {

    private SourceAddress() {
    }

    static String of(HttpServletRequest request) {
        String address = request.getRemoteAddr();
        if (address == null || address.indexOf(':') < 0) {
            return address == null ? "unknown" : address;
        }
        try {
            // A literal address is parsed, never looked up.
            byte[] bytes = InetAddress.getByName(address).getAddress();
            if (bytes.length != 16) {
                return address;
            }
            Arrays.fill(bytes, 8, 16, (byte) 0);
            return InetAddress.getByAddress(bytes).getHostAddress() + "/64";
        } catch (UnknownHostException notALiteral) {
            return address;
        }
    }
}
