"""Email as background work: the site's email backend queues every message as a task.

``EMAIL_BACKEND`` is ``TaskEmailBackend`` in every environment, so a request (an invitation,
Wagtail's workflow notices, a password reset) only writes a task row; the worker delivers the
message through ``EMAIL_DELIVERY_BACKEND`` (SMTP in production, the console in development) and
retries it with backoff when the mail server fails.
"""

import base64
from email.mime.base import MIMEBase

from django.conf import settings
from django.core.mail import get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.message import EmailMultiAlternatives

from .retry import retried_task

BACKEND = "operations.mail.TaskEmailBackend"


class TaskEmailBackend(BaseEmailBackend):
    """Queues each message for the worker instead of talking to a mail server."""

    def send_messages(self, email_messages):
        queued = 0
        for message in email_messages:
            try:
                send_email.enqueue(serialize(message))
            except Exception:
                if not self.fail_silently:
                    raise
            else:
                queued += 1
        return queued


def serialize(message):
    """The message as JSON data: addresses, headers, alternatives and attachments."""
    attachments = []
    for attachment in message.attachments:
        if isinstance(attachment, MIMEBase):
            raise TypeError("Queued email takes (filename, content, mimetype) attachments only.")
        filename, content, mimetype = attachment
        if isinstance(content, str):
            attachments.append({"filename": filename, "mimetype": mimetype, "text": content})
        else:
            encoded = base64.b64encode(content).decode("ascii")
            attachments.append({"filename": filename, "mimetype": mimetype, "base64": encoded})
    return {
        "subject": message.subject,
        "body": message.body,
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": dict(message.extra_headers),
        "content_subtype": message.content_subtype,
        "alternatives": [list(pair) for pair in getattr(message, "alternatives", [])],
        "attachments": attachments,
    }


def deserialize(data):
    """The message ``serialize`` described, ready to send."""
    message = EmailMultiAlternatives(
        subject=data["subject"],
        body=data["body"],
        from_email=data["from_email"],
        to=data["to"],
        cc=data["cc"],
        bcc=data["bcc"],
        reply_to=data["reply_to"],
        headers=data["headers"],
        alternatives=[tuple(pair) for pair in data["alternatives"]],
    )
    message.content_subtype = data["content_subtype"]
    for attachment in data["attachments"]:
        content = attachment.get("text")
        if content is None:
            content = base64.b64decode(attachment["base64"])
        message.attach(attachment["filename"], content, attachment["mimetype"])
    return message


def summary(data):
    """Recipients and subject, never the body (it may hold a one-time link)."""
    recipients = ", ".join(data["to"] + data["cc"] + data["bcc"])
    return f"Email to {recipients}: {data['subject']}"


@retried_task
def send_email(message):
    """Deliver one queued message through EMAIL_DELIVERY_BACKEND; a mail server error fails it."""
    connection = get_connection(settings.EMAIL_DELIVERY_BACKEND, fail_silently=False)
    connection.send_messages([deserialize(message)])
