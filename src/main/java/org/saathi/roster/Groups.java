package org.saathi.roster;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;

import org.saathi.api.ApiProblem;
import org.saathi.security.Audit;
import org.saathi.security.Caller;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Saving a group and finding one: another programme's group is not found by a key of one programme. */
@Service
class Groups {

    private final GroupStore groups;
    private final ProgrammeStore programmes;
    private final Audit audit;
    private final Clock clock;

    Groups(GroupStore groups, ProgrammeStore programmes, Audit audit, Clock clock) {
        this.groups = groups;
        this.programmes = programmes;
        this.audit = audit;
        this.clock = clock;
    }

    /** Creates or updates the group, its row locked for the save, and audits a change of programme. */
    @Transactional
    Saved<TherapyGroup> save(String id, GroupRequest request, Caller caller) {
        Optional<String> before = groups.lockProgrammeOf(id);
        if (before.isPresent() && !caller.reaches(before.get())) {
            throw notFound(id);
        }
        String programmeId = SavedProgramme.of(request.programmeId(), caller, before);
        boolean moved = before.isPresent() && !before.get().equals(programmeId);
        programmes.require("programmeId", programmeId);
        boolean created = groups.upsert(id, request, programmeId, clock.instant());
        audit.record(caller, Audit.Action.GROUP_SAVED, null, id,
                before.isPresent() && !moved ? Map.of()
                        : Map.of("programmeId", new Audit.Change(before.orElse(null), programmeId)));
        return new Saved<>(find(id, caller), created);
    }

    TherapyGroup find(String id, Caller caller) {
        return groups.find(id).filter(group -> caller.reaches(group.programmeId())).orElseThrow(() -> notFound(id));
    }

    private static ApiProblem notFound(String id) {
        return ApiProblem.notFound("There is no group " + id + ".");
    }
}
