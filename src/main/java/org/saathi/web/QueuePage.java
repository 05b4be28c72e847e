package org.saathi.web;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpSession;

import org.saathi.alert.AlertQueries;
import org.saathi.alert.AlertStatus;
import org.saathi.alert.AlertViews;
import org.saathi.facts.Severity;
import org.saathi.security.Audit;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The alert queue: the most severe first and the newest within a severity, unresolved alerts
 * unless asked otherwise. The rows refresh themselves, so a new alert appears without a reload.
 */
@Controller
class QueuePage {

    static final int PAGE_SIZE = 50;

    /** The queue's status filter: what needs someone (the default), one state, or everything. */
    enum StatusFilter {
        UNRESOLVED(AlertStatus.UNRESOLVED), OPEN(Set.of(AlertStatus.OPEN)),
        ACKNOWLEDGED(Set.of(AlertStatus.ACKNOWLEDGED)), RESOLVED(Set.of(AlertStatus.RESOLVED)), ALL(Set.of());

        final Set<String> statuses;

        StatusFilter(Set<AlertStatus> statuses) {
            this.statuses = statuses.stream().map(Enum::name).collect(Collectors.toUnmodifiableSet());
        }
    }

    /** The participants of the rows this session last saw and the audit log recorded. */
    static final String AUDITED = QueuePage.class.getName() + ".audited";

    private final AlertQueries alerts;
    private final WebSettings settings;
    private final Audit audit;

    QueuePage(AlertQueries alerts, WebSettings settings, Audit audit) {
        this.alerts = alerts;
        this.settings = settings;
        this.audit = audit;
    }

    @GetMapping("/alerts")
    String queue(@RequestParam(defaultValue = "UNRESOLVED") String status,
            @RequestParam(defaultValue = "") String severity, @RequestParam(defaultValue = "false") boolean mine,
            @RequestParam(defaultValue = "0") int page, Viewer viewer, Model model, HttpSession session) {
        record(viewer, fill(status, severity, mine, page, viewer, model), session, false);
        return "queue";
    }

    /** Only the rows, for the page's own refresh. */
    @GetMapping("/alerts/rows")
    String rows(@RequestParam(defaultValue = "UNRESOLVED") String status,
            @RequestParam(defaultValue = "") String severity, @RequestParam(defaultValue = "false") boolean mine,
            @RequestParam(defaultValue = "0") int page, Viewer viewer, Model model, HttpSession session) {
        record(viewer, fill(status, severity, mine, page, viewer, model), session, true);
        return "queue :: rows";
    }

    /**
     * The participants shown go into the audit log, on every opening of the page; a refresh that
     * shows the same participants as the session's last recorded view tells the log nothing new.
     */
    private void record(Viewer viewer, AlertViews.Page shown, HttpSession session, boolean refresh) {
        Set<String> participants = shown.items().stream().map(AlertViews.Summary::participantId)
                .collect(Collectors.toCollection(TreeSet::new));
        if (refresh && participants.equals(session.getAttribute(AUDITED))) {
            return;
        }
        audit.recordParticipants(viewer.caller(), Audit.Action.ALERTS_LISTED, participants);
        session.setAttribute(AUDITED, participants);
    }

    private AlertViews.Page fill(String status, String severity, boolean mine, int page, Viewer viewer, Model model) {
        StatusFilter statusFilter = parse(StatusFilter.class, status).orElse(StatusFilter.UNRESOLVED);
        Optional<String> severityFilter = parse(Severity.class, severity).map(Enum::name);
        AlertQueries.Filter filter = new AlertQueries.Filter(statusFilter.statuses, severityFilter, Optional.empty(),
                mine);
        AlertViews.Page found = alerts.list(viewer.caller(), filter, AlertQueries.Order.SEVERITY, Math.max(0, page),
                PAGE_SIZE);
        long lastPage = Math.max(0, (found.total() - 1) / PAGE_SIZE);
        if (found.page() > lastPage) {
            // Past the end (alerts resolved since the link was made): the last page there is.
            found = alerts.list(viewer.caller(), filter, AlertQueries.Order.SEVERITY, (int) lastPage, PAGE_SIZE);
        }
        model.addAttribute("alerts", found);
        model.addAttribute("status", statusFilter.name());
        model.addAttribute("severity", severityFilter.orElse(""));
        model.addAttribute("mine", mine);
        model.addAttribute("statuses", StatusFilter.values());
        model.addAttribute("severities", Severity.values());
        model.addAttribute("refresh", "every " + settings.refreshEvery().toMillis() + "ms");
        model.addAttribute("lastPage", lastPage);
        return found;
    }

    /** An unknown filter value falls back to the default rather than failing the page. */
    static <E extends Enum<E>> Optional<E> parse(Class<E> type, String value) {
        try {
            return value.isBlank() ? Optional.empty() : Optional.of(Enum.valueOf(type, value.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }
}
