-- A number that moves with every change to the staff or to a programme's thresholds, by any
-- instance: what a participant's context takes from them is read once and kept while the number
-- stays, and read again once it has moved. The participant's own row is read with every fact anyway.
CREATE TABLE roster_version (
    only_row  boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    version   bigint  NOT NULL
);

INSERT INTO roster_version (version) VALUES (0);

CREATE FUNCTION move_roster_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE roster_version SET version = version + 1;
    RETURN NULL;
END;
$$;

CREATE TRIGGER staff_moves_roster_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON staff
    FOR EACH STATEMENT EXECUTE FUNCTION move_roster_version();
CREATE TRIGGER thresholds_move_roster_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON programme_threshold
    FOR EACH STATEMENT EXECUTE FUNCTION move_roster_version();
