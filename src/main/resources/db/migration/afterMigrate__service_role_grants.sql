-- Run after every migration run, even one with nothing to apply, so that the role the service
-- connects as now has what it needs on every table of the schema, whichever role that is: one
-- named later, or split off from the role that migrates. It reads and changes the records the
-- service keeps but may only add to and read the audit log: it can neither change, remove nor
-- truncate audit rows, nor alter the table or its triggers, which only their owner (the role
-- migrations run as) can. Where one role both migrates and serves, there is nothing to grant, and
-- the service warns at start instead. Granting again what is granted changes nothing.
DO $$
DECLARE
    service text := '${service_role}';
BEGIN
    IF service = '' OR service = current_user THEN
        RETURN;
    END IF;
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO %I', current_schema(), service);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I TO %I', current_schema(), service);
    EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO %I', current_schema(), service);
    EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON audit_event FROM %I', service);
    -- The migrations' own history is none of the service's business.
    EXECUTE format('REVOKE ALL ON %I FROM %I', '${flyway:table}', service);
END $$;
