-- Who looked at or changed what, and when: every view of a participant record or alert detail,
-- every alert state change, every key and staff change, every login and failed login. Rows are
-- only ever added; the trigger refuses any change or removal, so the log can be trusted.
CREATE TABLE audit_event (
    id              bigserial   PRIMARY KEY,
    at              timestamptz NOT NULL,
    -- a staff id, "key:<id>" for an integration, or "(unknown)" for a failed login with no such account (no id has parentheses)
    actor           text        NOT NULL,
    action          text        NOT NULL,
    participant_id  text,
    -- what was looked at or changed: an alert id, key id, staff id, rule set version
    target          text,
    -- WEB (the staff page) or API
    channel         text        NOT NULL CHECK (channel IN ('WEB', 'API', 'SYSTEM')),
    remote_address  text
);

CREATE INDEX audit_event_at ON audit_event (at DESC, id DESC);
CREATE INDEX audit_event_actor ON audit_event (actor, at DESC);
CREATE INDEX audit_event_participant ON audit_event (participant_id, at DESC) WHERE participant_id IS NOT NULL;

CREATE FUNCTION refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit log is append-only: % refused', TG_OP;
END;
$$;

CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION refuse_audit_change();
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_change();

-- Lock-out after repeated failed logins, shared by every instance.
ALTER TABLE account ADD COLUMN failed_logins integer NOT NULL DEFAULT 0;
ALTER TABLE account ADD COLUMN locked_until timestamptz;
