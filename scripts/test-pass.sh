#!/usr/bin/env bash
# One pass of `make test`: pytest with the given arguments, timed, its junit XML in JUNIT.
#
#   scripts/test-pass.sh LABEL JUNIT [PYTEST_ARGS...]
#
# The database is whatever DATABASE_URL selects (unset: SQLite in memory). pytest's exit code
# is passed on; 5 (nothing collected or everything deselected) gets a loud message, because a
# pass that ran no tests proves nothing.
set -euo pipefail

if [ "$#" -lt 2 ]; then
    echo "usage: $0 LABEL JUNIT [PYTEST_ARGS...]" >&2
    exit 2
fi
label="$1"
junit="$2"
shift 2
PYTEST="${PYTEST:-.venv/bin/pytest}"

case "${DATABASE_URL:-}" in
postgres://* | postgresql://*)
    # The run's test database is named after its index prefix (network_site/settings/test.py),
    # so it can be dropped here when a connection the run leaked kept pytest-django from it.
    export SEARCH_INDEX_PREFIX="${SEARCH_INDEX_PREFIX:-test-$(od -An -N4 -tx1 /dev/urandom | tr -d ' \n')}"
    run_suffix="$(printf '%s' "$SEARCH_INDEX_PREFIX" | tr 'A-Z' 'a-z' | sed -E 's/[^a-z0-9]+/_/g' | cut -c1-32)"
    ;;
esac

printf '\n==> Test pass: %s\n' "$label"
started="$(date +%s)"
status=0
"$PYTEST" --durations=15 --timeout=600 "--junitxml=$junit" "$@" || status=$?
elapsed="$(($(date +%s) - started))"
if [ -n "${run_suffix:-}" ]; then
    "$(dirname "$0")/db-node.sh" drop-run "$run_suffix" ||
        echo "warning: could not drop this run's test databases (suffix $run_suffix)" >&2
fi

if [ "$status" -eq 5 ]; then
    printf '\nerror: test pass %s ran no tests (pytest exit code 5): check the paths and -m/-k.\n' \
        "$label" >&2
fi
if [ "$status" -eq 0 ]; then
    printf '==> Test pass %s passed in %ss (junit: %s)\n' "$label" "$elapsed" "$junit"
else
    printf '==> Test pass %s FAILED (pytest exit code %s) after %ss (junit: %s)\n' \
        "$label" "$status" "$elapsed" "$junit" >&2
fi
exit "$status"
