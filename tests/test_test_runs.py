"""How `make test` runs: per-run test databases, the report's database lines, each timed pass."""

import os
import re
import subprocess
import sys
import uuid
from pathlib import Path

import psycopg
import pytest

ROOT = Path(__file__).resolve().parent.parent
TEST_PASS = ROOT / "scripts" / "test-pass.sh"
# Parsed, never connected to: the settings and pytest's collection do not open connections.
SERVER_URL = "postgres://councils:pw@127.0.0.1:5999/councils"
TEST_NAME = re.compile(r"test_\d{10}_[0-9a-f]{8}_[a-z0-9_]+")


def run(command, timeout=180, **overrides):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "SEARCH_INDEX_PREFIX"} and not key.startswith("PYTEST_")
    }
    env.update(overrides)
    return subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )


def configured_test_name(**env):
    probe = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.DATABASES['default']['TEST']['NAME'])"
    )
    result = run(
        [sys.executable, "-c", probe], DJANGO_SETTINGS_MODULE="network_site.settings.test", **env
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_server_database_gets_its_own_test_database_per_run():
    """Two runs on PostgreSQL get different test database names, dated for later clean-up."""
    first = configured_test_name(DATABASE_URL=SERVER_URL)
    second = configured_test_name(DATABASE_URL=SERVER_URL)

    assert TEST_NAME.fullmatch(first), first
    assert TEST_NAME.fullmatch(second), second
    assert first != second
    assert len(first) <= 63  # PostgreSQL's identifier limit


def test_test_database_name_carries_the_runs_index_prefix():
    """The test database names the run's search index prefix, so both are traced to one run."""
    name = configured_test_name(DATABASE_URL=SERVER_URL, SEARCH_INDEX_PREFIX="test-Run-42")

    assert name.endswith("_test_run_42")


def test_sqlite_runs_stay_in_memory():
    """Without DATABASE_URL the tests use SQLite's in-memory database, not a named file."""
    assert configured_test_name() == "None"


def collect_only(**env):
    return run(
        [sys.executable, "-m", "pytest", "--co", "-p", "no:cacheprovider", "tests/test_urls.py"],
        **env,
    )


def test_report_names_sqlite_in_header_and_summary():
    """A SQLite run says so in pytest's header and in its closing summary."""
    result = collect_only()

    assert result.returncode == 0, result.stdout + result.stderr
    assert "database: SQLite (in memory)" in result.stdout
    assert "Database for this run: SQLite (in memory)" in result.stdout


def test_report_names_the_postgresql_test_database_in_header_and_summary():
    """A PostgreSQL run names the server and its test database in the header and summary."""
    result = collect_only(DATABASE_URL=SERVER_URL)

    assert result.returncode == 0, result.stdout + result.stderr
    header = re.search(
        r"^database: PostgreSQL, test database (\S+) at 127.0.0.1:5999$", result.stdout, re.M
    )
    summary = re.search(
        r"^Database for this run: PostgreSQL, test database (\S+) at", result.stdout, re.M
    )
    assert header and summary, result.stdout
    assert TEST_NAME.fullmatch(header[1])
    assert header[1] == summary[1]


def test_pass_fails_loudly_when_it_runs_no_tests(tmp_path):
    """A pass whose selection matches no test fails with pytest's exit code 5 and says why."""
    junit = tmp_path / "junit-empty.xml"

    result = run(
        ["bash", str(TEST_PASS), "empty", str(junit), "tests/test_urls.py", "-k", "no_such_test"]
    )

    assert result.returncode == 5
    assert "test pass empty ran no tests (pytest exit code 5)" in result.stderr
    assert "Test pass empty FAILED" in result.stderr


def test_pass_reports_its_duration_and_writes_its_junit(tmp_path):
    """A passing pass prints its label and duration and writes the junit XML it was given."""
    junit = tmp_path / "junit-one.xml"

    result = run(
        [
            "bash",
            str(TEST_PASS),
            "one",
            str(junit),
            "tests/test_urls.py",
            "-k",
            "robots",
            "-p",
            "no:cacheprovider",
        ]
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"Test pass one passed in \d+s", result.stdout)
    assert 'failures="0"' in junit.read_text()
    assert "test_urls" in junit.read_text()


# The cluster `make test` starts (scripts/db-node.sh with the Makefile's defaults).
DB_NODE_URL = os.environ.get(
    "TEST_DB_NODE_URL", "postgres://councils:councils-local-dev@127.0.0.1:5433/councils"
)


@pytest.fixture
def db_node_url():
    """The project's PostgreSQL cluster; a run without it fails and says how to start it."""
    try:
        psycopg.connect(DB_NODE_URL, connect_timeout=5).close()
    except psycopg.OperationalError as error:
        pytest.fail(f"PostgreSQL is not reachable ({error}): start it with 'make db-up'")
    return DB_NODE_URL


# pytest options for a test file outside tests/ (without the suite's conftest) under our settings.
OUTSIDE_THE_SUITE = (
    "-p",
    "no:cacheprovider",
    "--no-migrations",
    "--rootdir",
    str(ROOT),
    "-c",
    str(ROOT / "pyproject.toml"),
)


def database_exists(server_url, name):
    with psycopg.connect(server_url, connect_timeout=5) as conn:
        found = conn.execute("SELECT count(*) FROM pg_database WHERE datname = %s", [name])
        return found.fetchone()[0] == 1


def test_failed_postgresql_run_drops_its_test_database(db_node_url, tmp_path):
    """A PostgreSQL run whose tests fail still drops the test database it made."""
    failing = tmp_path / "test_failing.py"
    failing.write_text(
        "from django.db import connection\n\n"
        "def test_fails(db):\n"
        "    assert False, 'in ' + connection.settings_dict['NAME']\n"
    )

    result = run(
        [
            sys.executable,
            "-m",
            "pytest",
            *OUTSIDE_THE_SUITE,
            str(failing),
        ],
        DATABASE_URL=db_node_url,
        SEARCH_INDEX_PREFIX=f"test-dropped-{uuid.uuid4().hex[:8]}",
    )

    used = re.search(r"AssertionError: in (test_\w+)", result.stdout)
    assert result.returncode == 1, result.stdout + result.stderr
    assert used and TEST_NAME.fullmatch(used[1]), result.stdout
    assert not database_exists(db_node_url, used[1])


def test_postgresql_pass_drops_a_test_database_a_leaked_connection_held(db_node_url, tmp_path):
    """A PostgreSQL pass drops its test database even when a connection it leaked kept it open."""
    leaking = tmp_path / "test_leaking.py"
    leaking.write_text(
        "import psycopg\nfrom django.db import connection\n\nLEAKED = []\n\n"
        "def test_leaks(db):\n"
        "    params = connection.get_connection_params()\n"
        "    LEAKED.append(psycopg.connect(**params))\n"
        "    print('in', params['dbname'])\n"
    )

    result = run(
        [
            "bash",
            str(TEST_PASS),
            "leaky",
            str(tmp_path / "junit.xml"),
            "-s",
            *OUTSIDE_THE_SUITE,
            str(leaking),
        ],
        DATABASE_URL=db_node_url,
    )

    used = re.search(r"\bin (test_\w+)", result.stdout)
    assert result.returncode == 0, result.stdout + result.stderr
    assert used and TEST_NAME.fullmatch(used[1]), result.stdout
    assert f"Dropping {used[1]}" in result.stdout
    assert not database_exists(db_node_url, used[1])


def test_make_test_runs_the_postgresql_pass_after_a_failed_sqlite_pass(tmp_path):
    """A failing SQLite pass still lets the PostgreSQL pass run, and make fails at the end."""
    calls = tmp_path / "calls"
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    pytest_stub = bin_dir / "pytest"
    # Stands in for pytest: records which database each pass used, fails the SQLite one.
    pytest_stub.write_text(
        f'#!/bin/sh\necho "${{DATABASE_URL:-sqlite}}" >> {calls}\n[ -n "${{DATABASE_URL:-}}" ]\n'
    )
    pytest_stub.chmod(0o755)
    python = bin_dir / "python"
    # A wrapper, not a symlink: the virtualenv is found from the path the interpreter runs as.
    python.write_text(f'#!/bin/sh\nexec {sys.executable} "$@"\n')
    python.chmod(0o755)

    result = run(
        [
            "make",
            "-o",
            "install",
            "-o",
            "search-up",
            "-o",
            "db-up",
            "-o",
            "lint",
            "test",
            f"BIN={bin_dir}",
            "DB_PORT=5999",
        ],
        timeout=300,
    )

    assert result.returncode != 0
    passes = calls.read_text().split()
    assert passes == ["sqlite", "postgres://councils:councils-local-dev@127.0.0.1:5999/councils"]
    assert "sqlite pass exit 1, postgresql pass exit 0" in result.stdout
