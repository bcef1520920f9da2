"""Bringing the whole index back in step: rebuilds behind the alias, draining the outbox and
repairing drift (one module: a drain rebuilds a lost index, and a rebuild drains and repairs).

Every change leaves a PendingSync row (the outbox) that ``drain_queue`` applies: it re-reads those
pages and indexes the ones visitors may see and deletes the rest, so publish, unpublish, delete,
move, rename and privacy changes all take the same path, and a queued change can be replayed at
any time.
"""

import logging
import time
from dataclasses import dataclass, field

from django.conf import settings
from django.dispatch import Signal
from django.utils import timezone

from casestudies.documents import case_studies_to_index

from .drift import find_drift, needs_rebuild
from .errors import SEARCH_ERRORS
from .indices import (
    RebuildLock,
    alias_targets,
    batch_client,
    create_index,
    new_index_name,
    point_alias_at,
    remove_stale_indices,
)
from .models import PendingSync, RejectedDocument
from .sync import (
    BATCH_SIZE,
    BULK_CHUNK_SIZE,
    BulkSender,
    bulk_sync,
    chunks,
    iter_sources,
    record_rejections,
)

logger = logging.getLogger(__name__)

# Sent with ``index=<name>`` once a rebuild has loaded its new index, before the alias moves:
# changes made from here on went to the old index and only the catch-up brings them over.
rebuild_loaded = Signal()
# Seconds a rebuild waits for its new index's replicas before it gives up and keeps the old one.
REPLICA_WAIT_SECONDS = 120


class RebuildError(Exception):
    """A rebuild that stopped before the alias moved; the message says why, for the operator."""


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
        fill_replicas(client, name)
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


def fill_replicas(client, name):
    """Give the loaded index its replicas and wait for them, so losing a node right after the
    alias moves loses no shard; copying one merged segment is cheaper than indexing twice."""
    if not settings.SEARCH_REPLICAS:
        return
    client.indices.put_settings(
        index=name, settings={"number_of_replicas": settings.SEARCH_REPLICAS}
    )
    health = client.options(request_timeout=REPLICA_WAIT_SECONDS + 5).cluster.health(
        index=name, wait_for_status="green", timeout=f"{REPLICA_WAIT_SECONDS}s"
    )
    if health.get("timed_out"):
        raise RebuildError(
            f"The new index {name} did not get its {settings.SEARCH_REPLICAS} replica(s) within "
            f"{REPLICA_WAIT_SECONDS}s: the cluster has too few nodes for SEARCH_REPLICAS "
            f"({health.get('number_of_nodes')} answering). The old index keeps serving."
        )


def _drop_unless_live(client, name):
    """A failed rebuild's index must not linger, unless the alias did move to it after all."""
    try:
        if name not in alias_targets(client):
            client.indices.delete(index=name, ignore_unavailable=True)
    except SEARCH_ERRORS as error:
        logger.warning("Could not remove %s after a failed rebuild: %s", name, error)


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
        bulk_sync(client, {page_id for _row, page_id in rows})
        PendingSync.objects.filter(id__in=[row for row, _page in rows]).delete()
        drained += len(rows)


def repair(*, thorough=True):
    """Fix drift and drain the queue; returns the drift that was found."""
    client = batch_client()
    drain_queue(client)
    drift = find_drift(thorough=thorough)
    for chunk in chunks(drift.ids, BATCH_SIZE):
        bulk_sync(client, chunk)
    drift.changed = len(drift.ids)
    return drift
