# Shared by scripts/db-node.sh and scripts/search-node.sh (sourced, not run).
# Expects AS_ROOT, RUN_USER and STATE_ROOT to be set by the sourcing script.

say() { printf '==> %s\n' "$*"; }
die() {
    printf 'error: %s\n' "$*" >&2
    exit 1
}

# Creates the system user the service runs as when started by root; $1 names the service,
# which refuses to run as root.
ensure_user() {
    [ "$AS_ROOT" -eq 1 ] || return 0
    id -u "$RUN_USER" >/dev/null 2>&1 && return 0
    say "Creating system user $RUN_USER ($1 refuses to run as root)"
    useradd --system --user-group --no-create-home --home-dir "$STATE_ROOT" \
        --shell /usr/sbin/nologin "$RUN_USER"
}

# Prints the pid on the first line of file $1 if that process is running and its command line
# matches $2 (a pid file left by a crash may name an unrelated process by now).
running_pid() {
    [ -s "$1" ] || return 1
    local pid
    pid="$(head -n 1 "$1")"
    [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q "$2" &&
        echo "$pid"
}
