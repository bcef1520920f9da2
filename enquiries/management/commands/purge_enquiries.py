"""Clear the sender and the message of questions older than ENQUIRY_KEEP_DAYS (for cron)."""

from django.conf import settings
from django.core.management.base import BaseCommand

from enquiries.tasks import purge_due


class Command(BaseCommand):
    help = (
        "Clear who asked and what they wrote from questions to case study authors older than "
        "ENQUIRY_KEEP_DAYS (the worker does this by itself as each one falls due)."
    )

    def handle(self, **options):
        cleared = purge_due()
        self.stdout.write(
            f"Cleared {cleared} question(s) older than {settings.ENQUIRY_KEEP_DAYS} days."
        )
