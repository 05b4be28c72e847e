package org.saathi.security;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.saathi.api.ApiProblem;
import org.saathi.api.ExternalIds;
import org.saathi.api.FieldProblem;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Admins create integration keys (shown once), list them and revoke them. */
@RestController
@RequestMapping("/api/v1/api-keys")
@Tag(name = "API keys", description = "Keys for integrations, with their scopes")
class ApiKeyController {

    private final ApiKeys keys;

    ApiKeyController(ApiKeys keys) {
        this.keys = keys;
    }

    /**
     * @param programmeId the programme whose participants and groups the key may touch; the admin's own by default
     * @param allProgrammes {@code true} for a key of the whole deployment, which must be asked for by name
     */
    record NewKey(@NotBlank @Size(max = 100) String name, @NotEmpty Set<@NotNull Scope> scopes,
            @Pattern(regexp = ExternalIds.PATTERN, message = ExternalIds.MESSAGE) String programmeId,
            Boolean allProgrammes) {
    }

    /** The only answer that ever carries the key itself. */
    record CreatedKeyResponse(UUID id, String key, String name, Set<Scope> scopes, String programmeId,
            boolean allProgrammes, Instant createdAt) {
    }

    record KeyResponse(UUID id, String name, String prefix, Set<Scope> scopes, String programmeId,
            boolean allProgrammes, String createdBy, Instant createdAt, Instant revokedAt) {

        static KeyResponse of(ApiKeys.ApiKey key) {
            return new KeyResponse(key.id(), key.name(), key.prefix(), key.scopes(), key.programmeId().orElse(null),
                    key.programmeId().isEmpty(), key.createdBy(), key.createdAt(), key.revokedAt().orElse(null));
        }
    }

    record KeyList(List<KeyResponse> items, int page, int size, long total) {
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "createApiKey", summary = "Create an integration key with scopes for one programme",
            description = "The answer is the only time the key is shown; it is stored hashed. The key serves "
                    + "`programmeId` (the admin's own programme when left out), or every programme with "
                    + "`allProgrammes: true`.")
    @ApiResponse(responseCode = "201", description = "Created.")
    @ApiResponse(responseCode = "422", description = "No such programme (`urn:saathi:problem:unknown-reference`).")
    ResponseEntity<CreatedKeyResponse> create(@Valid @RequestBody NewKey request, Authentication authentication) {
        Caller admin = Caller.of(authentication);
        boolean all = Boolean.TRUE.equals(request.allProgrammes());
        if (all && request.programmeId() != null) {
            throw ApiProblem.invalid("programmeId", "must be left out for a key of all programmes");
        }
        Optional<String> programme = all ? Optional.empty()
                : Optional.of(request.programmeId() != null ? request.programmeId() : keys.defaultProgramme(admin));
        ApiKeys.CreatedKey created = keys.create(request.name().strip(), request.scopes(), programme, admin)
                .orElseThrow(() -> ApiProblem.unprocessable("unknown-reference", "Unknown reference",
                        "The request refers to something that does not exist.",
                        List.of(new FieldProblem("programmeId", "no programme " + programme.orElse("")))));
        ApiKeys.ApiKey key = created.key();
        return ResponseEntity.created(URI.create("/api/v1/api-keys/" + key.id()))
                .header("Cache-Control", "no-store")
                .body(new CreatedKeyResponse(key.id(), created.secret(), key.name(), key.scopes(),
                        key.programmeId().orElse(null), key.programmeId().isEmpty(), key.createdAt()));
    }

    @GetMapping
    @Operation(operationId = "listApiKeys", summary = "Integration keys, by name and prefix (never the keys)")
    KeyList list(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        if (page < 0) {
            throw ApiProblem.invalid("page", "must be 0 or more");
        }
        if (size < 1 || size > 200) {
            throw ApiProblem.invalid("size", "must be 1 to 200");
        }
        List<KeyResponse> all = keys.list().stream().map(KeyResponse::of).toList();
        int from = (int) Math.min((long) page * size, all.size());
        return new KeyList(all.subList(from, Math.min(from + size, all.size())), page, size, all.size());
    }

    @DeleteMapping("/{id}")
    @Operation(operationId = "revokeApiKey", summary = "Revoke an integration key")
    @ApiResponse(responseCode = "200", description = "Revoked; the key as it now stands.")
    @ApiResponse(responseCode = "404", description = "No such key.")
    KeyResponse revoke(@PathVariable String id, Authentication authentication) {
        UUID keyId;
        try {
            keyId = UUID.fromString(id);
        } catch (IllegalArgumentException notAUuid) {
            throw ApiProblem.notFound("There is no API key " + id + ".");
        }
        return keys.revoke(Caller.of(authentication), keyId).map(KeyResponse::of)
                .orElseThrow(() -> ApiProblem.notFound("There is no API key " + id + "."));
    }
}
