"""Keeping the index in step with the database: rebuilds, live sync, the pending queue, drift.

Every change goes through ``sync_pages(ids)``: it re-reads those pages and indexes the ones
visitors may see and deletes the rest, so publish, unpublish, delete, move, rename and privacy
changes all take the same path, and a queued change can be replayed at any time.
"""

import logging
import threading
import time
from dataclasses import dataclass, field
from queue import Queue

from django.conf import settings
from django.utils import timezone
from elasticsearch import helpers

from casestudies.documents import (
    UrlBuilder,
    alias_name,
    case_studies_to_index,
    document_rows,
    document_sources,
    index_body,
)

from . import breaker
from .client import get_search_client
from .errors import SEARCH_ERRORS
from .models import PendingSync

logger = logging.getLogger(__name__)

BATCH_SIZE = 500
# A rebuild's bulk requests: documents per request, and requests in flight at once (a 2-core
# node has two write threads; benchmarks/ measured 2,231 docs/s with one sender, 3,066 with two).
BULK_CHUNK_SIZE = 1000
BULK_SENDERS = 2
# Rebuilds, checks and repairs are batch jobs: they may wait for a busy node.
BATCH_TIMEOUT = 120


def writer():
    """The client for live index writes: a little more patience than a search gets."""
    return get_search_client().options(request_timeout=settings.ELASTICSEARCH_WRITE_TIMEOUT)


def batch_client():
    return get_search_client().options(request_timeout=BATCH_TIMEOUT)


SYNC_ERRORS = (*SEARCH_ERRORS, helpers.BulkIndexError)


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


def alias_targets(client):
    """Names of the indices the alias points at (empty when there is no alias yet)."""
    alias = alias_name()
    if not client.indices.exists_alias(name=alias):
        return []
    return sorted(client.indices.get_alias(name=alias))


def new_index_name():
    return f"{alias_name()}-{timezone.now():%Y%m%d%H%M%S%f}"


def create_index(client, name, *, for_bulk=False):
    body = index_body()
    if for_bulk:
        # No refreshes or per-request fsyncs while loading; restored before the alias moves.
        body["settings"] = {
            **body.get("settings", {}),
            "refresh_interval": "-1",
            "translog.durability": "async",
        }
    client.indices.create(index=name, **body)


def ensure_alias(client):
    """Create an empty versioned index behind the alias if there is none (first sync)."""
    if alias_targets(client):
        return
    name = new_index_name()
    create_index(client, name)
    client.indices.update_aliases(actions=point_alias_at(client, name))


def point_alias_at(client, name):
    """Alias actions that make ``name`` the only index behind the alias."""
    alias = alias_name()
    actions = [{"remove": {"index": index, "alias": alias}} for index in alias_targets(client)]
    if not actions and client.indices.exists(index=alias):
        # A plain index squats on the alias name: replace it in the same atomic step.
        actions.append({"remove_index": {"index": alias}})
    actions.append({"add": {"index": name, "alias": alias, "is_write_index": True}})
    return actions


@dataclass
class RebuildReport:
    index: str
    indexed: int
    seconds: float
    removed_indices: list = field(default_factory=list)
    caught_up: int = 0

    @property
    def rate(self):
        return self.indexed / self.seconds if self.seconds else 0.0


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
                raise_on_error=True,
            ):
                if not ok:
                    raise RuntimeError(f"Could not index {item}")
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


def rebuild(progress=None, *, chunk_size=BULK_CHUNK_SIZE, grace_seconds=None):
    """Load every visible case study into a new index, then move the alias to it atomically.

    Searches keep using the old index until the swap; old indices are removed after a grace
    period so searches already in flight finish. ``progress(done, total)`` is called per chunk.
    """
    client = batch_client()
    grace = settings.SEARCH_OLD_INDEX_GRACE if grace_seconds is None else grace_seconds
    started_at = timezone.now()
    started = time.perf_counter()
    name = new_index_name()
    create_index(client, name, for_bulk=True)
    queryset = case_studies_to_index()
    total = queryset.count()
    done = 0

    def report(count):
        nonlocal done
        done = count
        if progress and (done % chunk_size == 0 or done == total):
            progress(done, total)

    actions = (
        {"_index": name, "_id": source["page_id"], "_source": source}
        for source in iter_sources(queryset)
    )
    try:
        BulkSender(client, chunk_size, report).send_all(actions)
    except BaseException:
        # A half-built index must not linger; the alias still points at the old one.
        client.indices.delete(index=name, ignore_unavailable=True)
        raise
    client.indices.put_settings(
        index=name, settings={"refresh_interval": "1s", "translog.durability": "request"}
    )
    client.indices.refresh(index=name)
    # One segment before searches arrive: facet counts then skip the mapping of per-segment
    # ordinals (benchmarks: an unfiltered search's aggregations, 28 -> 11 ms at 100,000).
    client.indices.forcemerge(index=name, max_num_segments=1)
    seconds = time.perf_counter() - started

    client.indices.update_aliases(actions=point_alias_at(client, name))
    # Changes published while the new index was being built went to the old one.
    caught_up = repair(thorough=False).changed
    PendingSync.objects.filter(queued_at__lt=started_at).delete()

    stale = [
        index
        for index in client.indices.get(index=f"{alias_name()}-*", expand_wildcards="open")
        if index != name
    ]
    if stale:
        time.sleep(grace)
        client.indices.delete(index=",".join(stale), ignore_unavailable=True)
    return RebuildReport(name, done, seconds, stale, caught_up)


def _bulk_sync(client, page_ids):
    """Index the visible pages among ``page_ids`` and delete the others from the index."""
    ensure_alias(client)
    alias = alias_name()
    wanted = set(page_ids)
    actions = []
    for source in iter_sources(case_studies_to_index().filter(pk__in=wanted)):
        wanted.discard(source["page_id"])
        actions.append({"_index": alias, "_id": source["page_id"], "_source": source})
    actions.extend({"_op_type": "delete", "_index": alias, "_id": page_id} for page_id in wanted)
    _ok, errors = helpers.bulk(
        client, actions, refresh="wait_for", raise_on_error=False, max_retries=0
    )
    failures = [error for error in errors if _status(error) != 404]
    if failures:
        raise helpers.BulkIndexError(f"{len(failures)} document(s) failed", failures)
    return len(actions)


def _status(error):
    return next(iter(error.values())).get("status")


def sync_pages(page_ids, *, reason=""):
    """Bring the index entries of ``page_ids`` up to date; queue them when that fails.

    Queued changes are drained first, so the next successful sync after an outage catches up.
    Never raises for Elasticsearch failures: publishing must not depend on the search node.
    """
    page_ids = {int(page_id) for page_id in page_ids}
    if breaker.is_open():
        queue(page_ids, "search node skipped after a recent failure")
        return False
    client = writer()
    try:
        drain_queue(client)
        for chunk in _chunks(sorted(page_ids), BATCH_SIZE):
            _bulk_sync(client, chunk)
    except SYNC_ERRORS as error:
        if not isinstance(error, helpers.BulkIndexError):
            breaker.trip(error)
        logger.warning("Could not update the search index for %s: %s", reason or "pages", error)
        queue(page_ids, f"{type(error).__name__}: {error}"[:300])
        return False
    return True


def queue(page_ids, reason):
    PendingSync.objects.bulk_create(
        PendingSync(page_id=page_id, reason=reason) for page_id in sorted(page_ids)
    )


def drain_queue(client=None):
    """Apply queued changes; rows are removed only once their pages are in step.

    Raises the Elasticsearch error if the node fails part-way, leaving the rest queued.
    """
    client = client or batch_client()
    drained = 0
    while True:
        rows = list(PendingSync.objects.order_by("id").values_list("id", "page_id")[:BATCH_SIZE])
        if not rows:
            return drained
        _bulk_sync(client, {page_id for _row, page_id in rows})
        PendingSync.objects.filter(id__in=[row for row, _page in rows]).delete()
        drained += len(rows)


def _chunks(items, size):
    for start in range(0, len(items), size):
        yield items[start : start + size]


@dataclass
class Drift:
    missing: list
    extra: list
    stale: list
    queued: int
    indexed: int
    expected: int
    changed: int = 0

    @property
    def ids(self):
        return sorted({*self.missing, *self.extra, *self.stale})

    def __bool__(self):
        return bool(self.ids)


def find_drift(*, thorough=True):
    """Compare the database's visible case studies with the index.

    ``thorough`` compares a hash of every document (catches renamed councils, approaches and
    themes); otherwise only ids and ``last_published_at`` are compared, which is quick.
    """
    client = batch_client()
    indexed = {}
    for hit in helpers.scan(
        client,
        index=alias_name(),
        query={"_source": ["content_hash", "last_published_at"]},
        size=5000,
    ):
        indexed[int(hit["_id"])] = hit["_source"]
    queryset = case_studies_to_index()
    if thorough:
        expected = {source["page_id"]: source["content_hash"] for source in iter_sources(queryset)}
        key = "content_hash"
    else:
        expected = {
            page_id: published.isoformat() if published else None
            for page_id, published in queryset.values_list("id", "last_published_at")
        }
        key = "last_published_at"
    stale = [
        page_id
        for page_id, value in expected.items()
        if page_id in indexed and indexed[page_id].get(key) != value
    ]
    return Drift(
        missing=sorted(expected.keys() - indexed.keys()),
        extra=sorted(indexed.keys() - expected.keys()),
        stale=sorted(stale),
        queued=PendingSync.objects.count(),
        indexed=len(indexed),
        expected=len(expected),
    )


def repair(*, thorough=True):
    """Fix drift and drain the queue; returns the drift that was found."""
    client = batch_client()
    drain_queue(client)
    drift = find_drift(thorough=thorough)
    for chunk in _chunks(drift.ids, BATCH_SIZE):
        _bulk_sync(client, chunk)
    drift.changed = len(drift.ids)
    return drift
