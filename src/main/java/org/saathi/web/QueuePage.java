package org.saathi.web;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.saathi.alert.AlertQueries;
import org.saathi.alert.AlertViews;
import org.saathi.facts.Severity;
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
        UNRESOLVED(Set.of("OPEN", "ACKNOWLEDGED")), OPEN(Set.of("OPEN")), ACKNOWLEDGED(Set.of("ACKNOWLEDGED")),
        RESOLVED(Set.of("RESOLVED")), ALL(Set.of());

        final Set<String> statuses;

        StatusFilter(Set<String> statuses) {
            this.statuses = statuses;
        }
    }

    private final AlertQueries alerts;
    private final WebSettings settings;

    QueuePage(AlertQueries alerts, WebSettings settings) {
        this.alerts = alerts;
        this.settings = settings;
    }

    @GetMapping("/alerts")
    String queue(@RequestParam(defaultValue = "UNRESOLVED") String status,
            @RequestParam(defaultValue = "") String severity, @RequestParam(defaultValue = "false") boolean mine,
            @RequestParam(defaultValue = "0") int page, Viewer viewer, Model model) {
        fill(status, severity, mine, page, viewer, model);
        return "queue";
    }

    /** Only the rows, for the page's own refresh. */
    @GetMapping("/alerts/rows")
    String rows(@RequestParam(defaultValue = "UNRESOLVED") String status,
            @RequestParam(defaultValue = "") String severity, @RequestParam(defaultValue = "false") boolean mine,
            @RequestParam(defaultValue = "0") int page, Viewer viewer, Model model) {
        fill(status, severity, mine, page, viewer, model);
        return "queue :: rows";
    }

    private void fill(String status, String severity, boolean mine, int page, Viewer viewer, Model model) {
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
