"""The project's own tooling: production settings, the search node script, compose, gunicorn."""

import http.server
import runpy
import shutil
import sys
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from search.client import get_search_client
from tests.helpers.processes import DEPLOY_SECRET_KEY, ROOT, clean_env, production_env, run

SEARCH_NODE = ROOT / "scripts" / "search-node.sh"


def test_production_check_deploy_has_no_warnings():
    """`manage.py check --deploy` with production settings and its variables set is clean."""
    env = production_env(SECRET_KEY=DEPLOY_SECRET_KEY, SITE_URL="https://network.example.org")

    result = run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"], env)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_refuses_to_start_without_secret_key():
    """Production settings raise a clear error when SECRET_KEY is missing from the environment."""
    result = run([sys.executable, "manage.py", "check"], production_env())

    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_redirects_plain_http_except_the_health_check(tmp_path):
    """Production sends plain HTTP to HTTPS, but /healthz answers so probes can use HTTP."""
    probe = (
        "import django; django.setup(); from django.test import Client; c = Client(); "
        "print(c.get('/').status_code, c.get('/healthz').status_code)"
    )
    env = production_env(
        SECRET_KEY=DEPLOY_SECRET_KEY,
        SITE_URL="https://network.example.org",
        ALLOWED_HOSTS="testserver",
        DATABASE_URL=f"sqlite:///{tmp_path / 'empty.sqlite3'}",
    )

    result = run([sys.executable, "-c", probe], env)

    assert result.returncode == 0, result.stderr
    home, health = result.stdout.split()[-2:]
    assert home == "301"
    # The empty database has no tables, but SELECT 1 still answers: healthy, not redirected.
    assert health == "200"


def compose_command():
    if shutil.which("docker") and run(["docker", "compose", "version"]).returncode == 0:
        return ["docker", "compose"]
    if shutil.which("docker-compose"):
        return ["docker-compose"]
    return None


def compose_web_environment(env, service="web"):
    """A service's environment as `docker compose config` resolves it with ``env``."""
    result = run([*compose_command(), "config"], env)
    assert result.returncode == 0, result.stderr
    return yaml.safe_load(result.stdout)["services"][service]["environment"]


needs_compose = pytest.mark.skipif(
    compose_command() is None, reason="neither `docker compose` nor docker-compose is installed"
)


@needs_compose
def test_docker_compose_file_is_valid():
    """`docker compose config -q` accepts docker-compose.yml when the required secrets are set."""
    env = clean_env(
        SECRET_KEY="compose-check",
        POSTGRES_PASSWORD="compose-check",
        SITE_URL="https://network.example.org",
    )

    result = run([*compose_command(), "config", "-q"], env)

    assert result.returncode == 0, result.stderr


@needs_compose
def test_docker_compose_sets_the_site_and_media_from_the_environment():
    """The web service needs SITE_URL, applies it to the Site before gunicorn, and sets media."""
    env = clean_env(SECRET_KEY="compose-check", POSTGRES_PASSWORD="compose-check")

    missing = run([*compose_command(), "config", "-q"], env)
    config = run([*compose_command(), "config"], {**env, "SITE_URL": "https://network.example.org"})

    assert missing.returncode != 0
    assert "SITE_URL" in missing.stderr
    assert config.returncode == 0, config.stderr
    web = config.stdout.split("\n  web:", 1)[1]
    assert "SITE_URL: https://network.example.org" in web
    assert "MEDIA_ROOT: /app/var/media" in web
    assert "SERVE_MEDIA: 'true'" in web or 'SERVE_MEDIA: "true"' in web
    assert web.index("configure_site") < web.index("exec gunicorn")


@needs_compose
def test_docker_compose_passes_an_admin_address_through():
    """WAGTAILADMIN_BASE_URL reaches the web service when set, and is empty (SITE_URL) when not."""
    env = clean_env(
        SECRET_KEY="compose-check",
        POSTGRES_PASSWORD="compose-check",
        SITE_URL="https://network.example.org",
    )

    default = compose_web_environment(env)
    separate = compose_web_environment(
        {**env, "WAGTAILADMIN_BASE_URL": "https://admin.network.example.org"}
    )

    assert default["WAGTAILADMIN_BASE_URL"] in ("", None)
    assert separate["WAGTAILADMIN_BASE_URL"] == "https://admin.network.example.org"


@needs_compose
@pytest.mark.parametrize("service", ["web", "worker"])
def test_the_compose_environment_passes_the_deploy_check(service):
    """Web and worker environments, as compose resolves them, give a clean `check --deploy`."""
    resolved = compose_web_environment(
        clean_env(
            SECRET_KEY=DEPLOY_SECRET_KEY,
            POSTGRES_PASSWORD="compose-check",
            SITE_URL="https://network.example.org",
        ),
        service,
    )
    env = clean_env(**{name: str(value or "") for name, value in resolved.items()})

    result = run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"], env)

    assert resolved["DJANGO_SETTINGS_MODULE"] == "network_site.settings.production"
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


@needs_compose
def test_docker_compose_requires_secret_key():
    """The compose stack refuses to start without SECRET_KEY, naming the missing variable."""
    env = clean_env(POSTGRES_PASSWORD="compose-check", SITE_URL="https://network.example.org")

    result = run([*compose_command(), "config", "-q"], env)

    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def dev_database(**env):
    probe = (
        "import django; django.setup(); from django.conf import settings; "
        "d = settings.DATABASES['default']; print(d['ENGINE'], d['NAME'], d['HOST'], d['PORT'])"
    )
    environ = clean_env(DJANGO_SETTINGS_MODULE="network_site.settings.dev")
    for name in ("DATABASE_URL", "VAR_DIR"):
        environ.pop(name, None)
    environ.update(env)
    result = run([sys.executable, "-c", probe], environ)
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_make_run_uses_sqlite_without_database_url():
    """Without DATABASE_URL the development settings (make run) use SQLite in var/."""
    engine, name, *_ = dev_database()

    assert engine == "django.db.backends.sqlite3"
    assert Path(name) == ROOT / "var" / "db.sqlite3"


def test_database_url_selects_postgresql():
    """DATABASE_URL=postgres://... selects PostgreSQL with that URL's host, port and database."""
    url = "postgres://councils:pw@127.0.0.1:5433/councils"

    assert dev_database(DATABASE_URL=url) == [
        "django.db.backends.postgresql",
        "councils",
        "127.0.0.1",
        "5433",
    ]


def compose_services():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]


def test_docker_compose_runs_a_task_worker_after_the_migrations():
    """The compose `worker` service runs db_worker from the web image once migrations are done."""
    services = compose_services()
    worker = services["worker"]

    assert worker["build"] == services["web"]["build"]
    assert worker["command"] == ["python", "manage.py", "db_worker"]
    assert worker["environment"]["DATABASE_URL"] == services["web"]["environment"]["DATABASE_URL"]
    assert worker["environment"]["DJANGO_SETTINGS_MODULE"] == "network_site.settings.production"
    # The web service migrates before gunicorn starts, so its health means migrations are done.
    assert worker["depends_on"]["db"] == {"condition": "service_healthy"}
    assert worker["depends_on"]["web"] == {"condition": "service_healthy"}
    assert worker["restart"] == "unless-stopped"


def test_docker_compose_web_and_worker_wait_for_a_postgresql_health_check():
    """PostgreSQL has a pg_isready health check over TCP, and web and worker wait for it."""
    services = compose_services()
    check = services["db"]["healthcheck"]["test"]

    assert check[0] == "CMD"
    assert check[1] == "pg_isready"
    # Over TCP: the image's initialisation server answers on its socket only, not yet ready.
    assert "--host=127.0.0.1" in check
    for name in ("web", "worker"):
        assert services[name]["depends_on"]["db"] == {"condition": "service_healthy"}, name


def test_gunicorn_config_reads_the_environment(monkeypatch):
    """gunicorn.conf.py takes bind address and worker count from the environment."""
    monkeypatch.setenv("GUNICORN_BIND", "127.0.0.1:8123")
    monkeypatch.setenv("GUNICORN_WORKERS", "5")

    config = runpy.run_path(str(ROOT / "gunicorn.conf.py"))

    assert config["bind"] == "127.0.0.1:8123"
    assert config["workers"] == 5
    assert config["accesslog"] == "-"


def test_gunicorn_config_defaults(monkeypatch):
    """Without overrides gunicorn listens on port 8000 (or $PORT) with two workers."""
    for name in ("GUNICORN_BIND", "GUNICORN_WORKERS", "WEB_CONCURRENCY", "PORT"):
        monkeypatch.delenv(name, raising=False)

    config = runpy.run_path(str(ROOT / "gunicorn.conf.py"))

    assert config["bind"] == "0.0.0.0:8000"
    assert config["workers"] == 2


def test_make_help_lists_the_documented_targets():
    """`make help` documents the targets the README tells people to use."""
    result = run(["make", "--no-print-directory", "help"])

    assert result.returncode == 0, result.stderr
    listed = {line.split()[0] for line in result.stdout.splitlines() if line.strip()}
    assert {
        "run",
        "test",
        "search-up",
        "search-down",
        "search-status",
        "db-up",
        "db-down",
        "db-status",
        "install",
    } <= listed


def test_make_run_points_the_site_and_admin_at_the_dev_server():
    """`make run` moves the Site record to 127.0.0.1:$PORT before serving there with that URL."""
    # A dry run: prints the recipe lines (the recursive `logins` too) without running them.
    result = run(["make", "--no-print-directory", "--dry-run", "run", "PORT=8123"])

    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    (configure,) = [n for n, line in enumerate(lines) if "manage.py configure_site" in line]
    (serve,) = [n for n, line in enumerate(lines) if "manage.py runserver" in line]
    assert "SITE_URL=http://127.0.0.1:8123 " in lines[configure]
    assert lines[serve].startswith("SITE_URL=http://127.0.0.1:8123 ")
    assert lines[serve].endswith("runserver 127.0.0.1:8123")
    assert configure < serve


def node_script(command, port, state_dir, timeout=30):
    env = clean_env(SEARCH_PORT=str(port), SEARCH_STATE_DIR=str(state_dir))
    return run(["bash", str(SEARCH_NODE), command], env, timeout=timeout)


@pytest.mark.elasticsearch
def test_search_node_status_reports_the_running_node(search_node, tmp_path):
    """`search-node.sh status` exits 0 and reports health and working en_GB stemming."""
    port = urlsplit(search_node).port

    result = node_script("status", port, tmp_path)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "Elasticsearch: green" in result.stdout or "Elasticsearch: yellow" in result.stdout
    assert "en_GB stemming works" in result.stdout


def test_search_node_status_fails_clearly_when_nothing_runs(closed_port, tmp_path):
    """`status` on a port with no node exits 3 and says how to start one."""
    result = node_script("status", closed_port, tmp_path)

    assert result.returncode == 3
    assert f"not reachable at http://127.0.0.1:{closed_port}" in result.stdout
    assert "make search-up" in result.stdout


def test_search_node_down_is_a_no_op_when_nothing_runs(closed_port, tmp_path):
    """`down` with no node on the port succeeds and says there was nothing to stop."""
    result = node_script("down", closed_port, tmp_path)

    assert result.returncode == 0, result.stderr
    assert "No Elasticsearch node is running" in result.stdout


def test_search_node_up_refuses_a_port_held_by_something_else(tmp_path):
    """`up` on a port where another server answers fails fast instead of starting a node."""
    server = http.server.HTTPServer(("127.0.0.1", 0), http.server.BaseHTTPRequestHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        result = node_script("up", server.server_address[1], tmp_path)
    finally:
        server.shutdown()
        server.server_close()

    assert result.returncode == 1
    assert "is not a healthy Elasticsearch node" in result.stderr
    assert not (tmp_path / str(server.server_address[1]) / "elasticsearch.pid").exists()


@pytest.mark.elasticsearch
def test_search_node_stems_british_english(search_node):
    """The node has the en_GB hunspell dictionary: British plurals stem to their singular."""
    analysis = get_search_client().indices.analyze(
        tokenizer="standard",
        filter=["lowercase", {"type": "hunspell", "locale": "en_GB"}],
        text="Councils neighbourhoods",
    )

    tokens = {token["token"] for token in analysis["tokens"]}
    assert {"council", "neighbourhood"} <= tokens
