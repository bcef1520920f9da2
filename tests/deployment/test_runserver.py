"""`manage.py runserver` with the dev settings serves on loopback only."""

import subprocess
import sys
import time
import urllib.request

import pytest

from tests.helpers.processes import ROOT, dev_env, free_port, run


@pytest.mark.parametrize("address", ["0.0.0.0", "0", "[::]"])
def test_runserver_with_dev_settings_refuses_a_public_address(tmp_path, address):
    """runserver with DEBUG on exits at once with a clear message instead of listening widely."""
    command = [sys.executable, "manage.py", "runserver", f"{address}:{free_port()}", "--noreload"]

    result = run(command, dev_env(tmp_path), timeout=60)

    assert result.returncode == 1
    assert "Refusing to start runserver on" in result.stderr
    assert "with DEBUG on (network_site.settings.dev)" in result.stderr


def test_runserver_with_dev_settings_serves_on_loopback(tmp_path):
    """runserver on 127.0.0.1, as `make run` starts it, still serves requests."""
    port = free_port()
    command = [
        sys.executable,
        "manage.py",
        "runserver",
        f"127.0.0.1:{port}",
        "--noreload",
        "--skip-checks",
    ]
    server = subprocess.Popen(
        command, cwd=ROOT, env=dev_env(tmp_path), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    try:
        status = None
        deadline = time.monotonic() + 60
        while status is None and time.monotonic() < deadline and server.poll() is None:
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{port}/healthz", timeout=5
                ) as response:
                    status = response.status
            except OSError:
                time.sleep(0.5)
    finally:
        server.terminate()
        _, errors = server.communicate(timeout=30)

    assert status == 200, errors.decode()
