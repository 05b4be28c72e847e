package org.saathi.web;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.saathi.alert.AlertLifecycle;
import org.saathi.alert.AlertQueries;
import org.saathi.alert.AlertViews;
import org.saathi.api.ApiProblem;
import org.saathi.notify.Outbox;
import org.saathi.roster.Roster;
import org.saathi.roster.StaffContact;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Why an alert fired and what has been done about it, with the actions the viewer's role allows.
 * Each action answers with the page again (post, then redirect), so a reload never repeats it.
 */
@Controller
class AlertPage {

    /** Snooze lengths offered; the lifecycle allows up to 30 days. */
    static final Map<String, Duration> SNOOZES = snoozes();

    /** A recipient with the delivery state of each notification sent to them. */
    record Recipient(String staffId, String name, String role, String reason, int step,
            List<Outbox.NotificationView> notifications) {
    }

    private final AlertQueries alerts;
    private final AlertLifecycle lifecycle;
    private final Roster roster;
    private final Clock clock;

    AlertPage(AlertQueries alerts, AlertLifecycle lifecycle, Roster roster, Clock clock) {
        this.alerts = alerts;
        this.lifecycle = lifecycle;
        this.roster = roster;
        this.clock = clock;
    }

    @GetMapping("/alerts/{id}")
    String alert(@PathVariable String id, Viewer viewer, Model model) {
        AlertViews.Detail alert = alerts.view(viewer.caller(), parse(id)).orElseThrow(() -> notFound(id));
        model.addAttribute("alert", alert);
        model.addAttribute("recipients", recipients(alert));
        model.addAttribute("outcomes", AlertLifecycle.Outcome.forStaff());
        model.addAttribute("snoozes", SNOOZES.keySet());
        return "alert";
    }

    @PostMapping("/alerts/{id}/acknowledge")
    String acknowledge(@PathVariable String id, @RequestParam(defaultValue = "") String note, Viewer viewer,
            RedirectAttributes flash) {
        return act(id, flash, "Acknowledged.", () -> lifecycle.acknowledge(viewer.caller(), parse(id),
                blankToNull(limit(note, 2000))));
    }

    @PostMapping("/alerts/{id}/resolve")
    String resolve(@PathVariable String id, @RequestParam(defaultValue = "") String outcome,
            @RequestParam(defaultValue = "") String note, Viewer viewer, RedirectAttributes flash) {
        return act(id, flash, "Resolved.", () -> lifecycle.resolve(viewer.caller(), parse(id),
                QueuePage.parse(AlertLifecycle.Outcome.class, outcome)
                        .orElseThrow(() -> ApiProblem.invalid("outcome", "Choose an outcome.")),
                blankToNull(limit(note, 2000))));
    }

    @PostMapping("/alerts/{id}/snooze")
    String snooze(@PathVariable String id, @RequestParam(defaultValue = "") String length,
            @RequestParam(defaultValue = "") String reason, Viewer viewer, RedirectAttributes flash) {
        return act(id, flash, "Snoozed.", () -> {
            Duration chosen = SNOOZES.get(length);
            if (chosen == null) {
                throw ApiProblem.invalid("length", "Choose how long to snooze.");
            }
            if (reason.isBlank()) {
                throw ApiProblem.invalid("reason", "Say why this is snoozed.");
            }
            lifecycle.snooze(viewer.caller(), parse(id), clock.instant().plus(chosen), limit(reason.strip(), 500));
        });
    }

    private String act(String id, RedirectAttributes flash, String done, Runnable action) {
        try {
            action.run();
            flash.addFlashAttribute("message", done);
        } catch (ApiProblem problem) {
            if (problem.status().value() == 404) {
                throw problem;
            }
            flash.addFlashAttribute("problem", problem.errors().isEmpty() ? problem.getMessage()
                    : problem.errors().get(0).message());
        }
        return "redirect:/alerts/" + parse(id);
    }

    private List<Recipient> recipients(AlertViews.Detail alert) {
        Map<String, String> names = new LinkedHashMap<>();
        return alert.recipients().stream().map(recipient -> new Recipient(recipient.staffId(),
                names.computeIfAbsent(recipient.staffId(),
                        staffId -> roster.contact(staffId).map(StaffContact::name).orElse(staffId)),
                recipient.role(), recipient.reason(), recipient.step(),
                alert.notifications().stream().filter(sent -> sent.staffId().equals(recipient.staffId())).toList()))
                .toList();
    }

    static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException notAnId) {
            throw notFound(id);
        }
    }

    static ApiProblem notFound(String id) {
        return ApiProblem.notFound("There is no such alert in your caseload.");
    }

    private static String limit(String text, int length) {
        return text.length() > length ? text.substring(0, length) : text;
    }

    private static String blankToNull(String text) {
        return text.isBlank() ? null : text.strip();
    }

    private static Map<String, Duration> snoozes() {
        Map<String, Duration> snoozes = new LinkedHashMap<>();
        snoozes.put("4 hours", Duration.ofHours(4));
        snoozes.put("1 day", Duration.ofDays(1));
        snoozes.put("3 days", Duration.ofDays(3));
        snoozes.put("7 days", Duration.ofDays(7));
        return java.util.Collections.unmodifiableMap(snoozes);
    }
}
