package org.saathi.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.saathi.roster.StaffActivation;
import org.saathi.roster.StaffListing;
import org.saathi.security.Accounts;
import org.saathi.security.ApiKeys;
import org.saathi.security.Audit;
import org.saathi.security.Scope;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Admin pages: staff, integration keys (created and revoked here, shown once), and the audit log. */
@Controller
class AdminPages {

    static final int AUDIT_PAGE = 100;

    private final StaffListing staff;
    private final StaffActivation activation;
    private final Accounts accounts;
    private final ApiKeys keys;
    private final Audit audit;

    AdminPages(StaffListing staff, StaffActivation activation, Accounts accounts, ApiKeys keys, Audit audit) {
        this.staff = staff;
        this.activation = activation;
        this.accounts = accounts;
        this.keys = keys;
        this.audit = audit;
    }

    @GetMapping("/admin/staff")
    String staff(Model model) {
        var members = staff.all();
        Map<String, Instant> locked = new LinkedHashMap<>();
        members.forEach(member -> accounts.lockedUntil(member.id()).ifPresent(until -> locked.put(member.id(), until)));
        model.addAttribute("staff", members);
        model.addAttribute("locked", locked);
        return "admin-staff";
    }

    /** The choice on the key form that makes a key of the whole deployment. */
    static final String ALL_PROGRAMMES = "*";

    @GetMapping("/admin/api-keys")
    String keys(Viewer viewer, Model model) {
        model.addAttribute("keys", keys.list());
        model.addAttribute("scopes", Scope.values());
        model.addAttribute("programmes", keys.programmes());
        model.addAttribute("ownProgramme", keys.defaultProgramme(viewer.caller()));
        return "admin-keys";
    }

    @PostMapping("/admin/api-keys")
    String createKey(@RequestParam(defaultValue = "") String name,
            @RequestParam(name = "scope", required = false) List<String> scopes,
            @RequestParam(defaultValue = "") String programme, Viewer viewer, RedirectAttributes flash) {
        Set<Scope> chosen = EnumSet.noneOf(Scope.class);
        for (String scope : scopes == null ? List.<String>of() : scopes) {
            QueuePage.parse(Scope.class, scope).ifPresent(chosen::add);
        }
        if (name.isBlank() || name.length() > 100 || chosen.isEmpty()) {
            flash.addFlashAttribute("problem", "Give the key a name (up to 100 characters) and at least one scope.");
            return "redirect:/admin/api-keys";
        }
        Optional<String> serves = ALL_PROGRAMMES.equals(programme) ? Optional.empty()
                : Optional.of(programme.isBlank() ? keys.defaultProgramme(viewer.caller()) : programme);
        Optional<ApiKeys.CreatedKey> made = keys.create(name.strip(), chosen, serves, viewer.caller());
        if (made.isEmpty()) {
            flash.addFlashAttribute("problem", "There is no such programme.");
            return "redirect:/admin/api-keys";
        }
        ApiKeys.CreatedKey created = made.get();
        // Shown once, on the page the redirect leads to, and never stored anywhere readable.
        flash.addFlashAttribute("createdKey", created.secret());
        flash.addFlashAttribute("createdName", created.key().name());
        return "redirect:/admin/api-keys";
    }

    @PostMapping("/admin/api-keys/{id}/revoke")
    String revokeKey(@PathVariable String id, Viewer viewer, RedirectAttributes flash) {
        Optional<ApiKeys.ApiKey> revoked;
        try {
            revoked = keys.revoke(viewer.caller(), UUID.fromString(id));
        } catch (IllegalArgumentException notAnId) {
            revoked = Optional.empty();
        }
        if (revoked.isPresent()) {
            flash.addFlashAttribute("message", "Key revoked.");
        } else {
            flash.addFlashAttribute("problem", "There is no such key.");
        }
        return "redirect:/admin/api-keys";
    }

    /** Switches a staff member off when they leave: their login and sessions end at once. */
    @PostMapping("/admin/staff/{id}/deactivate")
    String deactivate(@PathVariable String id, Viewer viewer, RedirectAttributes flash) {
        return setActive(id, false, viewer, flash);
    }

    @PostMapping("/admin/staff/{id}/reactivate")
    String reactivate(@PathVariable String id, Viewer viewer, RedirectAttributes flash) {
        return setActive(id, true, viewer, flash);
    }

    private String setActive(String id, boolean active, Viewer viewer, RedirectAttributes flash) {
        switch (activation.setActive(viewer.caller(), id, active)) {
            case CHANGED -> flash.addFlashAttribute("message", "Staff member " + id
                    + (active ? " reactivated." : " deactivated: reassign their participants and revoke their keys."));
            case UNCHANGED -> flash.addFlashAttribute("message", "Staff member " + id + " was already "
                    + (active ? "active." : "deactivated."));
            case LAST_ADMIN -> flash.addFlashAttribute("problem", "This is the last active admin: someone must "
                    + "remain able to manage the roster and keys.");
            case NO_SUCH_STAFF -> flash.addFlashAttribute("problem", "There is no such staff member.");
        }
        return "redirect:/admin/staff";
    }

    /** Lifts a lock-out, for someone who proved who they are another way; the password stays. */
    @PostMapping("/admin/staff/{id}/unlock")
    String unlock(@PathVariable String id, Viewer viewer, RedirectAttributes flash) {
        if (accounts.unlock(id)) {
            audit.record(viewer.caller(), Audit.Action.ACCOUNT_UNLOCKED, null, id);
            flash.addFlashAttribute("message", "Account " + id + " unlocked.");
        } else {
            flash.addFlashAttribute("problem", "That account was not locked.");
        }
        return "redirect:/admin/staff";
    }

    @GetMapping("/admin/audit")
    String audit(@RequestParam(defaultValue = "") String actor, @RequestParam(defaultValue = "") String participantId,
            @RequestParam(defaultValue = "") String action, @RequestParam(defaultValue = "") String day,
            @RequestParam(defaultValue = "0") int page, Viewer viewer, Model model) {
        Optional<Instant> from = parseDay(day, viewer.zone());
        Optional<Instant> to = parseDay(day, viewer.zone()).isEmpty() ? Optional.empty()
                : Optional.of(LocalDate.parse(day).plusDays(1).atStartOfDay(viewer.zone()).toInstant());
        Audit.Filter filter = new Audit.Filter(text(actor), text(participantId),
                QueuePage.parse(Audit.Action.class, action), from, to);
        model.addAttribute("events", audit.search(filter, Math.max(0, page), AUDIT_PAGE));
        model.addAttribute("actions", Audit.Action.values());
        model.addAttribute("actor", actor);
        model.addAttribute("participantId", participantId);
        model.addAttribute("action", action);
        model.addAttribute("day", from.isPresent() ? day : "");
        return "admin-audit";
    }

    private static Optional<String> text(String value) {
        return value.isBlank() || value.length() > 100 ? Optional.empty() : Optional.of(value.strip());
    }

    /** A day in the viewer's zone, as they think of it. */
    private static Optional<Instant> parseDay(String day, ZoneId zone) {
        try {
            return day.isBlank() ? Optional.empty()
                    : Optional.of(LocalDate.parse(day).atStartOfDay(zone).toInstant());
        } catch (DateTimeParseException notADay) {
            return Optional.empty();
        }
    }
}
