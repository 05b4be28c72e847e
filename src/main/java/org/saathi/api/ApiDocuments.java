package org.saathi.api;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The API's own description at {@code /v3/api-docs} (and Swagger UI): what it is, and the problem
 * answers every endpoint shares, written once here rather than on every method. Features declare
 * only the refusals that are theirs (a 404, 409 or 422 with its reason); this fills in their shape.
 */
@Configuration(proxyBeanMethods = false)
public class ApiDocuments {

    /** The schema of every problem answer; {@code errors} is there for validation problems. */
    public static final String PROBLEM = "ProblemDetail";

    /** A rule set that does not compile: its {@code errors} name a file and line instead of a field. */
    public static final String RULE_SET_PROBLEM = "RuleSetProblemDetail";

    public static final String PROBLEM_JSON = "application/problem+json";

    private static final String DESCRIPTION = """
            Saathi is a rule-based relapse early-warning engine for addiction-recovery programmes. \
            Integrations post check-ins, attendance, screenings and peer concerns; rule sets turn them into \
            alerts for the participant's peer mentor and counsellor, and for a supervisor when nobody responds \
            in time.

            Staff sign in with HTTP Basic (staff id and password); integrations send \
            `Authorization: Bearer <key>` with a key an admin created. Each operation says which of the two it \
            takes, and which roles or key scopes.

            Every refusal is an RFC 9457 problem (`application/problem+json`) with a stable `type` \
            (`urn:saathi:problem:*`) that integrations may switch on; validation problems list each field in \
            `errors: [{field, message}]`.""";

    @Bean
    OpenAPI saathiApi() {
        return new OpenAPI()
                .info(new Info().title("Saathi API").version("v1").description(DESCRIPTION));
    }

    /**
     * Gives every operation the problems that the shared machinery may answer: 400 for a bad
     * parameter or body, 408 and 413 for a body too slow or too large, 415 for a change not sent as
     * JSON; and gives a problem body to any refusal a feature declared without one.
     */
    @Bean
    OpenApiCustomizer sharedProblems() {
        return api -> {
            // Here rather than on the OpenAPI bean: the document's schemas are the ones found on the endpoints.
            api.getComponents()
                    .addSchemas(PROBLEM, problemSchema(fieldProblems()))
                    .addSchemas(RULE_SET_PROBLEM, problemSchema(ruleSetProblems()));
            api.getPaths().values().forEach(path -> path.readOperationsMap().forEach(ApiDocuments::shared));
        };
    }

    private static void shared(PathItem.HttpMethod method, Operation operation) {
        ApiResponses responses = operation.getResponses();
        boolean body = operation.getRequestBody() != null;
        boolean change = method == PathItem.HttpMethod.POST || method == PathItem.HttpMethod.PUT
                || method == PathItem.HttpMethod.PATCH;
        boolean parameters = operation.getParameters() != null && !operation.getParameters().isEmpty();
        if (body || parameters) {
            responses.putIfAbsent("400", problem(body
                    ? "The body or a parameter is invalid: a missing or unknown field, a value out of range, an "
                            + "unknown enum value, malformed JSON. `errors` names each field."
                    : "A parameter is invalid; `errors` names it."));
        }
        if (body) {
            responses.putIfAbsent("408", problem("The body did not arrive in full within the time allowed."));
            responses.putIfAbsent("413", problem("The body is larger than 1 MiB."));
        }
        if (body || change) {
            responses.putIfAbsent("415", problem("The body is not `application/json`: every change is sent as "
                    + "JSON, `{}` when there is nothing more to say."));
        }
        // A refusal a feature declares comes with the method's return type as its body; it is a problem.
        responses.forEach((status, response) -> {
            if (status.startsWith("4") && response.get$ref() == null && (response.getContent() == null
                    || !response.getContent().containsKey(PROBLEM_JSON))) {
                response.setContent(problemContent(PROBLEM));
            }
        });
        // The framework's own answer for an unexpected failure; never internals, always this shape.
        responses.putIfAbsent("500", problem("Something failed unexpectedly. Nothing was changed; it is safe to "
                + "retry."));
    }

    /** A refusal, answered as {@value #PROBLEM_JSON} with the {@value #PROBLEM} schema. */
    public static ApiResponse problem(String description) {
        return new ApiResponse().description(description).content(problemContent(PROBLEM));
    }

    private static Content problemContent(String schema) {
        return new Content().addMediaType(PROBLEM_JSON,
                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + schema)));
    }

    private static Schema<?> problemSchema(Schema<?> errors) {
        return new ObjectSchema()
                .description("An RFC 9457 problem. The detail never carries personal data.")
                .addRequiredItem("type").addRequiredItem("title").addRequiredItem("status")
                .addProperty("type", new StringSchema().format("uri")
                        .description("The kind of problem; stable, so integrations may switch on it.")
                        .example("urn:saathi:problem:invalid-request"))
                .addProperty("title", new StringSchema().description("The kind of problem in a few words.")
                        .example("Invalid request"))
                .addProperty("status", new IntegerSchema().description("The HTTP status.").example(400))
                .addProperty("detail", new StringSchema().description("What went wrong with this request.")
                        .example("The request has 1 invalid field."))
                .addProperty("instance", new StringSchema().format("uri-reference"))
                .addProperty("errors", errors);
    }

    private static Schema<?> fieldProblems() {
        return new ArraySchema().description("For validation problems: each field that is wrong, and why.")
                .items(new ObjectSchema()
                        .addRequiredItem("field").addRequiredItem("message")
                        .addProperty("field", new StringSchema()
                                .description("A JSON path (`craving`, `items[3]`), a parameter or a header.")
                                .example("craving"))
                        .addProperty("message", new StringSchema().example("must be between 0 and 10")));
    }

    private static Schema<?> ruleSetProblems() {
        return new ArraySchema().description("Each problem of the rule set on disk, by file and line.")
                .items(new ObjectSchema()
                        .addRequiredItem("file").addRequiredItem("message")
                        .addProperty("file", new StringSchema().example("signals/cravings.drl"))
                        .addProperty("line", new IntegerSchema().example(12))
                        .addProperty("message", new StringSchema()));
    }
}
