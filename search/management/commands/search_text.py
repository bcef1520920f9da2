"""Rewrite the database fallback's full-text vectors (PostgreSQL); Elasticsearch is not needed."""

import time

from django.core.management.base import BaseCommand

from search import fulltext


class Command(BaseCommand):
    help = (
        "Rewrite the stored full-text vectors the database fallback searches on PostgreSQL: "
        "every live, public case study gets one, hidden pages lose theirs. Nothing on SQLite."
    )

    def handle(self, *args, **options):
        if not fulltext.enabled():
            self.stdout.write("SQLite: the fallback matches words with LIKE; nothing to store.")
            return
        started = time.perf_counter()
        written, removed = fulltext.rebuild()
        self.stdout.write(
            self.style.SUCCESS(
                f"Wrote {written:,} full-text vectors and removed {removed:,} of hidden pages "
                f"in {time.perf_counter() - started:.1f}s."
            )
        )
