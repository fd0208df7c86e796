#!/usr/bin/env bash
# Create HalfSky's PostgreSQL role and database (run as root on the database server).
#   sudo deploy/postgresql-setup.sh [DATABASE] [ROLE]      (password: $PGPASSWORD, or asked)
# Idempotent: an existing role gets the password again, an existing database is kept.
set -euo pipefail
database=${1:-halfsky}
role=${2:-halfsky}
if [ -z "${PGPASSWORD:-}" ]; then
  read -r -s -p "password for the PostgreSQL role $role: " PGPASSWORD; echo
fi
[ -n "$PGPASSWORD" ] || { echo "postgresql-setup: an empty password is refused" >&2; exit 2; }
cd /
env -u PGPASSWORD -u PGHOST -u PGUSER -u PGDATABASE runuser -u postgres -- psql -q -v ON_ERROR_STOP=1 \
  -v role="$role" -v database="$database" -v password="$PGPASSWORD" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN', :'role')
  WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'role') \gexec
ALTER ROLE :"role" WITH LOGIN PASSWORD :'password';
SELECT format('CREATE DATABASE %I OWNER %I ENCODING ''UTF8'' TEMPLATE template0', :'database', :'role')
  WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'database') \gexec
SQL
echo "PostgreSQL database $database owned by $role is ready (DB=postgres PGDATABASE=$database PGUSER=$role)"
