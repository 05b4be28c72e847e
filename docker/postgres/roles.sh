#!/bin/sh
# Runs once, when the postgres image creates its database: the two roles Saathi uses. The owner
# runs the migrations and owns the audit log; the service only adds to and reads that log.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
    -v owner_password="$SAATHI_OWNER_PASSWORD" -v service_password="$SAATHI_SERVICE_PASSWORD" <<'SQL'
CREATE ROLE saathi_owner LOGIN PASSWORD :'owner_password';
CREATE ROLE saathi_service LOGIN PASSWORD :'service_password';
ALTER DATABASE :"DBNAME" OWNER TO saathi_owner;
ALTER SCHEMA public OWNER TO saathi_owner;
SQL
