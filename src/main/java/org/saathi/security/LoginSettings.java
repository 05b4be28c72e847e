package org.saathi.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param failuresBeforeLockout failed logins in a row from one source address after which that address is refused for the account
 * @param firstLockout how long the address is refused after the last allowed failure; every further failure doubles it
 * @param lockout the longest the doubling goes; a correct password from the refused address does not get in sooner
 * @param idleTimeout how long a web session lasts without anything done in it (the queue refreshing itself does not count)
 * @param secureCookie whether the session cookie is sent over HTTPS only; turn off only for plain-HTTP trials
 */
@ConfigurationProperties("saathi.login")
public record LoginSettings(
        @DefaultValue("5") int failuresBeforeLockout,
        @DefaultValue("1m") Duration firstLockout,
        @DefaultValue("15m") Duration lockout,
        @DefaultValue("15m") Duration idleTimeout,
        @DefaultValue("true") boolean secureCookie) {

    public LoginSettings {
        if (failuresBeforeLockout < 1) {
            throw new IllegalArgumentException("saathi.login.failures-before-lockout must be 1 or more");
        }
        if (firstLockout.isNegative() || lockout.compareTo(firstLockout) < 0) {
            throw new IllegalArgumentException("saathi.login.first-lockout must not be negative nor longer than saathi.login.lockout");
        }
        if (idleTimeout.toSeconds() < 60) {
            throw new IllegalArgumentException("saathi.login.idle-timeout must be at least 1m");
        }
    }
}
