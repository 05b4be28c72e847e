package org.saathi.security;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationFailureLockedEvent;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.security.authentication.event.LogoutSuccessEvent;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Logins into the audit log (the lock-out itself is {@link StaffLogins}'). A failure under a name
 * with no account is logged as "(unknown)": people type passwords into the user name field, and
 * those must not end up in the log.
 */
@Component
class LoginEvents {

    private final Accounts accounts;
    private final Audit audit;

    LoginEvents(Accounts accounts, Audit audit) {
        this.accounts = accounts;
        this.audit = audit;
    }

    @EventListener
    void failed(AuthenticationFailureBadCredentialsEvent event) {
        String name = event.getAuthentication().getName();
        if (name == null || !accounts.canLogIn(name)) {
            audit.record(Audit.UNKNOWN, Audit.Action.LOGIN_FAILED, null, null);
            return;
        }
        audit.record(name, Audit.Action.LOGIN_FAILED, null, null);
    }

    @EventListener
    void refusedWhileLocked(AuthenticationFailureLockedEvent event) {
        audit.record(event.getAuthentication().getName(), Audit.Action.LOGIN_FAILED, null, "locked");
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
