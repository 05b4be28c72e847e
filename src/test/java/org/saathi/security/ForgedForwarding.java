package org.saathi.security;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import org.saathi.testing.Api;
import org.saathi.testing.Fixtures;
import tools.jackson.databind.JsonNode;

/**
 * Requests from 127.0.0.1 that claim, in X-Forwarded-* headers, to have come through a proxy from
 * elsewhere; and what of that claim reached the audit log and a redirect.
 */
final class ForgedForwarding {

    static final String FORGED_CLIENT = "203.0.113.9";
    static final String FORGED_HOST = "saathi.attacker.example";

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final int port;
    private final Fixtures fixtures;

    ForgedForwarding(int port) {
        this.port = port;
        this.fixtures = new Fixtures(port);
    }

    /** A staff member views a participant with a forged client address; answers the address the audit log kept. */
    String auditedAddressOfAForgedView() throws IOException, InterruptedException {
        String counsellor = fixtures.staff("COUNSELLOR");
        String participant = fixtures.participant(fixtures.staff("PEER_MENTOR"), counsellor, true);
        String credentials = Base64.getEncoder()
                .encodeToString((counsellor + ":" + Fixtures.STAFF_PASSWORD).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> view = send(HttpRequest.newBuilder(local("/api/v1/participants/" + participant))
                .header("Authorization", "Basic " + credentials));
        if (view.statusCode() != 200) {
            throw new IllegalStateException("view failed: " + view.statusCode() + " " + view.body());
        }
        Api.Reply audit = fixtures.admin().get("/api/v1/audit?participantId=" + participant + "&actor=" + counsellor);
        JsonNode newest = audit.json().path("items").get(0);
        return newest.path("remoteAddress").asString();
    }

    /** The Location of the sign-in redirect answered to a page request with a forged host. */
    String redirectOfAForgedHost() throws IOException, InterruptedException {
        HttpResponse<String> redirect = send(HttpRequest.newBuilder(local("/alerts")));
        return redirect.headers().firstValue("Location").orElseThrow();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return CLIENT.send(request.header("X-Forwarded-For", FORGED_CLIENT)
                .header("X-Forwarded-Host", FORGED_HOST)
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI local(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
