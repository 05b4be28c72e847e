package org.saathi.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.saathi.alert.AlertQueries;
import org.saathi.alert.HistoryAction;
import org.saathi.api.ApiProblem;
import org.saathi.api.ExternalIds;
import org.saathi.roster.Participant;
import org.saathi.roster.Roster;
import org.saathi.roster.StaffContact;
import org.saathi.security.Audit;
import org.saathi.timeline.ParticipantTimeline;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import tools.jackson.databind.json.JsonMapper;

/**
 * A participant's last four weeks: craving, mood and sleep on one time axis with attendance and
 * alerts, the latest facts in a table, their alerts, assignments and consent.
 */
@Controller
class ParticipantPage {

    static final Duration PERIOD = Duration.ofDays(28);
    static final int LATEST_FACTS = 30;

    /** What the chart draws, as the page's script reads it: times in epoch seconds. */
    record Chart(List<Long> checkInTimes, List<Integer> craving, List<Integer> mood, List<Number> sleep,
            List<Mark> attendance, List<Mark> alerts, long from, long to, String zone) {
    }

    record Mark(long at, String label, String kind) {
    }

    private final ParticipantTimeline timelines;
    private final AlertQueries alerts;
    private final Roster roster;
    private final JsonMapper json;
    private final Clock clock;

    ParticipantPage(ParticipantTimeline timelines, AlertQueries alerts, Roster roster, JsonMapper json,
            Clock clock) {
        this.timelines = timelines;
        this.alerts = alerts;
        this.roster = roster;
        this.json = json;
        this.clock = clock;
    }

    @GetMapping("/participants/{id}")
    String participant(@PathVariable String id, Viewer viewer, Model model) {
        if (!id.matches(ExternalIds.PATTERN)) {
            throw notFound();
        }
        Instant now = clock.instant();
        ParticipantTimeline.Timeline timeline = timelines.of(viewer.caller(), id, now.minus(PERIOD), now,
                Audit.Action.PARTICIPANT_VIEWED).orElseThrow(ParticipantPage::notFound);
        Participant participant = timeline.participant();
        List<ParticipantTimeline.Item> facts = timeline.items().stream()
                .filter(item -> !Set.of("SIGNAL", "ALERT").contains(item.type())).toList();
        List<ParticipantTimeline.Item> latest = new ArrayList<>(facts.subList(Math.max(0, facts.size() - LATEST_FACTS),
                facts.size()));
        Collections.reverse(latest);
        model.addAttribute("participant", participant);
        model.addAttribute("staff", names(participant));
        model.addAttribute("latest", latest);
        model.addAttribute("truncated", timeline.truncated());
        model.addAttribute("alerts", alerts.list(viewer.caller(), new AlertQueries.Filter(Set.of(), Optional.empty(),
                Optional.of(id), false), AlertQueries.Order.NEWEST, 0, 20));
        // Read by the page's script from a data block: "<" escaped so that nothing in it can end the block.
        model.addAttribute("chart", json.writeValueAsString(chart(timeline, viewer.zone())).replace("<", "\\u003c"));
        return "participant";
    }

    private Map<String, String> names(Participant participant) {
        Map<String, String> names = new LinkedHashMap<>();
        for (String staffId : new String[] {participant.peerMentorId(), participant.counsellorId(),
                participant.supervisorId()}) {
            if (staffId != null) {
                names.put(staffId, roster.contact(staffId).map(StaffContact::name).orElse(staffId));
            }
        }
        return names;
    }

    /** @param zone the zone the page shows times in, so that the chart's axis agrees with the tables */
    static Chart chart(ParticipantTimeline.Timeline timeline, ZoneId zone) {
        List<Long> times = new ArrayList<>();
        List<Integer> craving = new ArrayList<>();
        List<Integer> mood = new ArrayList<>();
        List<Number> sleep = new ArrayList<>();
        List<Mark> attendance = new ArrayList<>();
        List<Mark> alerts = new ArrayList<>();
        for (ParticipantTimeline.Item item : timeline.items()) {
            long at = item.at().getEpochSecond();
            switch (item.type()) {
                case "CHECK_IN" -> {
                    times.add(at);
                    craving.add((Integer) item.values().get("craving"));
                    mood.add((Integer) item.values().get("mood"));
                    sleep.add((Number) item.values().get("sleepHours"));
                }
                case "ATTENDANCE" -> attendance.add(new Mark(at, item.values().get("sessionType") + " "
                        + item.values().get("status"), String.valueOf(item.values().get("status"))));
                case "SIGNAL" -> {
                    if (HistoryAction.read(String.valueOf(item.values().get("action")))
                            .filter(HistoryAction::raisesSeverity).isPresent()) {
                        alerts.add(new Mark(at, item.values().get("ruleId") + " " + item.values().get("severity"),
                                String.valueOf(item.values().get("severity"))));
                    }
                }
                default -> {
                }
            }
        }
        return new Chart(times, craving, mood, sleep, attendance, alerts, timeline.from().getEpochSecond(),
                timeline.to().getEpochSecond(), zone.getId());
    }

    static ApiProblem notFound() {
        return ApiProblem.notFound("There is no such participant in your caseload.");
    }
}
