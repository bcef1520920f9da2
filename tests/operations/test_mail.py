"""Every email is a task: the site queues messages and the worker delivers them."""

import json
from email.mime.text import MIMEText

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives, send_mail
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from network_site.settings import base
from operations import checks
from operations.mail import BACKEND, TaskEmailBackend, deserialize, serialize, summary
from operations.retry import RETRY_SCHEDULED

pytestmark = pytest.mark.django_db

SEND_EMAIL = "operations.mail.send_email"


def full_message():
    message = EmailMultiAlternatives(
        subject="Your case study",
        body="Plain text",
        from_email="network@example.org",
        to=["officer@example.org"],
        cc=["copy@example.org"],
        bcc=["blind@example.org"],
        reply_to=["moderators@example.org"],
        headers={"Auto-Submitted": "auto-generated"},
    )
    message.attach_alternative("<p>HTML text</p>", "text/html")
    message.attach("notes.txt", "Some notes", "text/plain")
    message.attach("report.pdf", b"%PDF-1.4 \x00\xff", "application/pdf")
    return message


def test_the_site_always_queues_email():
    """The project's email backend is the queueing one; the delivery backend is separate."""
    assert base.EMAIL_BACKEND == BACKEND
    assert base.EMAIL_DELIVERY_BACKEND != BACKEND


def test_a_queued_message_keeps_every_part():
    """Addresses, headers, the HTML alternative and attachments survive the trip through JSON."""
    original = full_message()

    copy = deserialize(json.loads(json.dumps(serialize(original))))

    for field in ("subject", "body", "from_email", "to", "cc", "bcc", "reply_to", "extra_headers"):
        assert getattr(copy, field) == getattr(original, field)
    assert list(copy.alternatives) == list(original.alternatives)
    assert [tuple(item) for item in copy.attachments] == [
        tuple(item) for item in original.attachments
    ]
    assert copy.recipients() == original.recipients()


def test_worker_delivers_what_the_request_queued(task_worker):
    """Sending only writes a task; the real worker then puts the same message in the outbox."""
    full_message().send()

    assert not mail.outbox
    (queued,) = DBTaskResult.objects.filter(task_path=SEND_EMAIL)
    assert queued.status == "READY"

    task_worker()

    (delivered,) = mail.outbox
    assert delivered.subject == "Your case study"
    assert delivered.alternatives[0][0] == "<p>HTML text</p>"
    assert [attachment[0] for attachment in delivered.attachments] == ["notes.txt", "report.pdf"]
    queued.refresh_from_db()
    assert queued.status == "SUCCESSFUL"


def test_unreachable_mail_server_fails_after_its_tries(task_worker, unreachable_mail_server):
    """SMTP refusing connections: three tries, each queued by the last, the third ends FAILED."""
    send_mail("Subject", "Body", None, ["officer@example.org"])

    task_worker()

    tries = sorted(DBTaskResult.objects.filter(task_path=SEND_EMAIL), key=lambda r: r.enqueued_at)
    assert [row.status for row in tries] == ["FAILED"] * 3
    assert [row.args_kwargs["kwargs"].get("_attempt", 1) for row in tries] == [1, 2, 3]
    assert [row.exception_class_path for row in tries[:2]] == [RETRY_SCHEDULED] * 2
    assert tries[2].exception_class_path == "builtins.ConnectionRefusedError"
    assert "ConnectionRefusedError" in tries[0].traceback  # the cause is chained to each retry
    assert not mail.outbox


def test_mime_attachments_are_refused_with_a_clear_error():
    """An attachment the queue cannot carry raises a TypeError naming what is supported."""
    message = EmailMultiAlternatives("Subject", "Body", None, ["officer@example.org"])
    message.attach(MIMEText("inline part"))

    with pytest.raises(TypeError, match=r"\(filename, content, mimetype\)"):
        TaskEmailBackend().send_messages([message])


def test_summary_leaves_out_the_body():
    """The report's summary names recipients and subject, never the body's one-time link."""
    message = EmailMultiAlternatives(
        "Your invitation", "https://example.org/invitations/secret-token/", None, ["a@example.org"]
    )

    text = summary(serialize(message))

    assert text == "Email to a@example.org: Your invitation"
    assert "secret-token" not in text


def test_delivering_through_the_queue_itself_is_a_configuration_error():
    """EMAIL_DELIVERY_BACKEND set to the queueing backend fails the system checks."""
    with override_settings(EMAIL_DELIVERY_BACKEND=BACKEND):
        errors = checks.check_email_delivery(None)

    assert [error.id for error in errors] == ["operations.E001"]
