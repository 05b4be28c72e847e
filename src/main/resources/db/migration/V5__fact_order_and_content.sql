-- Reports of one session are ordered by when they were stored, not by clocks that may differ between
-- instances; and a repeat of a fact is told from a different fact with the same key by its content.

ALTER TABLE attendance ADD COLUMN seq bigserial;
ALTER TABLE attendance DROP CONSTRAINT attendance_participant_id_session_id_status_key;
CREATE INDEX attendance_session_reports ON attendance (participant_id, session_id, seq);

ALTER TABLE check_in ADD COLUMN content_hash text;
ALTER TABLE screening ADD COLUMN content_hash text;
ALTER TABLE peer_concern ADD COLUMN content_hash text;
