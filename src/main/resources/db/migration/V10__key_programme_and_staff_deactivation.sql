-- An integration key serves one programme; a key for the whole deployment (programme_id NULL) is
-- made only when an admin asks for one. Keys made before keys had a programme serve the programme
-- of the admin who made them, or the default programme when that admin no longer exists.
ALTER TABLE api_key ADD COLUMN programme_id text REFERENCES programme (id);
UPDATE api_key k SET programme_id = coalesce((SELECT s.programme_id FROM staff s WHERE s.id = k.created_by), 'default');

-- A deactivated staff member cannot log in and is no longer told about alerts; their assignments stay
-- until an admin reassigns them, so the gap shows.
ALTER TABLE staff ADD COLUMN deactivated_at timestamptz;

-- What a change changed: for each field its old and new value (ids and enums only, never names or notes).
ALTER TABLE audit_event ADD COLUMN detail jsonb;
