package org.saathi.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationFailureLockedEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.security.authentication.event.LogoutSuccessEvent;
import org.springframework.stereotype.Component;

/**
 * Logins into the audit log, and the lock-out: a run of failed passwords locks the account for a
 * while, whether they were typed into the login form or sent to the API, so neither is a way
 * around the other. A failure under a name with no account is logged as "(unknown)": people type
 * passwords into the user name field, and those must not end up in the log.
 */
@Component
class LoginEvents {

    private static final Logger log = LoggerFactory.getLogger(LoginEvents.class);

    private final Accounts accounts;
    private final Audit audit;
    private final LoginSettings settings;

    LoginEvents(Accounts accounts, Audit audit, LoginSettings settings) {
        this.accounts = accounts;
        this.audit = audit;
        this.settings = settings;
    }

    @EventListener
    void failed(AuthenticationFailureBadCredentialsEvent event) {
        String name = event.getAuthentication().getName();
        if (name == null || !accounts.canLogIn(name)) {
            audit.record(Audit.UNKNOWN, Audit.Action.LOGIN_FAILED, null, null);
            return;
        }
        audit.record(name, Audit.Action.LOGIN_FAILED, null, null);
        if (accounts.recordFailure(name, settings)) {
            log.warn("Account {} locked for {} after {} failed logins", name, settings.lockout(),
                    settings.failuresBeforeLockout());
            audit.record(name, Audit.Action.ACCOUNT_LOCKED, null, null);
        }
    }

    @EventListener
    void refusedWhileLocked(AuthenticationFailureLockedEvent event) {
        audit.record(event.getAuthentication().getName(), Audit.Action.LOGIN_FAILED, null, "locked");
    }

    @EventListener
    void succeeded(AuthenticationSuccessEvent event) {
        if (event.getAuthentication() instanceof UsernamePasswordAuthenticationToken staff) {
            accounts.recordSuccess(staff.getName());
        }
    }

    /** A login through the form; API calls authenticate on every request and are not logins. */
    @EventListener
    void loggedIn(InteractiveAuthenticationSuccessEvent event) {
        audit.record(event.getAuthentication().getName(), Audit.Action.LOGIN, null, null);
    }

    @EventListener
    void loggedOut(LogoutSuccessEvent event) {
        audit.record(event.getAuthentication().getName(), Audit.Action.LOGOUT, null, null);
    }
}
