#!/bin/sh
# Runs once, when the postgres container initialises an empty volume, as the superuser (POSTGRES_USER).
# Two roles, neither a superuser: projetk owns the database and runs the migrations; projetk_app is what the
# API and the worker connect as — it reads and writes rows, owns nothing, so it cannot alter, drop or disable
# the triggers that keep the ledger, the audit trail and issued reports append-only. The migrations grant
# projetk_app its privileges table by table.
set -e
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v owner_password="$PROJETK_OWNER_PASSWORD" -v app_password="$PROJETK_APP_PASSWORD" <<'SQL'
CREATE ROLE projetk LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'owner_password';
CREATE ROLE projetk_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'app_password';
CREATE DATABASE projetk OWNER projetk;
REVOKE ALL ON DATABASE projetk FROM PUBLIC;
GRANT CONNECT ON DATABASE projetk TO projetk, projetk_app;
SQL
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname projetk <<'SQL'
-- The owner alone may create objects in the public schema (PostgreSQL 15+ grants PUBLIC nothing there already).
ALTER SCHEMA public OWNER TO projetk;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
SQL
