-- Rule quality (GET /api/v1/rules/quality, the rules page) counts a programme's alerts raised in a
-- period: this finds them without reading every other programme's alerts of that period.
CREATE INDEX alert_programme_raised ON alert (programme_id, raised_at);
