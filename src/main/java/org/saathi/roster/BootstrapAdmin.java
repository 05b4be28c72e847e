package org.saathi.roster;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.EnumSet;

import org.saathi.security.Accounts;
import org.saathi.security.StaffRole;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * On a fresh database there is nobody who could create staff or keys: create an {@code admin} login
 * with the password from {@code SAATHI_ADMIN_PASSWORD}, or a generated one logged this once. It runs
 * before the web server takes requests, so the first request can already log in.
 */
@Component
class BootstrapAdmin implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(BootstrapAdmin.class);
    static final String ADMIN_ID = "admin";

    private final StaffStore staff;
    private final Accounts accounts;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final String configuredPassword;

    BootstrapAdmin(StaffStore staff, Accounts accounts, JdbcClient jdbc, TransactionTemplate transactions,
            Clock clock, @Value("${saathi.admin-password:}") String configuredPassword) {
        this.staff = staff;
        this.accounts = accounts;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
        this.configuredPassword = configuredPassword;
        if (!configuredPassword.isEmpty() && configuredPassword.length() < 12) {
            throw new IllegalStateException("SAATHI_ADMIN_PASSWORD must be at least 12 characters long");
        }
    }

    @Override
    public void afterSingletonsInstantiated() {
        transactions.executeWithoutResult(status -> createAdminIfNone());
    }

    private void createAdminIfNone() {
        // Several instances may start at once against one database: one of them creates the admin.
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('saathi.bootstrap-admin'))").query().singleRow();
        if (staff.anyAdmin()) {
            return;
        }
        boolean generated = configuredPassword.isEmpty();
        String password = generated ? generatedPassword() : configuredPassword;
        staff.upsert(ADMIN_ID, "Administrator", null, null, EnumSet.of(StaffRole.ADMIN), ProgrammeStore.DEFAULT,
                java.util.List.of(), clock.instant());
        accounts.setPassword(ADMIN_ID, password);
        if (generated) {
            log.warn("No admin existed: created login '{}' with generated password {} (shown only now; "
                    + "set SAATHI_ADMIN_PASSWORD to choose it)", ADMIN_ID, password);
        } else {
            log.info("No admin existed: created login '{}' with the password from SAATHI_ADMIN_PASSWORD", ADMIN_ID);
        }
    }

    private static String generatedPassword() {
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
}
