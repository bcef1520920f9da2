"""Drift: how the index differs from what the database says visitors may see."""

from dataclasses import dataclass

from elasticsearch import helpers

from casestudies.documents import case_studies_to_index

from .index_names import alias_name
from .indices import alias_targets, batch_client
from .models import PendingSync
from .sync import iter_sources

# The node lost its data (or was never built) when the alias indexes less than this share of
# what visitors may see, with at least RECOVERY_MIN_MISSING pages absent.
RECOVERY_SHARE = 0.5


RECOVERY_MIN_MISSING = 10


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
