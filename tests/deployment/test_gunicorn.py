"""gunicorn with gunicorn.conf.py refuses to listen beyond loopback while DEBUG is on."""

import socket
import sys

import pytest

from tests.helpers.processes import (
    DEPLOY_SECRET_KEY,
    dev_env,
    free_port,
    production_env,
    run,
    serve,
)

GUNICORN = [sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py", "--workers", "1"]


def nothing_listens(port):
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) != 0


@pytest.mark.parametrize("address", ["0.0.0.0", "[::]"])
def test_gunicorn_with_dev_settings_refuses_a_public_address(tmp_path, address):
    """With the dev settings gunicorn exits before listening, saying why, on every interface."""
    port = free_port()
    command = [*GUNICORN, "--bind", f"{address}:{port}", "network_site.wsgi"]

    result = run(command, dev_env(tmp_path), timeout=60)

    assert result.returncode == 1
    assert "Refusing to start gunicorn on" in result.stderr
    assert "with DEBUG on (network_site.settings.dev)" in result.stderr
    assert "Listening at" not in result.stderr
    assert nothing_listens(port)


def test_gunicorn_with_dev_settings_refuses_its_default_bind(tmp_path):
    """The config's default bind (every interface) is refused too under the dev settings."""
    port = free_port()

    result = run([*GUNICORN, "network_site.wsgi"], dev_env(tmp_path, PORT=str(port)), timeout=60)

    assert result.returncode == 1
    assert f"Refusing to start gunicorn on 0.0.0.0:{port}" in result.stderr
    assert nothing_listens(port)


def test_gunicorn_with_dev_settings_serves_on_loopback(tmp_path):
    """On 127.0.0.1 the same dev settings serve requests."""
    port = free_port()
    command = [*GUNICORN, "--bind", f"127.0.0.1:{port}", "network_site.wsgi"]

    status, errors = serve(command, dev_env(tmp_path), f"http://127.0.0.1:{port}/healthz")

    assert status == 200, errors


def test_gunicorn_with_production_settings_may_listen_on_every_interface(tmp_path):
    """Production settings (DEBUG off) keep the container's 0.0.0.0 bind behind its proxy."""
    port = free_port()
    env = production_env(
        SECRET_KEY=DEPLOY_SECRET_KEY,
        SITE_URL="https://network.example.org",
        DATABASE_URL=f"sqlite:///{tmp_path / 'empty.sqlite3'}",
    )
    command = [*GUNICORN, "--bind", f"0.0.0.0:{port}", "network_site.wsgi"]

    status, errors = serve(command, env, f"http://127.0.0.1:{port}/healthz")

    assert status == 200, errors
