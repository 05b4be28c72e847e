package org.saathi.security;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.saathi.api.ApiDocuments;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;

/**
 * Says in the API documents who may call each operation, read from {@link ApiAccess}, the table
 * the API's security chain enforces: staff by HTTP Basic with these roles, integrations by Bearer
 * key with these scopes. An operation without a rule gets no security requirement, which is both
 * true (nobody may call it) and what the documents test looks for.
 */
@Component
class ApiDocumentAccess implements OpenApiCustomizer {

    static final String STAFF = "basic";
    static final String KEY = "bearer";

    @Override
    public void customise(OpenAPI api) {
        api.getComponents()
                .addSecuritySchemes(STAFF, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                        .description("Staff: staff id and password. The roles an operation names are the staff "
                                + "roles that may call it."))
                .addSecuritySchemes(KEY, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                        .description("Integrations: `Authorization: Bearer <key>`, a key an admin created with "
                                + "`POST /api/v1/api-keys` (shown once). The names an operation lists are the key "
                                + "scopes that may call it: ingest, roster or metrics."));
        api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) ->
                ApiAccess.of(HttpMethod.valueOf(method.name()), path).ifPresent(rule -> describe(operation, rule))));
    }

    private static void describe(Operation operation, ApiAccess.Rule rule) {
        if (!rule.roles().isEmpty()) {
            operation.addSecurityItem(new SecurityRequirement().addList(STAFF, sorted(rule.roles())));
        }
        if (!rule.scopes().isEmpty()) {
            operation.addSecurityItem(new SecurityRequirement().addList(KEY, sorted(rule.scopes())));
        }
        String who = who(rule);
        operation.setDescription(Optional.ofNullable(operation.getDescription()).map(text -> text + "\n\n")
                .orElse("") + "**Who may call it:** " + who + ".");
        operation.getResponses().putIfAbsent("401", ApiDocuments.problem(
                "No credentials, or wrong ones. The answer's `WWW-Authenticate` names Basic and Bearer."));
        operation.getResponses().putIfAbsent("403", ApiDocuments.problem(
                "Signed in, but not allowed: this is for " + who + "."
                        + (rule.roles().isEmpty() ? "" : " Staff credentials sent by a browser from a page of another "
                                + "origin are refused too (`urn:saathi:problem:cross-origin-request`).")));
    }

    private static String who(ApiAccess.Rule rule) {
        String staff = rule.roles().size() == StaffRole.values().length ? "any staff member"
                : "staff with role " + String.join(" or ", sorted(rule.roles()));
        String keys = "an integration key with scope " + String.join(" or ", sorted(rule.scopes()));
        if (rule.scopes().isEmpty()) {
            return staff;
        }
        return rule.roles().isEmpty() ? keys : staff + ", or " + keys;
    }

    private static List<String> sorted(Set<?> names) {
        return names.stream().map(Object::toString).sorted().toList();
    }
}
