package org.saathi.roster;

import java.util.List;
import java.util.Optional;

import org.saathi.api.ApiProblem;
import org.saathi.api.FieldProblem;
import org.saathi.security.Caller;

/**
 * The programme a roster save puts a participant or a group in. Staff name it (the default
 * programme when they do not); a key left without one keeps the record where it is, or puts a new
 * one in its own programme, and never reaches outside its programme nor moves a record between
 * programmes: that is an admin's act.
 */
final class SavedProgramme {

    private SavedProgramme() {
    }

    static String of(String requested, Caller caller, Optional<String> current) {
        if (caller.isStaff()) {
            return requested == null ? ProgrammeStore.DEFAULT : requested;
        }
        String programmeId = requested != null ? requested
                : current.orElse(caller.programme().orElse(ProgrammeStore.DEFAULT));
        // reach before existence, so that a key learns nothing of which other programmes there are
        if (!caller.reaches(programmeId)) {
            throw refused("this key serves programme " + caller.programme().orElseThrow() + " only");
        }
        if (current.isPresent() && !current.get().equals(programmeId)) {
            throw refused("moving a record to another programme is done by an admin");
        }
        return programmeId;
    }

    private static ApiProblem refused(String message) {
        return ApiProblem.unprocessable("other-programme", "Another programme",
                "An integration key keeps to its programme.", List.of(new FieldProblem("programmeId", message)));
    }
}
