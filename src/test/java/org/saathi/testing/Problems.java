package org.saathi.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

/** Assertions on RFC 9457 answers. */
public final class Problems {

    private Problems() {
    }

    /** A problem+json answer with this status, a stable type, and no internals. */
    public static JsonNode assertProblem(Api.Reply reply, int status) {
        assertThat(reply.status()).as("status of %s", reply).isEqualTo(status);
        assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
        assertThat(reply.body()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("org.saathi");
        JsonNode problem = reply.json();
        assertThat(problem.path("type").asString()).startsWith("urn:saathi:problem:");
        assertThat(problem.path("title").asString()).isNotBlank();
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("detail").asString()).isNotBlank();
        return problem;
    }

    /** A 400 whose {@code errors} name this field. */
    public static JsonNode assertInvalidField(Api.Reply reply, String field) {
        JsonNode problem = assertProblem(reply, 400);
        assertThat(fields(problem)).as("fields named by %s", reply).contains(field);
        return problem;
    }

    public static List<String> fields(JsonNode problem) {
        List<String> fields = new ArrayList<>();
        problem.path("errors").forEach(error -> fields.add(error.path("field").asString()));
        return fields;
    }
}
