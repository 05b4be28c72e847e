package org.saathi.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param failuresBeforeLockout failed logins in a row after which an account is locked
 * @param lockout how long a locked account stays locked; a correct password does not unlock it sooner
 * @param idleTimeout how long a web session lasts without anything done in it (the queue refreshing itself does not count)
 * @param secureCookie whether the session cookie is sent over HTTPS only; turn off only for plain-HTTP trials
 */
@ConfigurationProperties("saathi.login")
public record LoginSettings(
        @DefaultValue("5") int failuresBeforeLockout,
        @DefaultValue("15m") Duration lockout,
        @DefaultValue("15m") Duration idleTimeout,
        @DefaultValue("true") boolean secureCookie) {

    public LoginSettings {
        if (failuresBeforeLockout < 1) {
            throw new IllegalArgumentException("saathi.login.failures-before-lockout must be 1 or more");
        }
        if (lockout.isNegative() || idleTimeout.toSeconds() < 60) {
            throw new IllegalArgumentException("saathi.login.lockout must not be negative and idle-timeout at least 1m");
        }
    }
}
