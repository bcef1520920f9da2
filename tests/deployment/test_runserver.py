"""`manage.py runserver` with the dev settings serves on loopback only."""

import sys

import pytest

from tests.helpers.processes import dev_env, free_port, run, serve


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

    status, errors = serve(command, dev_env(tmp_path), f"http://127.0.0.1:{port}/healthz")

    assert status == 200, errors
