"""The "Failed background tasks" report: network staff see final failures, retry or dismiss."""

import pytest
from django.core import mail
from django.core.mail import send_mail
from django.test import override_settings
from django.urls import reverse
from django_tasks_db.models import DBTaskResult
from wagtail.models import ModelLogEntry

from tests.factories import (
    AdministratorFactory,
    FailedTaskResultFactory,
    ModeratorFactory,
    OfficerFactory,
    OnboardedCouncilFactory,
)
from tests.helpers.admin import signed_in

pytestmark = pytest.mark.django_db

REPORT = "operations_admin:failed_tasks"
SEND_EMAIL = "operations.mail.send_email"
LOCMEM = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def moderator_client(db):
    return signed_in(ModeratorFactory(username="moira"))


@pytest.fixture
def officer_client(db):
    council = OnboardedCouncilFactory(title="Ashford Example Council")
    return signed_in(OfficerFactory(council=council, username="alice"))


@pytest.fixture
def failed_email(task_worker, unreachable_mail_server):
    """An invitation-like email the worker tried three times against a closed SMTP port."""
    send_mail(
        "Your invitation", "Link: https://example.org/i/secret-token/", None, ["a@example.org"]
    )
    task_worker()
    return (
        DBTaskResult.objects.filter(task_path=SEND_EMAIL)
        .exclude(exception_class_path="operations.retry.RetryScheduled")
        .get()
    )


def test_moderator_sees_a_failed_email_after_its_last_try(moderator_client, failed_email):
    """One row for the email: name, recipients and subject, the error, when, and three tries."""
    response = moderator_client.get(reverse(REPORT))

    assert response.status_code == 200
    content = response.content.decode()
    assert content.count("data-task-id=") == 1
    assert f'data-task-id="{failed_email.pk}"' in content
    assert "send_email" in content
    assert "Email to a@example.org: Your invitation" in content
    assert "ConnectionRefusedError" in content
    assert "<td>3</td>" in content
    assert "secret-token" not in content


def test_administrators_see_the_report():
    """Network administrators have the report, with its entry in the Reports menu."""
    FailedTaskResultFactory()
    client = signed_in(AdministratorFactory(username="adam"))

    response = client.get(reverse(REPORT))

    assert response.status_code == 200
    assert "RuntimeError: it broke" in response.content.decode()
    menu = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse(REPORT) in menu


def test_officers_are_turned_away(officer_client):
    """Officers are sent back to the dashboard and cannot retry or dismiss anything."""
    row = FailedTaskResultFactory()

    responses = [
        officer_client.get(reverse(REPORT)),
        officer_client.post(reverse("operations_admin:retry_task", args=[row.pk])),
        officer_client.post(reverse("operations_admin:dismiss_task", args=[row.pk])),
    ]
    for response in responses:
        assert response.status_code == 302
        assert response["Location"] == reverse("wagtailadmin_home")
    assert DBTaskResult.objects.filter(pk=row.pk).exists()
    assert reverse(REPORT) not in officer_client.get(reverse("wagtailadmin_home")).content.decode()


def test_retry_sends_the_email_once_the_server_is_back(task_worker, moderator_client, failed_email):
    """Retry queues the task again with fresh tries; the worker delivers it and the list empties."""
    response = moderator_client.post(reverse("operations_admin:retry_task", args=[failed_email.pk]))

    assert response.status_code == 302 and response["Location"] == reverse(REPORT)
    assert not DBTaskResult.objects.filter(pk=failed_email.pk).exists()
    queued = DBTaskResult.objects.ready().get(task_path=SEND_EMAIL)
    assert "_attempt" not in queued.args_kwargs["kwargs"]
    with override_settings(EMAIL_DELIVERY_BACKEND=LOCMEM):
        task_worker()
    (message,) = mail.outbox
    assert message.to == ["a@example.org"]
    assert (
        "No background task has failed." in moderator_client.get(reverse(REPORT)).content.decode()
    )
    assert ModelLogEntry.objects.filter(action="operations.retry_task").exists()


def test_dismiss_removes_the_failure_and_logs_it(moderator_client):
    """Dismiss deletes the failed row and leaves a line in the site history."""
    row = FailedTaskResultFactory()

    response = moderator_client.post(reverse("operations_admin:dismiss_task", args=[row.pk]))

    assert response.status_code == 302
    assert not DBTaskResult.objects.filter(pk=row.pk).exists()
    entry = ModelLogEntry.objects.get(action="operations.dismiss_task")
    assert entry.user.username == "moira"


def test_retrying_a_task_whose_code_is_gone_says_so(moderator_client):
    """A failure whose task no longer imports is kept, with an error message instead of a 500."""
    row = FailedTaskResultFactory(task_path="operations.removed.old_task")

    response = moderator_client.post(
        reverse("operations_admin:retry_task", args=[row.pk]), follow=True
    )

    assert response.status_code == 200
    assert "operations.removed.old_task can no longer be run" in response.content.decode()
    assert DBTaskResult.objects.filter(pk=row.pk).exists()


def test_unknown_or_unfinished_tasks_are_not_found(moderator_client):
    """Only final failures can be retried or dismissed; anything else is a 404."""
    retrying = FailedTaskResultFactory(exception_class_path="operations.retry.RetryScheduled")
    succeeded = FailedTaskResultFactory(status="SUCCESSFUL")

    for row in (retrying, succeeded):
        url = reverse("operations_admin:dismiss_task", args=[row.pk])
        assert moderator_client.post(url).status_code == 404
    assert moderator_client.get(
        reverse("operations_admin:retry_task", args=[retrying.pk])
    ).status_code in (404, 405)
