"""Live sync: index or delete changed pages in bulk, queue them (the outbox) when that fails,
and record the documents the node refuses."""

import logging
import threading
from queue import Queue

from elasticsearch import helpers

from casestudies.documents import (
    case_studies_to_index,
    document_rows,
    document_sources,
)
from network_site.page_urls import UrlBuilder

from . import breaker
from .errors import SEARCH_ERRORS
from .index_names import alias_name
from .indices import ensure_alias, writer
from .models import PendingSync, RejectedDocument

logger = logging.getLogger(__name__)

BATCH_SIZE = 500


# A rebuild's bulk requests: documents per request, and requests in flight at once (one per
# write thread of a small node; docs/benchmarks.md compares one sender with two).
BULK_CHUNK_SIZE = 1000


BULK_SENDERS = 2


SYNC_ERRORS = (*SEARCH_ERRORS, helpers.BulkIndexError)


def item_failure(item):
    """``(page id, reason, transient)`` for one failed bulk item, or None when it is no failure.

    A 429 or 5xx means the node could not take it now; any other 4xx means it refuses this
    document. Deleting a document that is not there is not a failure.
    """
    operation, result = next(iter(item.items()))
    status = result.get("status") or 0
    if operation == "delete" and status == 404:
        return None
    error = result.get("error")
    if isinstance(error, dict):
        error = f"{error.get('type')}: {error.get('reason')}"
        caused = result["error"].get("caused_by")
        if caused:
            error += f" ({caused.get('type')}: {caused.get('reason')})"
    transient = status == 429 or status >= 500
    return int(result["_id"]), f"{status} {error}"[:2000], transient


def record_rejections(rejected, indexed=()):
    """Remember the refused documents; forget earlier refusals of pages that now went through."""
    if indexed:
        RejectedDocument.objects.filter(page_id__in=set(indexed) - rejected.keys()).delete()
    for page_id, reason in rejected.items():
        RejectedDocument.objects.update_or_create(page_id=page_id, defaults={"reason": reason})
        logger.warning("The search index refused case study %s: %s", page_id, reason)


def iter_sources(queryset, batch_size=BATCH_SIZE):
    """Documents for every page of ``queryset``, a constant number of queries per batch."""
    url_for = UrlBuilder()
    rows = document_rows(queryset)
    last_pk = 0
    while True:
        batch = list(rows.filter(pk__gt=last_pk)[:batch_size])
        if not batch:
            return
        yield from document_sources(batch, url_for)
        last_pk = batch[-1]["id"]


class BulkSender:
    """``streaming_bulk`` in sender threads, fed from the caller's thread through a bounded queue.

    Documents are built (database work, which stays on the caller's connection) while earlier
    chunks are being indexed, so a rebuild costs max(build, index) rather than the sum.
    """

    _END = object()

    def __init__(self, client, chunk_size, report, senders=BULK_SENDERS):
        self.client = client
        self.chunk_size = chunk_size
        self.report = report
        self.senders = senders
        self.queue = Queue(maxsize=chunk_size * 2 * senders)
        self.lock = threading.Lock()
        self.count = 0
        self.errors = []
        self.rejected = {}

    def _send(self):
        ended = False

        def drain():
            nonlocal ended
            while (action := self.queue.get()) is not self._END:
                yield action
            ended = True

        try:
            for ok, item in helpers.streaming_bulk(
                self.client,
                drain(),
                chunk_size=self.chunk_size,
                max_retries=2,
                raise_on_error=False,
            ):
                if not ok:
                    page_id, reason, transient = item_failure(item)
                    if transient:
                        raise helpers.BulkIndexError(f"Could not index {page_id}", [item])
                    # One refused document is recorded and skipped; it never stops the build.
                    with self.lock:
                        self.rejected[page_id] = reason
                    continue
                with self.lock:
                    self.count += 1
                    self.report(self.count)
        except Exception as error:
            self.errors.append(error)
            # Unblock the producer: swallow whatever it still puts, up to this sender's end.
            while not ended and self.queue.get() is not self._END:
                pass

    def send_all(self, actions):
        threads = [
            threading.Thread(target=self._send, name=f"search-bulk-{number}", daemon=True)
            for number in range(self.senders)
        ]
        for thread in threads:
            thread.start()
        try:
            for action in actions:
                if self.errors:
                    break
                self.queue.put(action)
        finally:
            for _thread in threads:
                self.queue.put(self._END)
            for thread in threads:
                thread.join()
        if self.errors:
            raise self.errors[0]


def _send(client, actions):
    """Send ``actions`` as one bulk request; returns {page id: reason} of refused documents.

    Raises when the node could not take some of them now (they stay to be retried).
    """
    _ok, errors = helpers.bulk(
        client, actions, refresh="wait_for", raise_on_error=False, max_retries=0
    )
    rejected, transient = {}, []
    for item in errors:
        failure = item_failure(item)
        if failure is None:
            continue
        page_id, reason, is_transient = failure
        if is_transient:
            transient.append(item)
        else:
            rejected[page_id] = reason
    if transient:
        raise helpers.BulkIndexError(f"{len(transient)} document(s) failed", transient)
    return rejected


def bulk_sync(client, page_ids):
    """Index the visible pages among ``page_ids`` and delete the others from the index.

    Each document stands alone: one the node refuses is recorded in RejectedDocument, its
    old version removed from the index (it no longer says what the page says), and the rest
    go through.
    """
    alias = alias_name()
    wanted = set(page_ids)
    actions = []
    for source in iter_sources(case_studies_to_index().filter(pk__in=wanted)):
        wanted.discard(source["page_id"])
        actions.append({"_index": alias, "_id": source["page_id"], "_source": source})
    actions.extend({"_op_type": "delete", "_index": alias, "_id": page_id} for page_id in wanted)
    rejected = _send(client, actions)
    if rejected:
        _send(client, [{"_op_type": "delete", "_index": alias, "_id": pid} for pid in rejected])
    record_rejections(rejected, indexed=page_ids)
    return len(actions)


def sync_pages(page_ids, *, reason=""):
    """Bring the index entries of ``page_ids`` up to date now; queue them when that fails.

    Never raises for Elasticsearch failures. Content changes do not come this way: they go
    through the outbox and the drain task (``search.tasks``).
    """
    page_ids = {int(page_id) for page_id in page_ids}
    if breaker.is_open():
        queue(page_ids, "search node skipped after a recent failure")
        return False
    client = writer()
    try:
        ensure_alias(client)
        for chunk in chunks(sorted(page_ids), BATCH_SIZE):
            bulk_sync(client, chunk)
    except SYNC_ERRORS as error:
        if not isinstance(error, helpers.BulkIndexError):
            breaker.trip(error)
        logger.warning("Could not update the search index for %s: %s", reason or "pages", error)
        queue(page_ids, f"{type(error).__name__}: {error}"[:300])
        return False
    return True


def queue(page_ids, reason):
    """Add outbox rows for ``page_ids`` (in the caller's transaction)."""
    PendingSync.objects.bulk_create(
        PendingSync(page_id=page_id, reason=reason[:300]) for page_id in sorted(page_ids)
    )


def chunks(items, size):
    for start in range(0, len(items), size):
        yield items[start : start + size]
