#!/bin/sh
# Runs once, when the PostgreSQL volume is created (docker-entrypoint-initdb.d). POSTGRES_USER
# (portal_owner) owns the database and runs migrations; portal_app is what web, worker and beat use:
# it owns nothing, and after `manage.py database_roles grant portal_app` holds only SELECT and INSERT
# on the audit table (R-43).
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v app_password="$POSTGRES_APP_PASSWORD" <<'SQL'
CREATE ROLE portal_app LOGIN PASSWORD :'app_password' NOSUPERUSER NOCREATEDB NOCREATEROLE;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO portal_app;
SQL
