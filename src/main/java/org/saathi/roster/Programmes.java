package org.saathi.roster;

import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.saathi.api.ApiProblem;
import org.saathi.api.FieldProblem;
import org.saathi.security.Audit;
import org.saathi.security.Caller;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Saving a programme and its thresholds, and finding one with the thresholds its rules use. */
@Service
class Programmes {

    private final ProgrammeStore programmes;
    private final Roster roster;
    private final ThresholdCatalogue catalogue;
    private final Audit audit;
    private final Clock clock;

    Programmes(ProgrammeStore programmes, Roster roster, ThresholdCatalogue catalogue, Audit audit, Clock clock) {
        this.programmes = programmes;
        this.roster = roster;
        this.catalogue = catalogue;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    Saved<Programme> save(String id, ProgrammeRequest request, Caller caller) {
        ZoneId zone = Zones.parse("timezone", request.timezone() == null ? "Asia/Kolkata" : request.timezone());
        if (request.thresholds() != null) {
            checkThresholds(request.thresholds());
        }
        boolean created = programmes.upsert(id, request.name().strip(), zone,
                Boolean.TRUE.equals(request.showDisplayNames()), clock.instant());
        if (request.thresholds() != null) {
            programmes.replaceThresholds(id, request.thresholds());
        }
        audit.record(caller, Audit.Action.PROGRAMME_SAVED, null, id);
        return new Saved<>(find(id), created);
    }

    Programme find(String id) {
        Map<String, Double> overrides = new TreeMap<>(roster.thresholdOverrides(id));
        Map<String, Double> effective = new TreeMap<>();
        catalogue.thresholds().forEach((key, spec) -> effective.put(key, spec.value()));
        overrides.forEach((key, value) -> effective.computeIfPresent(key, (k, old) -> value));
        return programmes.find(id, overrides, effective)
                .orElseThrow(() -> ApiProblem.notFound("There is no programme " + id + "."));
    }

    /** Only thresholds the rule set defines: a misspelt key would otherwise change nothing, silently. */
    private void checkThresholds(Map<String, Double> thresholds) {
        Map<String, ThresholdCatalogue.Spec> specs = catalogue.thresholds();
        List<FieldProblem> problems = new ArrayList<>();
        thresholds.forEach((key, value) -> {
            ThresholdCatalogue.Spec spec = specs.get(key);
            if (spec == null) {
                problems.add(new FieldProblem("thresholds." + key, "is not a threshold of the active rule set"));
            } else if (value == null) {
                problems.add(new FieldProblem("thresholds." + key, "must be a number"));
            } else {
                spec.refuse(value).ifPresent(why -> problems.add(new FieldProblem("thresholds." + key, why)));
            }
        });
        if (!problems.isEmpty()) {
            throw ApiProblem.invalid(problems);
        }
    }
}
