"""Apply index changes queued while Elasticsearch was unavailable (run it from cron)."""

from django.core.management.base import BaseCommand, CommandError

from search import breaker
from search.client import ping
from search.models import PendingSync
from search.rebuild import drain_queue


class Command(BaseCommand):
    help = "Drain the pending search index changes once the node answers again."

    def handle(self, *args, **options):
        queued = PendingSync.objects.count()
        if not queued:
            self.stdout.write("No queued changes.")
            return
        if not ping():
            raise CommandError(f"Elasticsearch is not reachable; {queued} change(s) stay queued.")
        breaker.reset()
        self.stdout.write(f"Applying {queued} queued change(s) …")
        drained = drain_queue()
        self.stdout.write(self.style.SUCCESS(f"Applied {drained} queued change(s)."))
