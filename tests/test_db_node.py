"""scripts/db-node.sh: the project's own PostgreSQL cluster, started on a scratch port and dir."""

import http.server
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import psycopg
import pytest

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "scratch-cluster-pw"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def db_node(command, port, state_dir, timeout=120, checkout=ROOT, extra_args=(), **extra):
    env = {key: value for key, value in os.environ.items() if not key.startswith("DB_")}
    env.update(DB_PORT=str(port), DB_STATE_DIR=str(state_dir), DB_PASSWORD=PASSWORD, **extra)
    return subprocess.run(
        ["bash", str(checkout / "scripts" / "db-node.sh"), command, *extra_args],
        cwd=checkout,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def url(port, database="councils"):
    return f"postgresql://councils:{PASSWORD}@127.0.0.1:{port}/{database}"


def create_databases(port, *names):
    with psycopg.connect(url(port), autocommit=True, connect_timeout=5) as conn:
        for name in names:
            conn.execute(f'CREATE DATABASE "{name}"')


def drop_databases(port, *names):
    with psycopg.connect(url(port), autocommit=True, connect_timeout=5) as conn:
        for name in names:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')


def database_names(port):
    with psycopg.connect(url(port), connect_timeout=5) as conn:
        return {row[0] for row in conn.execute("SELECT datname FROM pg_database")}


@pytest.fixture(scope="module")
def closed_checkout():
    """A copy of the scripts in a directory only its owner may enter, like CI's root checkout."""
    checkout = Path(tempfile.mkdtemp(prefix="councils-checkout-"))
    checkout.chmod(0o700)
    shutil.copytree(ROOT / "scripts", checkout / "scripts")
    yield checkout
    shutil.rmtree(checkout, ignore_errors=True)


def new_state_root():
    """A fresh state dir where CI keeps it: under /var/lib as root, else under /tmp.

    Open to others, so the cluster's system user (when run as root) can reach it; pytest's
    tmp_path is closed to other users.
    """
    parent = "/var/lib" if os.geteuid() == 0 else "/tmp"
    state_dir = Path(tempfile.mkdtemp(prefix="councils-db-test-", dir=parent))
    state_dir.chmod(0o755)
    return state_dir


@pytest.fixture(scope="module")
def scratch_cluster(closed_checkout):
    """A cluster of its own, started by `db-node.sh up` and stopped (and removed) afterwards.

    The script runs from a checkout closed to the cluster's owner, as on CI.
    """
    state_dir = new_state_root()
    port = free_port()
    first = db_node("up", port, state_dir, checkout=closed_checkout)
    try:
        yield {"port": port, "state_dir": state_dir, "first_up": first}
    finally:
        db_node("down", port, state_dir)
        shutil.rmtree(state_dir, ignore_errors=True)


def test_up_creates_a_cluster_the_project_role_can_log_in_to(scratch_cluster):
    """`up` on a fresh port makes a cluster where the project's role logs in with its password."""
    first = scratch_cluster["first_up"]
    assert first.returncode == 0, first.stdout + first.stderr
    assert "Creating a PostgreSQL" in first.stdout

    with psycopg.connect(url(scratch_cluster["port"]), connect_timeout=5) as conn:
        user, database, can_create = conn.execute(
            "SELECT current_user, current_database(), rolcreatedb FROM pg_roles "
            "WHERE rolname = current_user"
        ).fetchone()

    assert (user, database, can_create) == ("councils", "councils", True)


def test_up_keeps_data_outside_the_checkout_and_listens_on_localhost_only(scratch_cluster):
    """The cluster's data lives in the state dir and the server listens on 127.0.0.1 alone."""
    data = scratch_cluster["state_dir"] / str(scratch_cluster["port"]) / "data"

    with psycopg.connect(url(scratch_cluster["port"]), connect_timeout=5) as conn:
        listen = conn.execute("SHOW listen_addresses").fetchone()[0]

    assert (data / "PG_VERSION").is_file()
    assert listen == "127.0.0.1"
    assert ROOT not in data.resolve().parents


def test_up_runs_the_cluster_as_a_user_who_is_not_root(scratch_cluster):
    """The postmaster and its data belong to one user who is not root (councils-db under root)."""
    data = scratch_cluster["state_dir"] / str(scratch_cluster["port"]) / "data"
    pid = (data / "postmaster.pid").read_text().split()[0]
    process_uid = int(
        next(
            line
            for line in Path(f"/proc/{pid}/status").read_text().splitlines()
            if line.startswith("Uid:")
        ).split()[1]
    )

    assert process_uid != 0
    assert data.stat().st_uid == process_uid
    if os.geteuid() == 0:
        assert pwd.getpwuid(process_uid).pw_name == "councils-db"
    else:
        assert process_uid == os.geteuid()


def test_up_refuses_a_wrong_password(scratch_cluster):
    """Password authentication is enforced on 127.0.0.1: a wrong password cannot log in."""
    wrong = url(scratch_cluster["port"]).replace(PASSWORD, "not-the-password")

    with pytest.raises(psycopg.OperationalError, match="password authentication failed"):
        psycopg.connect(wrong, connect_timeout=5)


def test_up_again_reuses_the_running_cluster(scratch_cluster):
    """A second `up` reuses the healthy cluster instead of creating or starting another one."""
    again = db_node("up", scratch_cluster["port"], scratch_cluster["state_dir"])

    assert again.returncode == 0, again.stdout + again.stderr
    assert "Reusing the PostgreSQL cluster" in again.stdout
    assert "Creating" not in again.stdout
    assert "Starting" not in again.stdout


def test_status_reports_the_running_cluster(scratch_cluster):
    """`status` exits 0, says the role can log in and gives the DATABASE_URL without a password."""
    result = db_node("status", scratch_cluster["port"], scratch_cluster["state_dir"])

    assert result.returncode == 0, result.stdout + result.stderr
    assert "councils can log in to councils" in result.stdout
    assert f"DATABASE_URL=postgres://councils:***@127.0.0.1:{scratch_cluster['port']}/" in (
        result.stdout
    )
    assert PASSWORD not in result.stdout


def test_up_drops_test_databases_left_by_killed_runs(scratch_cluster):
    """`up` drops old unused test databases (a killed run's) and keeps recent ones."""
    port = scratch_cluster["port"]
    stale = f"test_{int(time.time()) - 4 * 3600}_deadbeef_killed_run"
    recent = f"test_{int(time.time())}_cafef00d_running"
    create_databases(port, stale, recent)

    result = db_node("up", port, scratch_cluster["state_dir"])

    left = database_names(port)
    drop_databases(port, recent)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"Dropping {stale}" in result.stdout
    assert stale not in left
    assert recent in left


def test_drop_run_drops_that_runs_databases_even_while_in_use(scratch_cluster):
    """`drop-run SUFFIX` drops that run's test databases, open or not, and no other run's."""
    port = scratch_cluster["port"]
    mine = f"test_{int(time.time())}_0badcafe_test_run_mine"
    other = f"test_{int(time.time())}_0badcafe_test_run_other"
    create_databases(port, mine, other)
    leaked = psycopg.connect(url(port, mine), connect_timeout=5)
    try:
        result = db_node(
            "drop-run", port, scratch_cluster["state_dir"], extra_args=["test_run_mine"]
        )
    finally:
        leaked.close()

    left = database_names(port)
    drop_databases(port, other)
    assert result.returncode == 0, result.stdout + result.stderr
    assert mine not in left
    assert other in left


def test_status_fails_clearly_when_nothing_runs(tmp_path):
    """`status` on a port with no cluster exits 3 and says how to start one."""
    port = free_port()

    result = db_node("status", port, tmp_path)

    assert result.returncode == 3
    assert f"not reachable at 127.0.0.1:{port}" in result.stdout
    assert "make db-up" in result.stdout


def test_down_is_a_no_op_when_nothing_runs(tmp_path):
    """`down` with no cluster on the port succeeds and says there was nothing to stop."""
    result = db_node("down", free_port(), tmp_path)

    assert result.returncode == 0, result.stderr
    assert "No PostgreSQL cluster is running" in result.stdout


def test_up_refuses_a_port_held_by_something_else(tmp_path):
    """`up` on a port where another server listens fails fast instead of creating a cluster."""
    server = http.server.HTTPServer(("127.0.0.1", 0), http.server.BaseHTTPRequestHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        result = db_node("up", server.server_address[1], tmp_path)
    finally:
        server.shutdown()
        server.server_close()

    assert result.returncode == 1
    assert "not PostgreSQL listens on port" in result.stderr
    assert not (tmp_path / str(server.server_address[1])).exists()


def test_up_shows_the_log_tail_when_postgresql_cannot_start(closed_checkout):
    """When the server exits during start-up, `up` fails with a message and the log's last lines."""
    state_dir = new_state_root()
    port = free_port()
    try:
        made = db_node("up", port, state_dir, checkout=closed_checkout)
        assert made.returncode == 0, made.stdout + made.stderr
        assert db_node("down", port, state_dir).returncode == 0
        with (state_dir / str(port) / "data" / "postgresql.conf").open("a") as conf:
            conf.write("shared_buffers = 'not-a-size'\n")

        broken = db_node("up", port, state_dir, checkout=closed_checkout)
    finally:
        db_node("down", port, state_dir)
        shutil.rmtree(state_dir, ignore_errors=True)

    assert broken.returncode == 1
    assert "PostgreSQL exited during start-up" in broken.stderr
    assert "--- last lines of" in broken.stderr
    assert 'invalid value for parameter "shared_buffers"' in broken.stderr


def test_up_without_postgresql_binaries_says_what_to_install(tmp_path):
    """Without PostgreSQL's binaries `up` fails, prints the apt-get line and makes no cluster."""
    empty_bin = tmp_path / "bin"
    empty_bin.mkdir()

    result = db_node("up", free_port(), tmp_path / "state", PG_BIN=str(empty_bin))

    assert result.returncode == 1
    assert "apt-get install -y postgresql" in result.stderr
    assert not (tmp_path / "state").exists()
