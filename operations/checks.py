"""Settings the background work depends on."""

from django.conf import settings
from django.core.checks import Error, register

from .mail import BACKEND


@register()
def check_email_delivery(app_configs, **kwargs):
    errors = []
    if settings.EMAIL_DELIVERY_BACKEND == BACKEND:
        errors.append(
            Error(
                "EMAIL_DELIVERY_BACKEND is the queueing backend, so no email would ever be sent.",
                hint="Set it (or the EMAIL_BACKEND variable) to a delivering backend, e.g. SMTP.",
                id="operations.E001",
            )
        )
    if settings.TASK_MAX_ATTEMPTS < 1 or settings.TASK_RETRY_BACKOFF < 0:
        errors.append(
            Error(
                "TASK_MAX_ATTEMPTS must be at least 1 and TASK_RETRY_BACKOFF not negative.",
                id="operations.E002",
            )
        )
    return errors
