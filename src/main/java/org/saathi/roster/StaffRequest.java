package org.saathi.roster;

import java.util.List;
import java.util.Set;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.saathi.api.ExternalIds;
import org.saathi.security.StaffRole;

/** A staff member as an admin describes them: with {@code password} they get a login. */
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
