package org.saathi.database;

import java.util.Optional;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Warns at start, once the migrations have run, when the role the service connects as could
 * change or remove the audit log: a superuser, its owner, one granted more than adding and
 * reading rows, one that may create roles, or one that may run commands or reach files on the
 * database server. Every such problem is named in the one warning. The audit log can be trusted only as far as the service's role is kept from it.
 */
class ServiceRoleCheck implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(ServiceRoleCheck.class);

    private final ObjectProvider<DataSource> dataSource;

    ServiceRoleCheck(ObjectProvider<DataSource> dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void afterSingletonsInstantiated() {
        DataSource service = dataSource.getIfUnique();
        if (service == null) {
            return;
        }
        try {
            warning(JdbcClient.create(service)).ifPresent(log::warn);
        } catch (DataAccessException failed) {
            log.warn("Could not check the database role the service connects as: {}", failed.getMessage());
        }
    }

    /** What is wrong with the service's role, if anything. */
    static Optional<String> warning(JdbcClient jdbc) {
        return jdbc.sql("""
                        SELECT CASE WHEN r.rolsuper
                            THEN 'is a superuser: it can remove audit rows past their triggers and run commands on the database server'
                            ELSE NULLIF(concat_ws('; ',
                                CASE WHEN r.rolcreaterole THEN 'may create roles and grant them (before PostgreSQL 16, '
                                    || 'even the role that owns the audit log, to itself)' END,
                                CASE WHEN pg_has_role(current_user, 'pg_execute_server_program', 'MEMBER')
                                        OR pg_has_role(current_user, 'pg_write_server_files', 'MEMBER')
                                        OR pg_has_role(current_user, 'pg_read_server_files', 'MEMBER')
                                    THEN 'may run commands or read and write files on the database server' END,
                                CASE WHEN c.oid IS NULL THEN NULL
                                    WHEN pg_has_role(current_user, c.relowner, 'USAGE') THEN 'owns the audit log: it can disable its triggers or drop it'
                                    WHEN has_table_privilege(c.oid, 'UPDATE, DELETE, TRUNCATE') THEN 'may change or remove audit rows'
                                END), '')
                        END
                        FROM pg_roles r LEFT JOIN pg_class c ON c.oid = to_regclass('audit_event')
                        WHERE r.rolname = current_user""")
                .query(String.class).optional()
                .map(problem -> "The database role the service connects as (" + currentUser(jdbc) + ") " + problem
                        + "; give the service a role of its own that only reads and adds to the audit log "
                        + "(see Database roles in the README)");
    }

    private static String currentUser(JdbcClient jdbc) {
        return jdbc.sql("SELECT current_user").query(String.class).single();
    }
}
