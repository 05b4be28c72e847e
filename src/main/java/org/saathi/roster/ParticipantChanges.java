package org.saathi.roster;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

import org.saathi.security.Audit;

/**
 * What a save changed, for the audit log: each field that changed with its old and new value.
 * Only ids, enums, flags, zones and prescribed substances (a treatment fact staff set, as the record
 * holds it); never the display name, which is free text.
 */
final class ParticipantChanges {

    private static final Map<String, Function<Participant, Object>> FIELDS = fields();

    private ParticipantChanges() {
    }

    static Map<String, Audit.Change> between(Optional<Participant> before, Participant after) {
        Map<String, Audit.Change> changes = new LinkedHashMap<>();
        FIELDS.forEach((field, value) -> {
            Object old = before.map(value).orElse(null);
            Object now = value.apply(after);
            if (!Objects.equals(old, now)) {
                changes.put(field, new Audit.Change(old, now));
            }
        });
        return changes;
    }

    private static Map<String, Function<Participant, Object>> fields() {
        Map<String, Function<Participant, Object>> fields = new LinkedHashMap<>();
        fields.put("programmeId", Participant::programmeId);
        fields.put("peerMentorId", Participant::peerMentorId);
        fields.put("counsellorId", Participant::counsellorId);
        fields.put("supervisorId", Participant::supervisorId);
        fields.put("status", p -> p.status().name());
        fields.put("groupIds", p -> List.copyOf(new java.util.TreeSet<>(p.groupIds())));
        fields.put("consent.shareWithPeerMentor", p -> p.consent().shareWithPeerMentor());
        fields.put("timezone", Participant::timezone);
        fields.put("expectsDailyCheckIn", Participant::expectsDailyCheckIn);
        fields.put("prescribedSubstances", p -> List.of(PrescribedSubstances.stored(p.prescribedSubstances())));
        fields.put("checkInSchedule", p -> p.checkInSchedule() == null ? null : p.checkInSchedule().json());
        return fields;
    }
}
