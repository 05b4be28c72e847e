package org.saathi.security;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.security.authentication.event.LogoutSuccessEvent;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Logins and logouts into the audit log; failed logins are {@link StaffLogins}' and
 * {@link FailedLogins}', one row per account and minute.
 */
@Component
class LoginEvents {

    private final Accounts accounts;
    private final Audit audit;

    LoginEvents(Accounts accounts, Audit audit) {
        this.accounts = accounts;
        this.audit = audit;
    }

    /** A login through the form; API calls authenticate on every request and are not logins. */
    @EventListener
    void loggedIn(InteractiveAuthenticationSuccessEvent event) {
        String staffId = event.getAuthentication().getName();
        audit.record(staffId, Audit.Action.LOGIN, null, null);
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request) {
            request.getRequest().getSession().setAttribute(StaleSessions.STAMP, accounts.stamp(staffId).orElse(""));
        }
    }

    @EventListener
    void loggedOut(LogoutSuccessEvent event) {
        audit.record(event.getAuthentication().getName(), Audit.Action.LOGOUT, null, null);
    }
}
