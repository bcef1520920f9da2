"""Failed tries are queued again with a growing wait, up to TASK_MAX_ATTEMPTS tries."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from operations.retry import MAX_BACKOFF, backoff, retried_task

pytestmark = pytest.mark.django_db

FLAKY = f"{__name__}.flaky"


@retried_task
def flaky(counter, failures):
    """Fails ``failures`` times (counted in the file ``counter``), then succeeds."""
    path = Path(counter)
    tries = int(path.read_text() or 0) + 1 if path.exists() else 1
    path.write_text(str(tries))
    if tries <= failures:
        raise RuntimeError(f"failure {tries}")
    return tries


def rows():
    return sorted(DBTaskResult.objects.filter(task_path=FLAKY), key=lambda row: row.enqueued_at)


@override_settings(TASK_MAX_ATTEMPTS=3, TASK_RETRY_BACKOFF=0)
def test_a_task_that_recovers_ends_successful(task_worker, tmp_path):
    """A task failing once is retried by the worker and its second try succeeds."""
    flaky.enqueue(str(tmp_path / "count"), 1)

    task_worker()

    first, second = rows()
    assert first.status == "FAILED" and "failure 1" in first.traceback
    assert second.status == "SUCCESSFUL" and second.return_value == 2


@override_settings(TASK_MAX_ATTEMPTS=3, TASK_RETRY_BACKOFF=60)
def test_retries_wait_longer_each_time(task_worker, tmp_path):
    """The second try waits TASK_RETRY_BACKOFF seconds, the third twice that; none runs early."""
    flaky.enqueue(str(tmp_path / "count"), 5)

    started = timezone.now()
    task_worker()
    first, second = rows()
    assert first.status == "FAILED"
    assert second.status == "READY"
    assert second.run_after >= started + timedelta(seconds=60)

    DBTaskResult.objects.filter(pk=second.pk).update(run_after=timezone.now())
    started = timezone.now()
    task_worker()
    third = rows()[2]
    assert third.status == "READY"
    assert third.run_after >= started + timedelta(seconds=120)
    assert (tmp_path / "count").read_text() == "2"


@override_settings(TASK_MAX_ATTEMPTS=2, TASK_RETRY_BACKOFF=0)
def test_last_try_keeps_the_real_error(task_worker, tmp_path):
    """After TASK_MAX_ATTEMPTS tries nothing more is queued and the last row holds the error."""
    flaky.enqueue(str(tmp_path / "count"), 5)

    task_worker()

    assert [row.status for row in rows()] == ["FAILED", "FAILED"]
    assert rows()[-1].exception_class_path == "builtins.RuntimeError"
    assert (tmp_path / "count").read_text() == "2"


@override_settings(TASK_MAX_ATTEMPTS=3, TASK_RETRY_BACKOFF=0)
def test_inline_backend_retries_at_once(tmp_path):
    """Under the inline backend (no deferral) the tries run straight away, in the same call."""
    flaky.enqueue(str(tmp_path / "count"), 1)

    assert (tmp_path / "count").read_text() == "2"


def test_backoff_doubles_up_to_an_hour():
    """Waits double from TASK_RETRY_BACKOFF and never exceed an hour."""
    with override_settings(TASK_RETRY_BACKOFF=30):
        assert [backoff(attempt) for attempt in (1, 2, 3)] == [30, 60, 120]
        assert backoff(30) == MAX_BACKOFF
