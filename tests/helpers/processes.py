"""Run the project's own entry points (manage.py, gunicorn, python -c) in a child process."""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent

# Everything the settings read that a test must set on purpose rather than inherit.
SETTINGS_VARIABLES = {
    "DJANGO_SETTINGS_MODULE",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "DATABASE_URL",
    "SITE_URL",
    "WAGTAILADMIN_BASE_URL",
    "SITE_HOSTNAME",
    "SITE_PORT",
    "MEDIA_ROOT",
    "MEDIA_URL",
    "SERVE_MEDIA",
    "GUNICORN_BIND",
    "SECURITY_CONTACT",
}
# Long enough for the check framework; production settings also need a site address.
DEPLOY_SECRET_KEY = "k3y-for-the-deploy-check-" + "x7Qp9zLm2Rv8Tn4Wb6Yc1Hd5Jf3Gs0Ka" * 2


def run(command, env=None, timeout=120):
    return subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )


def clean_env(**overrides):
    """The current environment minus the project's settings variables, plus ``overrides``."""
    env = {key: value for key, value in os.environ.items() if key not in SETTINGS_VARIABLES}
    env.update(overrides)
    return env


def production_env(**overrides):
    return clean_env(DJANGO_SETTINGS_MODULE="network_site.settings.production", **overrides)


def dev_env(var_dir, **overrides):
    """Dev settings with their SQLite database and uploads in ``var_dir``."""
    return clean_env(
        DJANGO_SETTINGS_MODULE="network_site.settings.dev", VAR_DIR=str(var_dir), **overrides
    )


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def settings_values(env, *names):
    """The settings ``names`` as the settings module in ``env`` computes them (as strings)."""
    probe = (
        "import json; from django.conf import settings; "
        f"print(json.dumps({{name: str(getattr(settings, name)) for name in {list(names)!r}}}))"
    )
    result = run([sys.executable, "-c", probe], env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


def first_status(url, server, timeout=60):
    """The status of the first answer from ``url`` while ``server`` (a Popen) runs, else None."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and server.poll() is None:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.status
        except OSError:
            time.sleep(0.5)
    return None


def serve(command, env, url, timeout=60):
    """Start ``command``, return (status of the first answer from ``url``, its stderr), stop it."""
    server = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    try:
        status = first_status(url, server, timeout)
    finally:
        server.terminate()
        _, errors = server.communicate(timeout=30)
    return status, errors.decode()
