"""Clearing old questions: who asked and what they said go after ENQUIRY_KEEP_DAYS.

Each relayed question queues ``purge_old_enquiries`` to run when it falls due (the database task
backend defers it), so the worker that ``make run`` starts clears it with nothing else scheduled.
``manage.py purge_enquiries`` does the same sweep, for cron or by hand.
"""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from operations.retry import retried_task

from .models import Enquiry


def purge_due(now=None):
    """Blank the body and the sender of every question older than the keep period; how many."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.ENQUIRY_KEEP_DAYS)
    return Enquiry.objects.filter(created_at__lt=cutoff, purged_at__isnull=True).update(
        body="", sender_name="", sender_email="", sender_organisation="", purged_at=now
    )


@retried_task
def purge_old_enquiries():
    """The worker's sweep: clear what is due (also anything a stopped worker left overdue)."""
    return purge_due()
