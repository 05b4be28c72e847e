package org.saathi.security;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.saathi.api.ApiProblem;
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

    record NewKey(@NotBlank @Size(max = 100) String name, @NotEmpty Set<@NotNull Scope> scopes) {
    }

    /** The only answer that ever carries the key itself. */
    record CreatedKeyResponse(UUID id, String key, String name, Set<Scope> scopes, Instant createdAt) {
    }

    record KeyResponse(UUID id, String name, String prefix, Set<Scope> scopes, String createdBy, Instant createdAt,
            Instant revokedAt) {

        static KeyResponse of(ApiKeys.ApiKey key) {
            return new KeyResponse(key.id(), key.name(), key.prefix(), key.scopes(), key.createdBy(), key.createdAt(),
                    key.revokedAt().orElse(null));
        }
    }

    record KeyList(List<KeyResponse> items, int page, int size, long total) {
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "createApiKey", summary = "Create an integration key with scopes",
            description = "The answer is the only time the key is shown; it is stored hashed.")
    @ApiResponse(responseCode = "201", description = "Created.")
    ResponseEntity<CreatedKeyResponse> create(@Valid @RequestBody NewKey request, Authentication authentication) {
        ApiKeys.CreatedKey created = keys.create(request.name().strip(), request.scopes(),
                Caller.of(authentication));
        ApiKeys.ApiKey key = created.key();
        return ResponseEntity.created(URI.create("/api/v1/api-keys/" + key.id()))
                .header("Cache-Control", "no-store")
                .body(new CreatedKeyResponse(key.id(), created.secret(), key.name(), key.scopes(), key.createdAt()));
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
