"""Mail that cannot be delivered: SMTP pointed at a local port that refuses connections."""

import pytest
from django.test import override_settings


@pytest.fixture
def unreachable_mail_server(closed_port):
    """The worker delivers by SMTP to a closed port, tries three times and does not wait."""
    with override_settings(
        EMAIL_DELIVERY_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=closed_port,
        EMAIL_TIMEOUT=5,
        TASK_MAX_ATTEMPTS=3,
        TASK_RETRY_BACKOFF=0,
    ):
        yield
