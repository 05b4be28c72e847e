package org.saathi.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Staff passwords, checked with the lock-out around them: an attempt is taken from the account
 * before the password is looked at, and the last wrong one locks it. The same for the login form
 * and for the API, so that neither is a way around the other.
 */
final class StaffLogins implements AuthenticationProvider {

    private static final Logger log = LoggerFactory.getLogger(StaffLogins.class);

    private final DaoAuthenticationProvider passwords;
    private final Accounts accounts;
    private final LoginSettings settings;
    private final Audit audit;

    StaffLogins(Accounts accounts, PasswordEncoder encoder, LoginSettings settings, Audit audit) {
        this.passwords = new DaoAuthenticationProvider(accounts);
        this.passwords.setPasswordEncoder(encoder);
        this.accounts = accounts;
        this.settings = settings;
        this.audit = audit;
    }

    @Override
    public Authentication authenticate(Authentication login) {
        String name = login.getName();
        Accounts.Attempt attempt = accounts.takeAttempt(name, settings);
        if (attempt == Accounts.Attempt.LOCKED) {
            throw new LockedException("locked");
        }
        try {
            Authentication authenticated = passwords.authenticate(login);
            accounts.attemptSucceeded(name);
            return authenticated;
        } catch (BadCredentialsException wrong) {
            if (attempt == Accounts.Attempt.TAKEN && accounts.attemptFailed(name, settings)) {
                log.warn("Account {} locked for {} after {} failed logins", name, settings.lockout(),
                        settings.failuresBeforeLockout());
                audit.record(name, Audit.Action.ACCOUNT_LOCKED, null, null);
            }
            throw wrong;
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
