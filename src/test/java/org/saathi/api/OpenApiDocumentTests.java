package org.saathi.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.saathi.testing.Problems.assertProblem;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.saathi.testing.Api;
import org.saathi.testing.Fixtures;
import org.saathi.testing.PageClient;
import org.saathi.testing.SaathiTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

/**
 * The API documents at /v3/api-docs: every API endpoint the application serves is in them, each
 * says who may call it and how it refuses, the staff pages are not, and nobody reads them without
 * a staff login.
 */
@SaathiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiDocumentTests {

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping handlerMapping;

    Fixtures fixtures;
    String mentor;
    JsonNode document;

    @BeforeAll
    void readTheDocument() {
        fixtures = new Fixtures(port);
        mentor = fixtures.staff("PEER_MENTOR");
        Api.Reply reply = fixtures.as(mentor).get("/v3/api-docs");
        assertThat(reply.status()).as("document for a peer mentor: %s", reply).isEqualTo(200);
        assertThat(reply.header("Content-Type")).startsWith("application/json");
        assertThat(reply.header("Set-Cookie")).as("HTTP Basic needs no session").isNull();
        document = reply.json();
    }

    @Test
    void everyApiEndpointTheServiceAnswersIsDocumented() {
        Set<String> served = servedApiOperations();
        assertThat(served).as("the handler mappings were read").contains("POST /api/v1/check-ins",
                "GET /api/v1/alerts/{}", "PUT /api/v1/participants/{}");

        assertThat(documentedOperations()).as("endpoints missing from /v3/api-docs").containsAll(served);
    }

    @Test
    void documentDescribesTheApiAndNothingElse() {
        assertThat(document.path("openapi").asString()).startsWith("3.1");
        assertThat(document.path("info").path("title").asString()).isEqualTo("Saathi API");
        assertThat(document.path("info").path("version").asString()).isNotBlank();
        assertThat(document.path("info").path("description").asString()).contains("relapse");
        assertThat(document.path("paths").propertyNames()).isNotEmpty()
                .allSatisfy(path -> assertThat(path).startsWith("/api/v1/"))
                .doesNotContain("/alerts", "/alerts/{id}", "/login", "/admin/staff", "/error");
        assertThat(documentedOperations()).as("no operation the service does not serve")
                .isSubsetOf(servedApiOperations());
        Api.Reply yaml = fixtures.as(mentor).get("/v3/api-docs.yaml");
        assertThat(yaml.status()).isEqualTo(200);
        assertThat(yaml.body()).contains("openapi: 3.1").contains("/api/v1/check-ins:");
    }

    @Test
    void everyOperationSaysWhoMayCallItAndAnswersProblemsForRefusals() {
        forEachOperation((name, operation) -> {
            assertThat(operation.path("security").isArray() && !operation.path("security").isEmpty())
                    .as("%s has a security requirement", name).isTrue();
            assertThat(operation.path("summary").asString()).as("%s has a summary", name).isNotBlank();
            assertThat(operation.path("responses").properties()).as("%s says what it answers", name)
                    .anySatisfy(response -> {
                        assertThat(response.getKey()).startsWith("2");
                        assertThat(response.getValue().path("content").path("application/json").isObject()).isTrue();
                    });
            assertProblemResponse(name, operation, "401");
            assertProblemResponse(name, operation, "403");
            if (operation.has("requestBody")) {
                assertProblemResponse(name, operation, "400");
                assertProblemResponse(name, operation, "413");
                assertProblemResponse(name, operation, "415");
            }
            operation.path("responses").properties().forEach(response -> {
                if (response.getKey().startsWith("4")) {
                    assertProblemResponse(name, operation, response.getKey());
                }
            });
        });
    }

    @Test
    void securityFollowsTheAccessRules() {
        assertThat(security("POST", "/api/v1/check-ins")).containsExactly("bearer[ingest]");
        assertThat(security("POST", "/api/v1/check-ins/batch")).containsExactly("bearer[ingest]");
        assertThat(security("POST", "/api/v1/peer-concerns"))
                .containsExactly("basic[ADMIN, COUNSELLOR, PEER_MENTOR, SUPERVISOR]", "bearer[ingest]");
        assertThat(security("GET", "/api/v1/alerts"))
                .containsExactly("basic[ADMIN, COUNSELLOR, PEER_MENTOR, SUPERVISOR]");
        assertThat(security("POST", "/api/v1/alerts/{id}/resolve")).containsExactly("basic[COUNSELLOR, SUPERVISOR]");
        assertThat(security("PUT", "/api/v1/participants/{id}")).containsExactly("basic[ADMIN]", "bearer[roster]");
        assertThat(security("POST", "/api/v1/api-keys")).containsExactly("basic[ADMIN]");
        JsonNode schemes = document.path("components").path("securitySchemes");
        assertThat(schemes.path("basic").path("scheme").asString()).isEqualTo("basic");
        assertThat(schemes.path("bearer").path("scheme").asString()).isEqualTo("bearer");
    }

    @Test
    void everyFactEndpointDocumentsItsAnswers() {
        for (String path : List.of("/api/v1/check-ins", "/api/v1/attendance", "/api/v1/screenings",
                "/api/v1/peer-concerns")) {
            JsonNode operation = operation("POST", path);
            assertThat(operation.path("responses").path("201").path("description").asString())
                    .as(path).contains("alerts");
            assertThat(operation.path("responses").path("200").path("description").asString())
                    .as(path).contains("duplicate: true");
            assertProblemResponse(path, operation, "404");
            assertProblemResponse(path, operation, "409");
            assertProblemResponse(path, operation, "422");
        }
    }

    @Test
    void aPeerConcernsCategoryIsDocumentedWithItsDefault() {
        JsonNode category = document.path("components").path("schemas").path("PeerConcernRequest").path("properties")
                .path("category");

        assertThat(category.toString()).contains("SELF_HARM", "USE_SUSPECTED", "ISOLATION", "CONFLICT", "OTHER");
        assertThat(category.path("default").asString()).isEqualTo("OTHER");
        assertThat(category.path("description").asString()).contains("CRITICAL");
    }

    @Test
    void problemSchemaHasTheRfc9457FieldsAndTheFieldErrors() {
        JsonNode problem = document.path("components").path("schemas").path("ProblemDetail").path("properties");
        assertThat(problem.propertyNames()).contains("type", "title", "status", "detail", "errors");
        assertThat(problem.path("errors").path("items").path("properties").propertyNames())
                .contains("field", "message");
        assertThat(operation("POST", "/api/v1/check-ins").path("responses").path("400").path("content")
                .propertyNames()).containsExactly("application/problem+json");
    }

    @Test
    void anonymousReadersAreRefused() {
        for (String path : List.of("/v3/api-docs", "/v3/api-docs.yaml", "/v3/api-docs/swagger-config")) {
            Api.Reply reply = fixtures.anonymous().get(path);
            assertProblem(reply, 401);
            assertThat(reply.header("WWW-Authenticate")).contains("Basic");
            assertThat(reply.header("Set-Cookie")).as("a script is given no session").isNull();
            assertThat(reply.body()).doesNotContain("/api/v1/");
        }
        assertProblem(fixtures.anonymous().basic(mentor, "not-the-password-at-all").get("/v3/api-docs"), 401);
        assertThat(fixtures.integration("ingest", "roster", "metrics").get("/v3/api-docs").status())
                .as("an integration key is not a staff login").isEqualTo(401);

        PageClient browser = PageClient.anonymous(port);
        for (String page : List.of("/swagger-ui.html", "/swagger-ui/index.html")) {
            HttpResponse<String> answer = browser.get(page);
            assertThat(answer.statusCode()).as(page).isEqualTo(302);
            assertThat(answer.headers().firstValue("Location").orElseThrow()).as(page).endsWith("/login");
        }
    }

    @Test
    void staffSignedInOnTheStaffPageReadTheDocumentsWithTheirSession() {
        PageClient page = PageClient.loggedIn(port, mentor, Fixtures.STAFF_PASSWORD);

        HttpResponse<String> json = page.get("/v3/api-docs");
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(json.body()).contains("/api/v1/check-ins");

        HttpResponse<String> ui = page.get("/swagger-ui/index.html");
        assertThat(ui.statusCode()).isEqualTo(200);
        assertThat(ui.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("script-src 'self';", "style-src 'self';").doesNotContain("unsafe").doesNotContain("*");
    }

    /** "GET /api/v1/alerts/{}" for each method of each handler mapping under /api/. */
    private Set<String> servedApiOperations() {
        Set<String> operations = new TreeSet<>();
        handlerMapping.getHandlerMethods().keySet().forEach((RequestMappingInfo info) -> {
            Set<String> paths = info.getPathPatternsCondition() == null ? Set.of()
                    : info.getPathPatternsCondition().getPatternValues();
            for (String path : paths) {
                if (!path.startsWith("/api/")) {
                    continue;
                }
                Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
                assertThat(methods).as("%s names its HTTP methods", path).isNotEmpty();
                methods.forEach(method -> operations.add(method.name() + " " + normalised(path)));
            }
        });
        return operations;
    }

    private Set<String> documentedOperations() {
        Set<String> operations = new TreeSet<>();
        document.path("paths").properties().forEach(path -> path.getValue().propertyNames().forEach(method -> {
            if (Set.of("get", "put", "post", "delete", "patch", "head", "options").contains(method)) {
                operations.add(method.toUpperCase(Locale.ROOT) + " " + normalised(path.getKey()));
            }
        }));
        return operations;
    }

    private static String normalised(String path) {
        return path.replaceAll("\\{[^/}]+}", "{}");
    }

    private interface OperationCheck {
        void check(String name, JsonNode operation);
    }

    private void forEachOperation(OperationCheck check) {
        List<String> seen = new ArrayList<>();
        document.path("paths").properties().forEach(path -> path.getValue().properties().forEach(method -> {
            if (method.getValue().has("responses")) {
                String name = method.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey();
                seen.add(name);
                check.check(name, method.getValue());
            }
        }));
        assertThat(seen).hasSizeGreaterThan(20);
    }

    private static void assertProblemResponse(String name, JsonNode operation, String status) {
        JsonNode response = operation.path("responses").path(status);
        assertThat(response.isObject()).as("%s documents a %s", name, status).isTrue();
        assertThat(response.path("content").path("application/problem+json").path("schema").path("$ref").asString())
                .as("%s answers %s as a problem", name, status).startsWith("#/components/schemas/")
                .endsWith("ProblemDetail");
    }

    private JsonNode operation(String method, String path) {
        JsonNode operation = document.path("paths").path(path).path(method.toLowerCase(Locale.ROOT));
        assertThat(operation.isObject()).as("%s %s is documented", method, path).isTrue();
        return operation;
    }

    private List<String> security(String method, String path) {
        List<String> requirements = new ArrayList<>();
        operation(method, path).path("security").forEach(requirement -> requirement.properties().forEach(scheme -> {
            List<String> names = new ArrayList<>();
            scheme.getValue().forEach(value -> names.add(value.asString()));
            requirements.add(scheme.getKey() + names);
        }));
        return requirements;
    }
}
