package org.saathi.roster;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.saathi.api.ApiProblem;
import org.saathi.api.ExternalIds;
import org.saathi.api.FieldProblem;
import org.saathi.security.Accounts;
import org.saathi.security.Audit;
import org.saathi.security.Caller;
import org.saathi.security.StaffRole;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.transaction.annotation.Transactional;
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

    private final StaffRepository staff;
    private final Programmes programmes;
    private final Accounts accounts;
    private final Audit audit;
    private final StaffListing listing;
    private final StaffActivation activation;
    private final Clock clock;

    StaffController(StaffRepository staff, Programmes programmes, Accounts accounts, Audit audit,
            StaffListing listing, StaffActivation activation, Clock clock) {
        this.activation = activation;
        this.staff = staff;
        this.programmes = programmes;
        this.accounts = accounts;
        this.audit = audit;
        this.listing = listing;
        this.clock = clock;
    }

    record StaffRequest(
            @NotBlank @Size(max = 200) String name,
            @Email @Size(min = 3, max = 254) String email,
            @Pattern(regexp = "\\+?[0-9 ()-]{6,24}", message = "must be a phone number such as +91 98765 43210")
            String phone,
            @NotEmpty Set<@NotNull StaffRole> roles,
            @Pattern(regexp = ExternalIds.PATTERN, message = ExternalIds.MESSAGE) String programmeId,
            @Size(min = 12, max = 72, message = "must be 12 to 72 characters") String password,
            @Size(max = 3) List<@NotNull Channel> channels,
            Boolean active) {
    }

    /** How a staff member is reached about alerts. */
    enum Channel { EMAIL, WEBHOOK, LOG }

    @PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Transactional
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
        String programmeId = request.programmeId() == null ? Programmes.DEFAULT : request.programmeId();
        programmes.require("programmeId", programmeId);
        if (request.password() != null && request.password().getBytes(StandardCharsets.UTF_8).length > 72) {
            throw ApiProblem.invalid("password", "must be at most 72 bytes in UTF-8");
        }
        Set<StaffRole> roles = EnumSet.copyOf(request.roles());
        // Lock first: an assignment in flight holds a share lock and must finish before we look.
        staff.lockForUpdate(id);
        Set<StaffRole> dropped = staff.rolesInUse(id);
        dropped.removeAll(roles);
        if (!dropped.isEmpty()) {
            throw ApiProblem.unprocessable("role-in-use", "Role still in use",
                    "The staff member is still assigned to participants in a role this request removes.",
                    List.of(new FieldProblem("roles", "must keep " + dropped + " while participants are assigned")));
        }
        List<String> channels = request.channels() == null ? List.of()
                : request.channels().stream().distinct().map(Channel::name).toList();
        if (channels.contains("EMAIL") && request.email() == null) {
            throw ApiProblem.invalid("email", "is needed to reach this staff member by EMAIL");
        }
        if (channels.contains("WEBHOOK") && request.phone() == null) {
            throw ApiProblem.invalid("phone", "is needed to reach this staff member by WEBHOOK (SMS)");
        }
        if (!roles.contains(StaffRole.ADMIN) && staff.find(id).map(row -> row.active()
                && row.roles().contains(StaffRole.ADMIN)).orElse(false) && staff.adminCount() == 1) {
            throw lastAdmin("roles", "must keep ADMIN: this is the last admin");
        }
        boolean created = staff.upsert(id, request.name().strip(), request.email(), request.phone(), roles,
                programmeId, channels, clock.instant());
        if (request.password() != null) {
            accounts.setPassword(id, request.password());
        }
        audit.record(Caller.of(authentication), Audit.Action.STAFF_SAVED, null, id);
        if (request.active() != null && activation.setActive(Caller.of(authentication), id, request.active())
                == StaffActivation.Outcome.LAST_ADMIN) {
            throw lastAdmin("active", "must stay true: this is the last active admin");
        }
        StaffMember member = get(id);
        return created
                ? ResponseEntity.created(URI.create("/api/v1/staff/" + id)).body(member)
                : ResponseEntity.ok(member);
    }

    private static ApiProblem lastAdmin(String field, String message) {
        return ApiProblem.unprocessable("last-admin", "Last admin", "Someone must remain able to manage the "
                + "roster and keys.", List.of(new FieldProblem(field, message)));
    }

    @GetMapping("/{id}")
    @Operation(operationId = "getStaff", summary = "A staff member")
    @ApiResponse(responseCode = "200", description = "The staff member.")
    @ApiResponse(responseCode = "404", description = "No such staff member.")
    StaffMember get(@PathVariable String id) {
        ExternalIds.require("id", id);
        StaffRepository.StaffRow row = staff.find(id)
                .orElseThrow(() -> ApiProblem.notFound("There is no staff member " + id + "."));
        return listing.member(row);
    }
}
