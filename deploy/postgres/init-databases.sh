#!/bin/sh
# Run by the postgres image once, when its data volume is first initialised: a role and database
# for Vigil, and a role owning Temporal's two databases. Passwords come from the compose
# environment and reach SQL as psql variables, quoted by psql.
set -eu

psql --set ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  --set vigil_password="$VIGIL_DB_PASSWORD" \
  --set temporal_password="$TEMPORAL_DB_PASSWORD" <<'SQL'
CREATE ROLE vigil LOGIN PASSWORD :'vigil_password';
CREATE DATABASE vigil OWNER vigil;
CREATE ROLE temporal LOGIN PASSWORD :'temporal_password';
CREATE DATABASE temporal OWNER temporal;
CREATE DATABASE temporal_visibility OWNER temporal;
SQL
