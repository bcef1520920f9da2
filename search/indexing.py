"""Keeping the index in step with the database: rebuilds, live sync, the pending queue, drift.

Every change leaves a PendingSync row (the outbox) that ``drain_queue`` applies: it re-reads those
pages and indexes the ones visitors may see and deletes the rest, so publish, unpublish, delete,
move, rename and privacy changes all take the same path, and a queued change can be replayed at
any time.
"""

import logging
import os
import socket
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from queue import Queue

from django.conf import settings
from django.dispatch import Signal
from django.utils import timezone
from elasticsearch import ConflictError, NotFoundError, helpers

from casestudies.documents import (
    case_studies_to_index,
    document_rows,
    document_sources,
    index_body,
)
from network_site.page_urls import UrlBuilder

from . import breaker
from .client import get_search_client
from .errors import SEARCH_ERRORS
from .index_names import alias_name
from .models import PendingSync, RejectedDocument

logger = logging.getLogger(__name__)

BATCH_SIZE = 500
# A rebuild's bulk requests: documents per request, and requests in flight at once (one per
# write thread of a small node; docs/benchmarks.md compares one sender with two).
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
# The node lost its data (or was never built) when the alias indexes less than this share of
# what visitors may see, with at least RECOVERY_MIN_MISSING pages absent.
RECOVERY_SHARE = 0.5
RECOVERY_MIN_MISSING = 10


# Sent with ``index=<name>`` once a rebuild has loaded its new index, before the alias moves:
# changes made from here on went to the old index and only the catch-up brings them over.
rebuild_loaded = Signal()


class RebuildRunning(Exception):
    """Another rebuild holds the lock (or took it over from this one)."""


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


def lock_index_name():
    # Outside the alias's ``<alias>-*`` pattern, so no rebuild ever removes it as stale.
    return f"{settings.SEARCH_INDEX_PREFIX}-search-locks"


class RebuildLock:
    """One rebuild at a time, held as a document created with ``op_type=create``.

    The holder renews it from a thread; a lock whose holder crashed expires after
    ``SEARCH_REBUILD_LOCK_SECONDS`` and the next rebuild takes it over.
    """

    LOCK_ID = "rebuild"

    def __init__(self, client, ttl=None):
        self.client = client
        self.ttl = settings.SEARCH_REBUILD_LOCK_SECONDS if ttl is None else ttl
        self.owner = f"{socket.gethostname()} pid {os.getpid()} thread {threading.get_ident()}"
        self.lost = False
        self._stop = threading.Event()
        self._version = None
        self._thread = None

    def _body(self):
        now = time.time()
        return {"owner": self.owner, "started_at": self.started_at, "expires_at": now + self.ttl}

    def acquire(self):
        self.started_at = time.time()
        index = lock_index_name()
        try:
            answer = self.client.index(
                index=index, id=self.LOCK_ID, document=self._body(), op_type="create", refresh=True
            )
        except ConflictError:
            held = self.client.get(index=index, id=self.LOCK_ID)
            holder = held["_source"]
            if holder["expires_at"] > time.time():
                raise RebuildRunning(self.describe(holder)) from None
            try:
                # Only if nobody else took the expired lock over in the meantime.
                answer = self.client.index(
                    index=index,
                    id=self.LOCK_ID,
                    document=self._body(),
                    if_seq_no=held["_seq_no"],
                    if_primary_term=held["_primary_term"],
                    refresh=True,
                )
            except ConflictError:
                raise RebuildRunning("Another rebuild took over an expired lock.") from None
            logger.warning("Took over the expired rebuild lock of %s", holder["owner"])
        self._version = (answer["_seq_no"], answer["_primary_term"])
        self._thread = threading.Thread(target=self._renew, name="search-rebuild-lock", daemon=True)
        self._thread.start()
        return self

    @staticmethod
    def describe(holder):
        since = datetime.fromtimestamp(holder["started_at"], UTC)
        return (
            f"A rebuild is already running ({holder['owner']}, since {since:%Y-%m-%d %H:%M:%S} "
            f"UTC); try again when it has finished."
        )

    def _renew(self):
        while not self._stop.wait(self.ttl / 4):
            seq_no, term = self._version
            try:
                answer = self.client.index(
                    index=lock_index_name(),
                    id=self.LOCK_ID,
                    document=self._body(),
                    if_seq_no=seq_no,
                    if_primary_term=term,
                )
            except (ConflictError, NotFoundError):
                self.lost = True
                return
            except SEARCH_ERRORS as error:
                logger.warning("Could not renew the rebuild lock: %s", error)
                continue
            self._version = (answer["_seq_no"], answer["_primary_term"])

    def check(self):
        """Raise before a step that must not run without the lock (it expired and was taken)."""
        if self.lost:
            raise RebuildRunning("This rebuild lost its lock to another one; it stops here.")

    def release(self):
        self._stop.set()
        if self._thread:
            self._thread.join()
        if self.lost or self._version is None:
            return
        seq_no, term = self._version
        try:
            self.client.delete(
                index=lock_index_name(),
                id=self.LOCK_ID,
                if_seq_no=seq_no,
                if_primary_term=term,
                refresh=True,
            )
        except SEARCH_ERRORS as error:
            logger.warning("Could not release the rebuild lock (it will expire): %s", error)

    def __enter__(self):
        return self.acquire()

    def __exit__(self, *exc_info):
        self.release()


def remove_stale_indices(client, keep, grace):
    """Remove every versioned index but ``keep`` and those behind the alias, after ``grace``.

    The alias is read again after the wait: whatever it points at then is never removed.
    """
    candidates = [
        index
        for index in client.indices.get(index=f"{alias_name()}-*", expand_wildcards="open")
        if index != keep
    ]
    if not candidates:
        return []
    time.sleep(grace)
    live = set(alias_targets(client))
    stale = [index for index in candidates if index not in live]
    if stale:
        client.indices.delete(index=",".join(stale), ignore_unavailable=True)
    return stale


def rebuild(progress=None, *, chunk_size=BULK_CHUNK_SIZE, grace_seconds=None):
    """Load every visible case study into a new index, then move the alias to it atomically.

    Searches keep using the old index until the swap; old indices are removed after a grace
    period so searches already in flight finish. ``progress(done, total)`` is called per chunk.
    Raises RebuildRunning when another rebuild holds the lock.
    """
    client = batch_client()
    grace = settings.SEARCH_OLD_INDEX_GRACE if grace_seconds is None else grace_seconds
    with RebuildLock(client) as lock:
        return _rebuild(client, lock, progress, chunk_size, grace)


def _rebuild(client, lock, progress, chunk_size, grace):
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
    sender = BulkSender(client, chunk_size, report)
    try:
        sender.send_all(actions)
        rebuild_loaded.send(sender=rebuild, index=name)
        lock.check()
        client.indices.put_settings(
            index=name, settings={"refresh_interval": "1s", "translog.durability": "request"}
        )
        client.indices.refresh(index=name)
        # One segment before searches arrive: facet counts then skip the mapping of per-segment
        # ordinals, which dominate an unfiltered search's aggregations (docs/benchmarks.md).
        client.indices.forcemerge(index=name, max_num_segments=1)
        lock.check()
        client.indices.update_aliases(actions=point_alias_at(client, name))
    except BaseException:
        _drop_unless_live(client, name)
        raise
    seconds = time.perf_counter() - started
    record_rejections(sender.rejected)
    RejectedDocument.objects.filter(recorded_at__lt=started_at).delete()
    try:
        # Changes made while the new index was being built went to the old one; comparing
        # content hashes also catches moves and council, approach and theme renames. The
        # outbox is drained too, never emptied wholesale: its rows go once the index confirms.
        caught_up = repair(thorough=True).changed
    finally:
        removed = remove_stale_indices(client, name, grace)
    return RebuildReport(name, done - len(sender.rejected), seconds, removed, caught_up)


def _drop_unless_live(client, name):
    """A failed rebuild's index must not linger, unless the alias did move to it after all."""
    try:
        if name not in alias_targets(client):
            client.indices.delete(index=name, ignore_unavailable=True)
    except SEARCH_ERRORS as error:
        logger.warning("Could not remove %s after a failed rebuild: %s", name, error)


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


def _bulk_sync(client, page_ids):
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
    """Add outbox rows for ``page_ids`` (in the caller's transaction)."""
    PendingSync.objects.bulk_create(
        PendingSync(page_id=page_id, reason=reason[:300]) for page_id in sorted(page_ids)
    )


def needs_rebuild(client):
    """Why the index behind the alias cannot be trusted to take single updates, or None.

    After the node lost its data there is no alias (or, if something wrote to it since, one
    holding a handful of documents): indexing the changed pages alone would leave search
    showing almost nothing.
    """
    if not alias_targets(client):
        return "there is no index behind the alias"
    indexed = client.count(index=alias_name())["count"]
    visible = case_studies_to_index().count()
    missing = visible - indexed
    if missing >= RECOVERY_MIN_MISSING and indexed < visible * RECOVERY_SHARE:
        return f"the index holds {indexed} of {visible} visible case studies"
    return None


def drain_queue(client=None):
    """Apply the outbox; rows are removed only once the index has confirmed their pages.

    When the index is missing or nearly empty, rebuilds it instead (the rebuild drains the
    outbox). Raises the Elasticsearch error (or RebuildRunning) if it cannot finish, leaving
    the rest queued.
    """
    client = client or batch_client()
    if PendingSync.objects.exists() and (why := needs_rebuild(client)):
        logger.warning("Rebuilding the search index: %s", why)
        rebuild()
        return 0
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
