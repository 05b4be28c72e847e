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
@RequestMapping("/api/v1/staff")
@Tag(name = "Staff", description = "Staff members, their roles and logins")
class StaffController {

    private final StaffMembers staff;

    StaffController(StaffMembers staff) {
        this.staff = staff;
    }

    @PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "putStaff", summary = "Create or update a staff member (with `password` for a login)",
            description = "`active: false` switches the staff member off: their login is refused, their sessions "
                    + "end, and the answer's `handover` lists the keys they made and the participants they are "
                    + "assigned to. `active: true` switches them on again; left out, it stays as it was.")
    @ApiResponse(responseCode = "201", description = "Created.")
    @ApiResponse(responseCode = "200", description = "Updated.")
    @ApiResponse(responseCode = "422", description = "A role still in use by assignments, the last admin's ADMIN "
            + "role or active state, or an unknown programme (`urn:saathi:problem:role-in-use`, `urn:saathi:problem:last-admin`, "
            + "`urn:saathi:problem:unknown-reference`).")
    ResponseEntity<StaffMember> put(@PathVariable String id, @Valid @RequestBody StaffRequest request,
            Authentication authentication) {
        ExternalIds.require("id", id);
        return staff.save(id, request, Caller.of(authentication)).answer("/api/v1/staff/" + id);
    }

    @GetMapping("/{id}")
    @Operation(operationId = "getStaff", summary = "A staff member")
    @ApiResponse(responseCode = "200", description = "The staff member.")
    @ApiResponse(responseCode = "404", description = "No such staff member.")
    StaffMember get(@PathVariable String id) {
        ExternalIds.require("id", id);
        return staff.find(id);
    }
}
