package org.saathi.security;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

import org.saathi.api.StorableText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Staff passwords, checked with the delays around them ({@link LoginFailures}); the same for the
 * login form and for the API, so that neither is a way around the other. Every refusal (no such
 * account, a wrong password, an address being delayed, an account that may not log in) answers
 * alike and after the same work, a password hash compared, so that neither the answer nor its
 * time tells whether a staff id exists or is being delayed.
 */
final class StaffLogins implements AuthenticationProvider {

    private static final Logger log = LoggerFactory.getLogger(StaffLogins.class);

    private final Accounts accounts;
    private final PasswordEncoder encoder;
    private final LoginFailures failures;
    private final FailedLogins failedLogins;
    private final LoginSettings settings;
    private final Audit audit;
    /** Compared with when there is no password to compare with, so that a refusal takes as long as a check. */
    private final String noPassword;

    StaffLogins(Accounts accounts, PasswordEncoder encoder, LoginFailures failures, FailedLogins failedLogins,
            LoginSettings settings, Audit audit) {
        this.accounts = accounts;
        this.encoder = encoder;
        this.failures = failures;
        this.failedLogins = failedLogins;
        this.settings = settings;
        this.audit = audit;
        this.noPassword = encoder.encode(UUID.randomUUID().toString());
    }

    @Override
    public Authentication authenticate(Authentication login) {
        String name = login.getName();
        String presented = login.getCredentials() == null ? "" : login.getCredentials().toString();
        String address = currentAddress();
        Optional<UserDetails> account = find(name);
        // a deactivated staff member has no account here (Accounts finds none), so is refused as a stranger
        OptionalInt taken = account.isPresent() ? failures.take(name, address) : OptionalInt.empty();
        boolean right = encoder.matches(presented, taken.isPresent() ? account.get().getPassword() : noPassword);
        if (right && taken.isPresent()) {
            failures.succeeded(name, address);
            UserDetails user = account.get();
            return UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities());
        }
        refused(name, address, account.isPresent(), taken);
        throw new BadCredentialsException("Bad credentials");
    }

    private void refused(String name, String address, boolean known, OptionalInt taken) {
        // A name with no account may be a password typed into the wrong field: it never reaches the log.
        String actor = known ? name : Audit.UNKNOWN;
        boolean checked = taken.isPresent() || !known;
        failedLogins.count(actor, address, checked ? FailedLogins.Outcome.WRONG_PASSWORD : FailedLogins.Outcome.REFUSED);
        if (taken.isPresent() && taken.getAsInt() == settings.failuresBeforeLockout()) {
            log.warn("Account {} refused from an address for {} after {} failed logins from it", name,
                    settings.firstLockout(), settings.failuresBeforeLockout());
            audit.record(name, Audit.Action.ACCOUNT_LOCKED, null, null);
        }
    }

    private Optional<UserDetails> find(String name) {
        if (!StorableText.isStorable(name)) {
            return Optional.empty(); // no account has such an id, and the database could not even look for it
        }
        try {
            return Optional.of(accounts.loadUserByUsername(name));
        } catch (UsernameNotFoundException none) {
            return Optional.empty();
        }
    }

    private static String currentAddress() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request
                ? SourceAddress.of(request.getRequest()) : "unknown";
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
