"""Shared fixtures; tests marked ``elasticsearch`` use the real node ``make test`` starts."""

import io
import logging
import os
import signal
import socket
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import close_old_connections, connection
from django.test import override_settings

from network_site.sites import SITES
from search import breaker, labels
from search.client import get_search_client, ping
from search.index_names import alias_name
from search.rebuild import rebuild
from tests.factories import (
    AdministratorFactory,
    CaseStudyPageFactory,
    ModeratorFactory,
    OfficerFactory,
    OnboardedCouncilFactory,
)
from tests.helpers.admin import signed_in
from tests.helpers.pages import draft_case_study
from tests.helpers.search import drop_indices
from tests.helpers.tcp_proxy import TcpProxy


@pytest.fixture(scope="session")
def search_node():
    """The real Elasticsearch node; when it is missing the run fails (never skips)."""
    if not ping():
        message = f"Elasticsearch is not reachable at {settings.ELASTICSEARCH_URL}"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message + " (CI=true: run 'make search-up' first)", pytrace=False)
        pytest.fail(message + ": start it with 'make search-up'", pytrace=False)
    return settings.ELASTICSEARCH_URL


@pytest.fixture(scope="session", autouse=True)
def drop_run_indices():
    """After the run, delete every index this run's prefix made, so the node does not fill up."""
    yield
    if not ping():
        return
    client = get_search_client()
    pattern = f"{settings.SEARCH_INDEX_PREFIX}-*"
    names = list(client.indices.get(index=pattern, allow_no_indices=True))
    if names:
        # The node refuses wildcard deletes, so the names are listed.
        client.indices.delete(index=",".join(names), ignore_unavailable=True)


@pytest.fixture
def search_index(search_node, db):
    """An empty versioned index behind the per-run alias, removed afterwards."""
    get_search_client.cache_clear()
    breaker.reset()
    drop_indices()
    rebuild(grace_seconds=0)
    yield alias_name()
    get_search_client.cache_clear()
    breaker.reset()
    drop_indices()


@pytest.fixture(autouse=True)
def fresh_process_copies():
    """Each test starts without the per-process copies (labels, synonyms, sites) of earlier ones."""
    labels.forget()
    SITES.forget()


@pytest.fixture(scope="session", autouse=True)
def queued_email(django_test_environment):
    """Email goes through the site's queueing backend, which Django's test set-up replaces."""
    from operations.mail import BACKEND

    settings.EMAIL_BACKEND = BACKEND


@pytest.fixture
def task_worker(db, monkeypatch):
    """Tasks go to the database backend; calling the fixture runs the real worker until idle."""
    from django_tasks_db.management.commands import db_worker

    def close_old_connections_outside_the_test():
        # The worker drops a connection that is inside a transaction: here, the test's own.
        # SQLite's in-memory database ignores that; PostgreSQL's would lose the test's data.
        # Django's test client keeps request signals off the connection in the same way.
        if not connection.in_atomic_block:
            close_old_connections()

    monkeypatch.setattr(db_worker, "close_old_connections", close_old_connections_outside_the_test)

    def run_worker():
        handlers = {number: signal.getsignal(number) for number in (signal.SIGINT, signal.SIGTERM)}
        levels = {
            name: logging.getLogger(name).level for name in ("django_tasks", "django_tasks_db")
        }
        try:
            call_command("db_worker", "--batch", "--no-startup-delay", stdout=io.StringIO())
        finally:
            # The worker installs its own signal handlers and log levels for the process.
            for number, handler in handlers.items():
                signal.signal(number, handler)
            for name, level in levels.items():
                logging.getLogger(name).setLevel(level)

    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
        yield run_worker


@pytest.fixture
def search_proxy(search_node):
    """The application talks to the real node through a proxy the test can take down or slow."""
    upstream = urlsplit(settings.ELASTICSEARCH_URL)
    proxy = TcpProxy(upstream.hostname, upstream.port).up()
    get_search_client.cache_clear()
    breaker.reset()
    with override_settings(ELASTICSEARCH_URL=proxy.url):
        yield proxy
    proxy.down()
    get_search_client.cache_clear()
    breaker.reset()


@pytest.fixture
def closed_port():
    """A local port bound but not listening: connections to it are refused straight away."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        yield sock.getsockname()[1]


# Two onboarded councils, each with an officer and a draft, a moderator and an administrator:
# the members, case study admin and search review tests share them.
@pytest.fixture
def council_a(db):
    return OnboardedCouncilFactory(title="Ashford Example Council")


@pytest.fixture
def council_b(db):
    return OnboardedCouncilFactory(title="Brampton Example Council")


@pytest.fixture
def officer_a(council_a):
    return OfficerFactory(council=council_a, username="alice")


@pytest.fixture
def officer_b(council_b):
    return OfficerFactory(council=council_b, username="bob")


@pytest.fixture
def moderator(db):
    return ModeratorFactory(username="moira")


@pytest.fixture
def administrator(db):
    return AdministratorFactory(username="adam")


@pytest.fixture
def draft_a(council_a, officer_a):
    return draft_case_study(council_a, officer_a, "Alpha community fridge")


@pytest.fixture
def draft_b(council_b, officer_b):
    return draft_case_study(council_b, officer_b, "Bravo tenants panel")


@pytest.fixture
def live_b(council_b, officer_b):
    page = CaseStudyPageFactory(parent=council_b, title="Bravo repair cafe", owner=officer_b)
    page.save_revision(user=officer_b).publish()
    return page


@pytest.fixture
def client_a(officer_a):
    return signed_in(officer_a)


@pytest.fixture
def client_moderator(moderator):
    return signed_in(moderator)


@pytest.fixture
def client_administrator(administrator):
    return signed_in(administrator)


# The server's version, read once the test database exists (the header is printed before).
SERVER_VERSION = {}


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """pytest-django's test database, plus a note of the server version for the summary."""
    if connection.vendor == "postgresql":
        with django_db_blocker.unblock():
            version = connection.pg_version
        SERVER_VERSION["default"] = f"{version // 10000}.{version % 10000}"


def database_description():
    """Which database this run's tests use: the vendor, the test database and where it lives."""
    database = settings.DATABASES["default"]
    if connection.vendor == "sqlite":
        return "SQLite (in memory)"
    where = f"{database.get('HOST') or 'local socket'}:{database.get('PORT') or 'default port'}"
    name = " ".join(["PostgreSQL", *SERVER_VERSION.values()])
    return f"{name}, test database {database['TEST']['NAME']} at {where}"


def pytest_report_header(config):
    prefix = settings.SEARCH_INDEX_PREFIX
    return [
        f"elasticsearch: {settings.ELASTICSEARCH_URL} (index prefix {prefix})",
        f"database: {database_description()}",
    ]


def pytest_terminal_summary(terminalreporter):
    """Say how many tests talked to the real node and which database the run used."""
    outcomes = {}
    for key in ("passed", "failed", "error"):
        for report in terminalreporter.stats.get(key, []):
            # Errors happen in setup (e.g. the node is down); passes and failures in the call.
            counted = key == "error" or getattr(report, "when", "") == "call"
            if counted and "elasticsearch" in getattr(report, "keywords", {}):
                outcomes[key] = outcomes.get(key, 0) + 1
    detail = ", ".join(f"{count} {outcome}" for outcome, count in sorted(outcomes.items()))
    terminalreporter.write_line(
        f"Tests marked elasticsearch, against the real node at {settings.ELASTICSEARCH_URL}: "
        f"{detail or 'none ran'}"
    )
    terminalreporter.write_line(f"Database for this run: {database_description()}")
