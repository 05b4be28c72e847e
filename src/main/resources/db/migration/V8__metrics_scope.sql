-- A key may also be a metrics scraper's: it reads /actuator/prometheus and nothing else.
ALTER TABLE api_key DROP CONSTRAINT api_key_scopes_check;
ALTER TABLE api_key ADD CONSTRAINT api_key_scopes_check
    CHECK (cardinality(scopes) > 0 AND scopes <@ ARRAY['ingest', 'roster', 'metrics']);
