package org.saathi.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.saathi.testing.Problems.assertProblem;

import java.net.http.HttpRequest;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.saathi.testing.Api;
import org.saathi.testing.SaathiTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * A form's fields are read by the service itself (see {@link LimitedRequest}), so what the server
 * would refuse in a form, the service refuses too, before anyone has signed in: a charset it cannot
 * read, or more fields than the server takes.
 */
@SaathiTest
class FormFieldsTests {

    @LocalServerPort
    int port;

    @Test
    void refusesALoginFormInACharsetNobodyKnows() {
        for (String charset : new String[] {"no-such-charset", "\"utf 8\""}) {
            Api.Reply reply = login("application/x-www-form-urlencoded; charset=" + charset,
                    "username=admin&password=x");

            JsonNode problem = assertProblem(reply, 415);
            assertThat(problem.path("detail").asString()).contains("charset").contains("UTF-8");
        }
    }

    @Test
    void refusesAnApiBodyInACharsetNobodyKnows() {
        Api.Reply reply = Api.anonymous(port).send("POST", "/api/v1/check-ins",
                "application/json; charset=no-such-charset", HttpRequest.BodyPublishers.ofString("{}"), Map.of());

        assertProblem(reply, 415);
    }

    @Test
    void refusesALoginFormWithMoreFieldsThanTheServerTakes() {
        Api.Reply reply = login("application/x-www-form-urlencoded",
                "username=admin&password=x" + "&a=1".repeat(999));

        JsonNode problem = assertProblem(reply, 400);
        assertThat(problem.path("detail").asString()).contains("1000 fields");
    }

    @Test
    void countsTheQueryFieldsAgainstTheSameCap() {
        Api.Reply reply = Api.anonymous(port).send("POST", "/login?a=1&b=2", "application/x-www-form-urlencoded",
                HttpRequest.BodyPublishers.ofString("username=admin&password=x" + "&a=1".repeat(997)), Map.of());

        assertProblem(reply, 400);
    }

    @Test
    void takesALoginFormWithAsManyFieldsAsTheServerTakes() {
        Api.Reply reply = login("application/x-www-form-urlencoded",
                "username=admin&password=x" + "&a=1".repeat(998));

        assertThat(reply.status()).as(reply.toString()).isNotIn(400, 415, 500);
    }

    private Api.Reply login(String contentType, String body) {
        return Api.anonymous(port).send("POST", "/login", contentType, HttpRequest.BodyPublishers.ofString(body),
                Map.of());
    }
}
