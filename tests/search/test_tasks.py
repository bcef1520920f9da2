"""The outbox drain is a task in the worker: retried with backoff until the node is back."""

import os
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from datetime import timedelta
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection
from django.test import override_settings
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from search import breaker
from search.models import PendingSync
from search.tasks import drain_outbox, retry_delay
from tests.factories import CouncilPageFactory, ModeratorFactory, OnboardedCouncilFactory
from tests.helpers.admin import publish_in_admin
from tests.helpers.pages import draft_case_study, make_case_study
from tests.helpers.search import found

ROOT = Path(__file__).resolve().parents[2]


def waiting_drains():
    return DBTaskResult.objects.filter(
        task_path=drain_outbox.module_path, status=TaskResultStatus.READY
    )


@override_settings(SEARCH_SYNC_RETRY_SECONDS=2, SEARCH_SYNC_RETRY_MAX_SECONDS=16)
def test_retry_delay_doubles_up_to_its_cap():
    """Retries wait 2, 4, 8, 16 seconds and then stay at the cap."""
    assert [retry_delay(attempt) for attempt in range(1, 7)] == [2, 4, 8, 16, 16, 16]


def test_after_any_outage_the_next_retry_is_at_most_half_a_minute_away():
    """With the default settings the backoff stops growing at 30 s, so a node that comes back
    after a long outage is caught up within a minute, with no command run."""
    assert retry_delay(1) == 2
    assert max(retry_delay(attempt) for attempt in range(1, 50)) == 30


@pytest.mark.elasticsearch
@pytest.mark.django_db
@override_settings(SEARCH_SYNC_RETRY_SECONDS=1, SEARCH_SYNC_RETRY_MAX_SECONDS=1)
def test_the_drain_retries_with_backoff_until_the_node_is_back(
    search_index, search_proxy, task_worker, django_capture_on_commit_callbacks
):
    """With the node down the worker's drain keeps the rows and schedules itself again later;
    once the node is back the retry indexes the page, with no command run."""
    search_proxy.down()
    with django_capture_on_commit_callbacks(execute=True):
        page = make_case_study(CouncilPageFactory(), "Retried repair cafe")

    task_worker()

    assert set(PendingSync.objects.values_list("page_id", flat=True)) == {page.pk}
    retry = waiting_drains().get()
    assert retry.args_kwargs["kwargs"]["attempt"] >= 1
    assert retry.run_after > timezone.now() - timedelta(seconds=1)

    search_proxy.up()
    breaker.reset()
    time.sleep(max(0, (retry.run_after - timezone.now()).total_seconds()) + 0.2)
    task_worker()

    assert not PendingSync.objects.exists()
    assert not waiting_drains().exists()
    assert "Retried repair cafe" in found("q=retried")


def database_url():
    """The test database as a DATABASE_URL, for a process started by the test."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    credentials = f"{quote(db['USER'])}:{quote(db['PASSWORD'])}@" if db["USER"] else ""
    return f"postgres://{credentials}{db['HOST']}:{db['PORT']}/{db['NAME']}"


@pytest.fixture
def shared_database(transactional_db, tmp_path):
    """A test database another process can open, as a DATABASE_URL.

    A server database is shared as it is. SQLite's test database lives in this process's
    memory, so the test runs on a file copy of it, and the in-memory one is put back after.
    """
    if connection.vendor != "sqlite" or not connection.is_in_memory_db():
        yield database_url()
        return
    path = tmp_path / "shared.sqlite3"
    connection.ensure_connection()
    with closing(sqlite3.connect(path)) as copy:
        connection.connection.backup(copy)
    memory, name = connection.connection, connection.settings_dict["NAME"]
    # Detached, not closed: closing the last connection to it would discard the database.
    connection.connection = None
    connection.settings_dict["NAME"] = str(path)
    try:
        yield database_url()
    finally:
        connection.close()
        connection.settings_dict["NAME"] = name
        connection.connection = memory


def start_worker(database, search_url):
    """The real ``manage.py db_worker`` as a separate process on ``database``."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.helpers.worker_settings",
        "DATABASE_URL": database,
        "ELASTICSEARCH_URL": search_url,
        "SEARCH_INDEX_PREFIX": settings.SEARCH_INDEX_PREFIX,
        "SEARCH_SYNC_RETRY_SECONDS": "1",
        "SEARCH_SYNC_RETRY_MAX_SECONDS": "2",
    }
    return subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--no-startup-delay", "--interval", "0.5"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def stop(process):
    process.terminate()
    try:
        return process.communicate(timeout=15)[0]
    except subprocess.TimeoutExpired:
        process.kill()
        return process.communicate()[0]


def searchable(title, words, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if title in found(f"q={words}"):
            return True
        time.sleep(1)
    return False


@pytest.mark.elasticsearch
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_worker_process_indexes_a_publish_made_while_the_node_was_down(
    search_index, shared_database, search_proxy
):
    """With a real db_worker process running and the node down, a moderator publishes in the
    admin; when the node comes back the page becomes searchable with no command run."""
    council = OnboardedCouncilFactory(title="Downley Council")
    moderator = ModeratorFactory()
    draft = draft_case_study(council, moderator, "Downley seed library")
    worker = start_worker(shared_database, search_proxy.url)
    try:
        search_proxy.down()
        with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
            response = publish_in_admin(moderator, draft)
        assert response.status_code == 302
        draft.refresh_from_db()
        assert draft.live
        assert PendingSync.objects.filter(page_id=draft.pk).exists()
        # Long enough for the worker to try, fail and schedule its retry.
        time.sleep(3)
        assert worker.poll() is None

        search_proxy.up()
        breaker.reset()
        indexed = searchable("Downley seed library", "downley", seconds=60)
    finally:
        output = stop(worker)
    assert indexed, output
    assert not PendingSync.objects.exists()
    assert "Traceback" not in output, output
