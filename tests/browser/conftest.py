"""Browser fixtures: Debian's Chromium driven by Playwright against a live test server.

The server shares the in-memory test database and talks to the real Elasticsearch node. A small
site is built once per module and the database is put back as it was afterwards, so these
tests do not use pytest-django's ``live_server`` fixture: that one flushes the database after
every test, and building and indexing the site for each test would multiply the run time.
"""

import os
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.core.servers.basehttp import WSGIServer
from django.db import DEFAULT_DB_ALIAS, connection
from django.test import override_settings
from django.test.utils import setup_databases, teardown_databases
from playwright.sync_api import expect, sync_playwright
from pytest_django.live_server_helper import LiveServer
from wagtail.models import Site

from casestudies.models import CaseStudyPage, HomePage
from search import breaker
from search.client import get_search_client
from search.rebuild import rebuild
from tests.helpers.database import restore_database
from tests.helpers.search import drop_indices

from . import corpus
from .helpers import DESKTOP, TIMEOUT_MS

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
LAUNCH_ARGS = [
    "--no-sandbox",  # CI runs as root, where Chromium's sandbox refuses to start.
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
# Read before any fixture runs: while it is still the configured name, no test database exists.
CONFIGURED_DATABASE = connection.settings_dict["NAME"]


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Run the browser tests after every other test (after pytest-django's own ordering).

    Playwright's sync API keeps an event loop on the main thread until the session ends, and
    the browser tests leave the in-memory database as they found it only module by module.
    """
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)


@pytest.fixture(scope="session")
def browser(test_database):
    """One headless Chromium for the whole run; a missing browser fails the run, never skips.

    Started after the test database: while Playwright's event loop runs, Django hands out
    other connection objects, without what Django stored on the first ones.
    """
    if not CHROMIUM.exists():
        pytest.fail(
            f"Chromium is not installed at {CHROMIUM}: run 'make install' (Debian package "
            "'chromium') or set CHROMIUM_PATH.",
            pytrace=False,
        )
    # Playwright's sync API keeps an event loop running on this thread, which makes Django
    # refuse ORM calls from test code; the ORM is used synchronously here, as everywhere else.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    expect.set_options(timeout=TIMEOUT_MS)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=LAUNCH_ARGS
        )
        yield chromium
        chromium.close()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="session")
def test_database(django_db_setup, django_db_blocker):
    """The test database, even when no collected test asks for ``db``; its migrated contents.

    pytest-django creates it only for tests that use ``db`` or the ``django_db`` mark; these
    tests manage their own data and transactions, so ``pytest tests/browser`` needs it made.
    The value is the migrated contents Django serialized when a test asked for
    serialized_rollback (such a test leaves the database flushed), else None.
    """
    if connection.settings_dict["NAME"] != CONFIGURED_DATABASE:
        yield getattr(connection, "_test_serialized_contents", None)
        return
    with django_db_blocker.unblock():
        databases = setup_databases(verbosity=0, interactive=False, aliases={DEFAULT_DB_ALIAS})
    yield None
    with django_db_blocker.unblock():
        teardown_databases(databases, verbosity=0)


class OneAtATimeServer(WSGIServer):
    """Handles one request at a time, in the server thread.

    An in-memory SQLite database is one connection shared by every thread; Wagtail's editor
    autosaves while a form is being submitted, and two requests interleaving on one
    connection can read each other's half-written rows.
    """

    def __init__(self, *args, connections_override=None, **kwargs):
        super().__init__(*args, **kwargs)


@pytest.fixture(scope="session")
def live_site(test_database):
    """A server on the test database, started the way pytest-django's ``live_server`` is."""
    server = LiveServer("127.0.0.1", start=False)
    server.thread.server_class = OneAtATimeServer
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def site(live_site, test_database, search_node, django_db_blocker):
    """A small published site (tests/browser/corpus.py), indexed, served by ``live_site``.

    Built once per module and committed (publishing indexes on commit, as in production); the
    module's tests may use the ORM too, and their writes are committed at once like the
    server's. On the way out the module's indices are dropped and the database is put back.
    """
    overrides = override_settings(
        SEARCH_INDEX_PREFIX=f"{settings.SEARCH_INDEX_PREFIX}-browser",
        ROOT_URLCONF="tests.browser.urls",
    )
    with django_db_blocker.unblock():
        if connection.settings_dict["NAME"] == CONFIGURED_DATABASE:
            pytest.fail("Refusing to write to the development database", pytrace=False)
        if not HomePage.objects.exists():
            if test_database is None:
                pytest.fail(
                    "The seeded home page is missing: an earlier transactional test flushed "
                    "the test database (give it serialized_rollback=True).",
                    pytrace=False,
                )
            restore_database(test_database)
        snapshot = connection.creation.serialize_db_to_string()
        overrides.enable()
        get_search_client.cache_clear()
        breaker.reset()
        try:
            # Saved, not updated, so that Wagtail drops its cached site root paths.
            default_site = Site.objects.get(is_default_site=True)
            default_site.hostname, default_site.port = live_site.thread.host, live_site.thread.port
            default_site.save()
            built = corpus.build()
            rebuild(grace_seconds=0)
            yield SimpleNamespace(url=live_site.url, **built)
        finally:
            drop_indices()
            restore_database(snapshot)
            overrides.disable()
            get_search_client.cache_clear()
            breaker.reset()


def new_page(browser, base_url, **options):
    context = browser.new_context(base_url=base_url, viewport=DESKTOP, locale="en-GB", **options)
    context.set_default_timeout(TIMEOUT_MS)
    return context.new_page()


@pytest.fixture
def page(browser, site):
    """A fresh desktop-sized tab (its own cookies) on the test site."""
    tab = new_page(browser, site.url)
    yield tab
    tab.context.close()


@pytest.fixture
def page_without_js(browser, site):
    """A fresh tab with JavaScript turned off, as some council networks still enforce."""
    tab = new_page(browser, site.url, java_script_enabled=False)
    yield tab
    tab.context.close()


@pytest.fixture
def submitted(site):
    """The case study in review: the officer journey's, or made the same way if it did not run."""
    existing = CaseStudyPage.objects.filter(title=corpus.TITLE).first()
    return existing or corpus.submit_for_review(site)


@pytest.fixture
def approved(submitted):
    """The case study live and indexed, whether or not the moderator journey ran."""
    if not submitted.live:
        submitted.get_latest_revision().publish()
    return submitted
