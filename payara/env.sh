# Shared settings and helpers of payara/run, payara/stop and payara/token. Sourced, not run.
# Every value can be overridden from the environment.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VAR="${FILEPARSER_VAR:-$ROOT/var}"
PAYARA_VERSION="6.2025.9"
PAYARA_HOME="$VAR/payara6"
ASADMIN="$PAYARA_HOME/bin/asadmin"
KEYS="$VAR/keys"
JWT_ISSUER="${FILEPARSER_JWT_ISSUER:-fileparser-dev}"
JWT_AUDIENCE="${FILEPARSER_JWT_AUDIENCE:-file-parser-api}"
DB_HOST="${FILEPARSER_DB_HOST:-127.0.0.1}"
DB_PORT="${FILEPARSER_DB_PORT:-5432}"
# TLS to PostgreSQL (README, "PostgreSQL over TLS"), for the domain's JDBC pools and payara/run's
# own psql alike: a pgJDBC/libpq sslmode (default prefer, both drivers' own default: TLS when the
# server offers it, unverified) and the PEM of the CA that signed the server's certificate, which
# verify-ca and verify-full need.
DB_SSLMODE="${FILEPARSER_DB_SSLMODE:-prefer}"
DB_SSLROOTCERT="${FILEPARSER_DB_SSLROOTCERT:-}"
# Two database roles (README, "Database roles"): DB_USER owns the schema and runs the migrations
# only (pool parser-schema-pool, jdbc/parser-schema); DB_APP_USER serves every request (parser-pool,
# jdbc/parser) with the privileges the migrations grant it: it may append to the audit log, never
# change or remove a record.
DB_USER="${FILEPARSER_DB_USER:-fileparser}"
DB_APP_USER="${FILEPARSER_DB_APP_USER:-${DB_USER}_app}"
# The roles' passwords: FILEPARSER_DB_PASSWORD and FILEPARSER_DB_APP_PASSWORD, else the ones
# payara/run generated in var/keys/db.password and var/keys/db-app.password (see db_password in
# payara/run).
DB_PASSWORD_FILE="$KEYS/db.password"
DB_APP_PASSWORD_FILE="$KEYS/db-app.password"
EAR="$ROOT/ear/target/file-parser.ear"

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "error: $*"; exit 1; }

# The domain's ports: the defaults (admin 4848, HTTP 8080) or, with a port base B, B+48 and B+80.
set_ports() {
  local portbase="$1"
  if [[ -n "$portbase" ]]; then
    ADMIN_PORT=$((portbase + 48))
    HTTP_PORT=$((portbase + 80))
    HTTPS_PORT=$((portbase + 81))
    HAZELCAST_PORT=$((portbase + 900))
  else
    ADMIN_PORT=4848
    HTTP_PORT=8080
    HTTPS_PORT=8181
    HAZELCAST_PORT=5900
  fi
}

# Port base and database of an existing domain are remembered beside it.
domain_state_file() { echo "$VAR/domains/$1.env"; }

# The domain's admin password, generated when payara/run creates the domain, as an asadmin password
# file (AS_ADMIN_PASSWORD=...) readable only by its owner. The admin console asks for it too (user
# admin).
admin_password_file() { echo "$KEYS/$1.admin-password"; }

# asadmin as the admin user of domain $DOMAIN: the password comes from its file, never from a
# command line.
as_admin() { "$ASADMIN" --user admin --passwordfile "$(admin_password_file "$DOMAIN")" "$@"; }
