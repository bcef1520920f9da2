#!/usr/bin/env bash
# The project's own PostgreSQL cluster: up | down | status | prune | drop-run SUFFIX | url.
#
# Uses Debian's PostgreSQL binaries (/usr/lib/postgresql/<version>/bin, the newest one) with
# initdb and pg_ctl directly, not the system's default cluster. The cluster belongs to a
# dedicated system user (root) or to the current user (non-root), keeps its data outside the
# checkout and listens on 127.0.0.1 only, with password logins for the project's role.
#
# Environment (all optional):
#   DB_PORT             TCP port (default 5433, so it never clashes with a system 5432)
#   DB_NAME             database the project uses (default councils)
#   DB_ROLE             role the project logs in as; it may create databases (default councils)
#   DB_PASSWORD         that role's password, URL-safe (default: a fixed local-only dev password)
#   DB_USER             system user the cluster runs as when started by root (default councils-db)
#   DB_STATE_DIR        where each port's data/, log and socket live
#   DB_START_TIMEOUT    seconds to wait for the cluster to accept connections (default 60)
#   DB_STOP_TIMEOUT     seconds to wait for a clean stop before an immediate one (default 60)
#   DB_TEST_MAX_AGE     seconds after which an unused test database is dropped (default 10800)
#   PG_BIN              PostgreSQL binaries to use (default: the newest /usr/lib/postgresql/*/bin)
set -euo pipefail

DB_PORT="${DB_PORT:-5433}"
DB_NAME="${DB_NAME:-councils}"
DB_ROLE="${DB_ROLE:-councils}"
# Only ever reachable from 127.0.0.1; production passwords come from DATABASE_URL instead.
DB_PASSWORD="${DB_PASSWORD:-councils-local-dev}"
START_TIMEOUT="${DB_START_TIMEOUT:-60}"
STOP_TIMEOUT="${DB_STOP_TIMEOUT:-60}"
TEST_MAX_AGE="${DB_TEST_MAX_AGE:-10800}"
SCRIPTS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

if [ "$(id -u)" -eq 0 ]; then
    AS_ROOT=1
    RUN_USER="${DB_USER:-councils-db}"
    STATE_ROOT="${DB_STATE_DIR:-/var/lib/councils-db}"
else
    AS_ROOT=0
    RUN_USER="$(id -un)"
    STATE_ROOT="${DB_STATE_DIR:-${XDG_STATE_HOME:-$HOME/.local/state}/councils-db}"
fi
STATE_DIR="$STATE_ROOT/$DB_PORT"
DATA_DIR="$STATE_DIR/data"
LOG_FILE="$STATE_DIR/postgresql.log"
URL="postgres://$DB_ROLE:$DB_PASSWORD@127.0.0.1:$DB_PORT/$DB_NAME"
SHOWN_URL="postgres://$DB_ROLE:***@127.0.0.1:$DB_PORT/$DB_NAME"

# shellcheck source=lib/node-common.sh
. "$SCRIPTS_DIR/lib/node-common.sh"

# --- binaries --------------------------------------------------------------------------------

find_bin() {
    if [ -n "${PG_BIN:-}" ]; then
        echo "$PG_BIN"
        return 0
    fi
    local found
    found="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
    [ -n "$found" ] && [ -x "$found/pg_ctl" ] && echo "$found"
}

# Sets BIN, installing Debian's postgresql (as root) when no binaries are found.
ensure_binaries() {
    BIN="$(find_bin || true)"
    if [ -z "$BIN" ]; then
        "$SCRIPTS_DIR/system-packages.sh" postgresql ||
            die "PostgreSQL is required (Debian package postgresql)."
        BIN="$(find_bin || true)"
    fi
    [ -n "$BIN" ] && [ -x "$BIN/initdb" ] && [ -x "$BIN/pg_ctl" ] ||
        die "No PostgreSQL binaries in ${PG_BIN:-/usr/lib/postgresql/*/bin}.
       Install them (Debian: apt-get install -y postgresql) or set PG_BIN."
    PG_MAJOR="$("$BIN/pg_ctl" --version | sed -n 's/.* \([0-9][0-9]*\)\..*/\1/p')"
}

# Runs a command as the cluster's owner, from / (which that user can always read).
as_owner() {
    if [ "$AS_ROOT" -eq 1 ]; then
        (cd / && runuser -u "$RUN_USER" -- "$@")
    else
        (cd / && "$@")
    fi
}

# --- talking to the cluster ------------------------------------------------------------------

is_ready() {
    local bin
    bin="$(find_bin || true)"
    [ -n "$bin" ] && "$bin/pg_isready" -q -h 127.0.0.1 -p "$DB_PORT" -t 2 >/dev/null 2>&1
}

# The postmaster's pid from the data directory, if that process is still running.
managed_pid() { running_pid "$DATA_DIR/postmaster.pid" postgres; }

# psql as the cluster's superuser over its own socket (peer authentication).
superuser_psql() {
    as_owner "$BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$STATE_DIR" -p "$DB_PORT" -U "$RUN_USER" \
        -d postgres "$@"
}

# True when the project's role can log in with its password over TCP.
role_can_log_in() {
    local bin
    bin="$(find_bin || true)"
    [ -n "$bin" ] && PGCONNECT_TIMEOUT=3 PGPASSWORD="$DB_PASSWORD" "$bin/psql" -X -q -w \
        -h 127.0.0.1 -p "$DB_PORT" -U "$DB_ROLE" -d "$DB_NAME" -tAc 'SELECT 1' >/dev/null 2>&1
}

server_version() {
    PGCONNECT_TIMEOUT=3 PGPASSWORD="$DB_PASSWORD" "$(find_bin)/psql" -X -w -h 127.0.0.1 \
        -p "$DB_PORT" -U "$DB_ROLE" -d "$DB_NAME" -tAc 'SHOW server_version' 2>/dev/null |
        sed 's/ .*//' || true
}

# --- set-up ----------------------------------------------------------------------------------

ensure_state_dir() {
    mkdir -p "$STATE_DIR"
    if [ "$AS_ROOT" -eq 1 ]; then
        chown "$RUN_USER:" "$STATE_ROOT" "$STATE_DIR"
        chmod 750 "$STATE_DIR"
        as_owner test -w "$STATE_DIR" ||
            die "$RUN_USER cannot write to $STATE_DIR (a parent directory is closed to it).
       Choose another place: DB_STATE_DIR=/var/lib/councils-db"
    fi
}

# initdb into a staging directory and move it into place, so an interrupted initdb is never
# mistaken for a cluster. ICU collation orders text like production's en_* locales without
# needing any OS locale generated.
ensure_cluster() {
    if [ -s "$DATA_DIR/PG_VERSION" ]; then
        local made_by
        made_by="$(cat "$DATA_DIR/PG_VERSION")"
        [ "$made_by" = "$PG_MAJOR" ] ||
            die "The cluster in $DATA_DIR was made by PostgreSQL $made_by, these binaries are $PG_MAJOR.
       Use PG_BIN=/usr/lib/postgresql/$made_by/bin, or remove $STATE_DIR to start afresh."
        return 0
    fi
    say "Creating a PostgreSQL $PG_MAJOR cluster in $DATA_DIR (owner $RUN_USER)"
    local staging
    staging="$(as_owner mktemp -d "$STATE_DIR/.initdb.XXXXXX")"
    local -a locale=(--locale=C.UTF-8)
    if [ "$PG_MAJOR" -ge 15 ]; then
        locale+=(--locale-provider=icu --icu-locale=en-GB)
    fi
    if ! as_owner "$BIN/initdb" -D "$staging" -U "$RUN_USER" --encoding=UTF8 "${locale[@]}" \
        --auth-local=peer --auth-host=scram-sha-256 >"$STATE_DIR/initdb.log" 2>&1; then
        tail -n 20 "$STATE_DIR/initdb.log" >&2
        rm -rf "$staging"
        die "initdb failed (log: $STATE_DIR/initdb.log)."
    fi
    cat >>"$staging/postgresql.conf" <<EOF

# councils: a local development and test cluster (scripts/db-node.sh)
listen_addresses = '127.0.0.1'
port = $DB_PORT
unix_socket_directories = '$STATE_DIR'
# A crash may lose the last commits, never corrupt the cluster; test runs commit a lot.
synchronous_commit = off
EOF
    mv -T "$staging" "$DATA_DIR"
}

# The project's role (may create databases: the tests make their own) and its database.
ensure_role_and_database() {
    superuser_psql -v role="$DB_ROLE" -v password="$DB_PASSWORD" -v db="$DB_NAME" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN', :'role')
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'role') \gexec
ALTER ROLE :"role" LOGIN CREATEDB PASSWORD :'password';
SELECT format('CREATE DATABASE %I OWNER %I', :'db', :'role')
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'db') \gexec
SQL
}

# Test databases are named test_<unix time>_<run> (network_site/settings/test.py). A killed
# run leaves its database behind; drop those older than DB_TEST_MAX_AGE that nobody uses.
prune_test_databases() {
    local stale
    stale="$(superuser_psql -tA -v max_age="$TEST_MAX_AGE" <<'SQL'
SELECT datname FROM pg_database
WHERE datname ~ '^test_[0-9]{10}_'
  AND substring(datname from '^test_([0-9]{10})_')::bigint
      < extract(epoch FROM now()) - :'max_age'::bigint
  AND NOT EXISTS (SELECT FROM pg_stat_activity a WHERE a.datname = pg_database.datname);
SQL
)"
    local name
    for name in $stale; do
        say "Dropping $name, left behind by an interrupted test run"
        superuser_psql -v name="$name" <<<'DROP DATABASE IF EXISTS :"name";' ||
            echo "warning: could not drop $name" >&2
    done
}

# Drops one run's test databases (names ending _<suffix>), also while a leaked connection of
# that run still holds one open: pytest-django's own drop then fails with only a warning.
drop_run_databases() {
    local suffix="$1" names name
    [[ "$suffix" =~ ^[a-z0-9_]+$ ]] || die "drop-run needs the run's suffix (a-z, 0-9, _)."
    names="$(superuser_psql -tA -v suffix="$suffix" <<'SQL'
SELECT datname FROM pg_database
WHERE datname ~ '^test_[0-9]{10}_' AND right(datname, length(:'suffix') + 1) = '_' || :'suffix';
SQL
)"
    for name in $names; do
        say "Dropping $name, left behind by its test run"
        superuser_psql -v name="$name" <<<'DROP DATABASE IF EXISTS :"name" WITH (FORCE);'
    done
}

# --- commands --------------------------------------------------------------------------------

print_failure() {
    printf '\nerror: %s\n' "$1" >&2
    if [ -s "$LOG_FILE" ]; then
        printf '\n--- last lines of %s ---\n' "$LOG_FILE" >&2
        tail -n 40 "$LOG_FILE" >&2
    fi
    printf '\nLog: %s\n' "$LOG_FILE" >&2
}

cmd_up() {
    if is_ready && ! managed_pid >/dev/null; then
        if role_can_log_in; then
            say "Reusing the PostgreSQL $(server_version) at 127.0.0.1:$DB_PORT (not started by this script)"
            echo "DATABASE_URL=$SHOWN_URL"
            return 0
        fi
        die "Something answers on port $DB_PORT but $DB_ROLE cannot log in to $DB_NAME there.
       Free the port or choose another: DB_PORT=5434 make db-up"
    fi
    if ! is_ready && ! managed_pid >/dev/null && (exec 3<>"/dev/tcp/127.0.0.1/$DB_PORT") 2>/dev/null; then
        die "Something that is not PostgreSQL listens on port $DB_PORT.
       Free the port or choose another: DB_PORT=5434 make db-up"
    fi

    ensure_binaries
    ensure_user PostgreSQL
    ensure_state_dir
    # One `up` per port at a time (e.g. two checkouts running make test at once).
    exec 9>"$STATE_DIR/.up.lock"
    flock -w "$START_TIMEOUT" 9 || die "Another 'db-node.sh up' on port $DB_PORT is still running."
    ensure_cluster

    local started pid
    started="$(date +%s)"
    if pid="$(managed_pid)"; then
        say "Reusing the PostgreSQL cluster on port $DB_PORT (pid $pid)"
    else
        say "Starting PostgreSQL $PG_MAJOR on 127.0.0.1:$DB_PORT as $RUN_USER (data in $DATA_DIR)"
        as_owner "$BIN/pg_ctl" start -D "$DATA_DIR" -l "$LOG_FILE" -W -s 9>&- ||
            {
                print_failure "pg_ctl could not start PostgreSQL."
                exit 1
            }
    fi

    local deadline=$((started + START_TIMEOUT)) polls=0
    until is_ready; do
        if [ "$(date +%s)" -ge "$deadline" ]; then
            print_failure "PostgreSQL did not accept connections within ${START_TIMEOUT}s."
            exit 1
        fi
        # pg_ctl -W returns at once; a cluster gone after a few polls failed to start.
        if [ "$polls" -gt 2 ] && ! managed_pid >/dev/null; then
            print_failure "PostgreSQL exited during start-up."
            exit 1
        fi
        polls=$((polls + 1))
        sleep 0.5
    done
    ensure_role_and_database
    prune_test_databases
    role_can_log_in || die "PostgreSQL is up but $DB_ROLE cannot log in to $DB_NAME with its password."
    say "PostgreSQL $(server_version) accepts connections at 127.0.0.1:$DB_PORT after $(($(date +%s) - started))s (pid $(managed_pid || echo '?'))"
    echo "DATABASE_URL=$SHOWN_URL"
}

cmd_down() {
    local pid
    if ! pid="$(managed_pid)"; then
        if is_ready; then
            die "A PostgreSQL answers on port $DB_PORT but was not started by this script (no live postmaster in $DATA_DIR).
       Stop it the way it was started."
        fi
        say "No PostgreSQL cluster is running on port $DB_PORT"
        return 0
    fi
    ensure_binaries
    say "Stopping PostgreSQL (pid $pid) on port $DB_PORT"
    local started
    started="$(date +%s)"
    if ! as_owner "$BIN/pg_ctl" stop -D "$DATA_DIR" -m fast -w -t "$STOP_TIMEOUT" -s; then
        echo "warning: still running after ${STOP_TIMEOUT}s; stopping it immediately" >&2
        as_owner "$BIN/pg_ctl" stop -D "$DATA_DIR" -m immediate -w -t "$STOP_TIMEOUT" -s
    fi
    say "Stopped after $(($(date +%s) - started))s"
}

cmd_status() {
    local pid
    pid="$(managed_pid || true)"
    if ! is_ready; then
        echo "PostgreSQL: not reachable at 127.0.0.1:$DB_PORT${pid:+ (pid $pid is running, maybe still starting)}"
        echo "Start it with: make db-up"
        return 3
    fi
    if role_can_log_in; then
        echo "PostgreSQL: $(server_version) at 127.0.0.1:$DB_PORT, $DB_ROLE can log in to $DB_NAME"
    else
        echo "PostgreSQL: answers at 127.0.0.1:$DB_PORT, but $DB_ROLE cannot log in to $DB_NAME"
    fi
    if [ -n "$pid" ]; then
        echo "Process:    pid $pid, user $(ps -o user= -p "$pid"), binaries $(find_bin)"
        echo "Data, log:  $DATA_DIR, $LOG_FILE"
    else
        echo "Process:    not started by this script (no live postmaster in $DATA_DIR)"
    fi
    echo "Use it:     DATABASE_URL=$SHOWN_URL"
    role_can_log_in
}

cmd_prune() {
    managed_pid >/dev/null || die "No PostgreSQL cluster of this script runs on port $DB_PORT."
    ensure_binaries
    prune_test_databases
}

case "${1:-}" in
up) cmd_up ;;
down) cmd_down ;;
status) cmd_status ;;
prune) cmd_prune ;;
drop-run)
    managed_pid >/dev/null || die "No PostgreSQL cluster of this script runs on port $DB_PORT."
    ensure_binaries
    drop_run_databases "${2:-}"
    ;;
url) echo "$URL" ;;
*)
    echo "usage: $0 up|down|status|prune|drop-run SUFFIX|url   (DB_PORT=$DB_PORT)" >&2
    exit 2
    ;;
esac
