"""Build, check and repair the case study index.

manage.py search_index --rebuild   new versioned index in bulk, then an atomic alias swap
manage.py search_index --check     report drift between the database and the index
manage.py search_index --repair    fix drift and drain the pending-change queue
"""

import time

from django.core.management.base import BaseCommand, CommandError

from search import breaker
from search.client import get_search_client, ping
from search.drift import find_drift
from search.errors import SEARCH_ERRORS
from search.index_names import alias_name
from search.indices import RebuildRunning, alias_targets
from search.models import RejectedDocument
from search.rebuild import RebuildError, rebuild, repair

SHOWN_IDS = 20


def describe(ids):
    shown = ", ".join(str(page_id) for page_id in ids[:SHOWN_IDS])
    more = f" and {len(ids) - SHOWN_IDS} more" if len(ids) > SHOWN_IDS else ""
    return f"{len(ids)}" + (f" ({shown}{more})" if ids else "")


class Command(BaseCommand):
    help = "Rebuild the case study index behind its alias, or check and repair drift."

    def add_arguments(self, parser):
        action = parser.add_mutually_exclusive_group(required=True)
        action.add_argument("--rebuild", action="store_true", help="Rebuild and swap the alias.")
        action.add_argument("--check", action="store_true", help="Report drift; exit 1 if any.")
        action.add_argument("--repair", action="store_true", help="Fix drift, drain the queue.")

    def handle(self, *args, **options):
        if not ping():
            raise CommandError("Elasticsearch is not reachable: nothing was changed.")
        breaker.reset()
        if options["rebuild"]:
            self.rebuild_index()
            return
        if not alias_targets(get_search_client()):
            raise CommandError(f"No index behind {alias_name()} yet: run 'search_index --rebuild'.")
        if options["check"]:
            self.check_drift()
        else:
            self.repair_index()

    def rebuild_index(self):
        started = time.perf_counter()

        def progress(done, total):
            rate = done / max(time.perf_counter() - started, 1e-6)
            self.stdout.write(f"  indexed {done:,}/{total:,} ({rate:,.0f} docs/s)")

        self.stdout.write(f"Rebuilding {alias_name()} …")
        try:
            report = rebuild(progress)
        except (RebuildRunning, RebuildError) as error:
            raise CommandError(str(error)) from None
        except SEARCH_ERRORS as error:
            raise CommandError(
                f"The rebuild stopped: Elasticsearch failed ({error}). Searches still use the old "
                f"index behind {alias_name()}; the half-built one was removed if the node "
                "allowed it, and the next rebuild removes any that is left. Run it again."
            ) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Indexed {report.indexed:,} case studies into {report.index} in "
                f"{report.seconds:.1f}s ({report.rate:,.0f} docs/s); alias {alias_name()} "
                f"moved; {report.caught_up} changed during the build caught up; "
                f"removed {len(report.removed_indices)} old index(es)."
            )
        )
        self.warn_rejected()

    def warn_rejected(self):
        if rejected := RejectedDocument.objects.count():
            self.stdout.write(
                self.style.WARNING(
                    f"The node refused {rejected} case study document(s); they are left out "
                    "of search (see Reports → Rejected search documents)."
                )
            )

    def report(self, drift):
        self.stdout.write(
            f"Database: {drift.expected:,} published public case studies; "
            f"index: {drift.indexed:,} documents; queued changes: {drift.queued:,}."
        )
        self.stdout.write(f"Missing from the index: {describe(drift.missing)}")
        self.stdout.write(f"In the index but not visible: {describe(drift.extra)}")
        self.stdout.write(f"Out of date in the index: {describe(drift.stale)}")

    def check_drift(self):
        drift = find_drift()
        self.report(drift)
        if drift:
            raise CommandError("The index has drifted: run 'search_index --repair'.")
        self.stdout.write(self.style.SUCCESS("No drift: the index matches the database."))

    def repair_index(self):
        drift = repair()
        self.report(drift)
        self.stdout.write(self.style.SUCCESS(f"Repaired {drift.changed} case studies."))
        self.warn_rejected()
