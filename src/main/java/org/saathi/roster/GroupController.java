package org.saathi.roster;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.saathi.api.ExternalIds;
import org.saathi.security.Caller;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/groups")
@Tag(name = "Groups", description = "Therapy and peer-support groups")
class GroupController {

    private final Groups groups;

    GroupController(Groups groups) {
        this.groups = groups;
    }

    @PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "putGroup", summary = "Create or update a group")
    @ApiResponse(responseCode = "201", description = "Created.")
    @ApiResponse(responseCode = "200", description = "Updated.")
    @ApiResponse(responseCode = "404", description = "For a key: a group of another programme than the key's.")
    @ApiResponse(responseCode = "422", description = "No such programme (`urn:saathi:problem:unknown-reference`), "
            + "or a key naming another programme than its own or the group's (`urn:saathi:problem:other-programme`).")
    ResponseEntity<TherapyGroup> put(@PathVariable String id, @Valid @RequestBody GroupRequest request,
            Authentication authentication) {
        ExternalIds.require("id", id);
        return groups.save(id, request, Caller.of(authentication)).answer("/api/v1/groups/" + id);
    }

    @GetMapping("/{id}")
    @Operation(operationId = "getGroup", summary = "A group")
    @ApiResponse(responseCode = "200", description = "The group.")
    @ApiResponse(responseCode = "404", description = "No such group.")
    TherapyGroup get(@PathVariable String id, Authentication authentication) {
        ExternalIds.require("id", id);
        return groups.find(id, Caller.of(authentication));
    }
}
