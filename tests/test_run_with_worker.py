"""scripts/run-with-worker.py (behind `make run`): the server and one worker stop together."""

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "run-with-worker.py"

pytestmark = pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads process states in /proc")

# Like db_worker under its autoreloader: a parent with a long-lived child.
WORKER = """
import os, pathlib, signal, subprocess, sys, time
if "--ignore-term" in sys.argv:
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
pathlib.Path(sys.argv[1]).write_text(f"{os.getpid()} {child.pid}")
print("worker ready", flush=True)
time.sleep(120)
"""
# Records its pid, waits for the worker's pids when given them, then sleeps and exits.
SERVER = """
import os, pathlib, sys, time
pathlib.Path(sys.argv[1]).write_text(str(os.getpid()))
if sys.argv[2]:
    while not pathlib.Path(sys.argv[2]).exists():
        time.sleep(0.05)
time.sleep(float(sys.argv[3]))
sys.exit(int(sys.argv[4]))
"""


class Run:
    """The script started on stand-in commands, with the pid files they write."""

    def __init__(self, tmp_path, *, worker=None, flags="", sleep=120, exit_code=0, extra=()):
        self.worker_pids, self.server_pid = tmp_path / "worker.pids", tmp_path / "server.pid"
        (tmp_path / "worker.py").write_text(textwrap.dedent(WORKER))
        (tmp_path / "server.py").write_text(textwrap.dedent(SERVER))
        waits_for = str(self.worker_pids) if worker is None else ""
        worker = worker or f"{sys.executable} {tmp_path / 'worker.py'} {self.worker_pids} {flags}"
        server = [sys.executable, str(tmp_path / "server.py"), str(self.server_pid), waits_for]
        server += [str(sleep), str(exit_code)]
        # A session of its own, as a terminal gives its foreground job, so Ctrl-C can be sent.
        self.process = subprocess.Popen(
            [sys.executable, str(SCRIPT), *extra, "--worker", worker, "--", *server],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )

    def finish(self):
        self.output, _ = self.process.communicate(timeout=60)
        return self.process.returncode

    def pids(self, *paths):
        deadline = time.monotonic() + 30
        while not all(path.exists() and path.read_text() for path in paths):
            assert time.monotonic() < deadline, f"{paths} never written"
            time.sleep(0.05)
        return [int(pid) for path in paths for pid in path.read_text().split()]


def alive(pid):
    """True while the process exists and is not a zombie waiting to be reaped."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


def test_server_exiting_stops_the_worker(tmp_path):
    """When the server ends, the worker and its child end too; the server's exit code is kept."""
    run = Run(tmp_path, sleep=0, exit_code=3)

    assert run.finish() == 3, run.output
    assert not any(alive(pid) for pid in run.pids(run.worker_pids, run.server_pid))
    assert "worker | worker ready" in run.output
    assert "the server exited (3); stopping the worker" in run.output


def test_ctrl_c_stops_the_server_and_the_worker(tmp_path):
    """Ctrl-C (SIGINT to the foreground process group) ends the script, server and worker."""
    run = Run(tmp_path)
    pids = run.pids(run.worker_pids, run.server_pid)

    os.killpg(run.process.pid, signal.SIGINT)

    assert run.finish() == 128 + signal.SIGINT, run.output
    assert not any(alive(pid) for pid in pids)


def test_worker_exiting_stops_the_server(tmp_path):
    """A worker that dies takes the server down with it, instead of leaving email unsent."""
    run = Run(tmp_path, worker=f"{sys.executable} -c 'print(\"no database\"); exit(2)'")

    assert run.finish() == 2, run.output
    assert not alive(run.pids(run.server_pid)[0])
    assert "worker | no database" in run.output
    assert "the worker exited (2); stopping the server" in run.output


def test_a_worker_ignoring_sigterm_is_killed_after_the_grace_period(tmp_path):
    """A worker that will not stop is killed once the grace period is over."""
    run = Run(tmp_path, flags="--ignore-term", sleep=0, extra=("--grace", "1"))

    started = time.monotonic()
    assert run.finish() == 0, run.output
    assert time.monotonic() - started < 20
    assert "did not stop within 1 s; killing it" in run.output
    assert not any(alive(pid) for pid in run.pids(run.worker_pids))


def test_make_run_serves_on_localhost_beside_one_worker():
    """`make run` ends by starting runserver on 127.0.0.1 through the script, with db_worker."""
    result = subprocess.run(
        ["make", "--dry-run", "--no-print-directory", "run"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    (line,) = [line for line in result.stdout.splitlines() if "runserver" in line]
    assert "scripts/run-with-worker.py --worker" in line
    assert "manage.py db_worker" in line
    assert line.rstrip().endswith("runserver 127.0.0.1:8000")
