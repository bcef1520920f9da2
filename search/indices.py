"""The versioned indices behind the alias: creating them, moving the alias, removing stale ones,
and the lock that lets one rebuild run at a time."""

import logging
import os
import socket
import threading
import time
from datetime import UTC, datetime

from django.conf import settings
from django.utils import timezone
from elasticsearch import ConflictError, NotFoundError

from casestudies.documents import index_body

from .client import get_search_client
from .errors import SEARCH_ERRORS
from .index_names import alias_name

logger = logging.getLogger(__name__)

# Rebuilds, checks and repairs are batch jobs: they may wait for a busy node.
BATCH_TIMEOUT = 120


def writer():
    """The client for live index writes: a little more patience than a search gets."""
    return get_search_client().options(request_timeout=settings.ELASTICSEARCH_WRITE_TIMEOUT)


def batch_client():
    return get_search_client().options(request_timeout=BATCH_TIMEOUT)


class RebuildRunning(Exception):
    """Another rebuild holds the lock (or took it over from this one)."""


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
        # No refreshes, per-request fsyncs or replica copies while loading; restored (and the
        # replicas filled) before the alias moves.
        body["settings"] = {
            **body.get("settings", {}),
            "refresh_interval": "-1",
            "translog.durability": "async",
            "number_of_replicas": 0,
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
