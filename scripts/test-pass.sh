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

printf '\n==> Test pass: %s\n' "$label"
started="$(date +%s)"
status=0
"$PYTEST" --durations=15 --timeout=600 "--junitxml=$junit" "$@" || status=$?
elapsed="$(($(date +%s) - started))"

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
