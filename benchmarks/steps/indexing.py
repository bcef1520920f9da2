"""Indexing: ``search_index --rebuild`` timed beside raw bulk loads of the same documents."""

import re
import time

from benchmarks.steps.common import manage, say


def warm_node():
    """Create, use and drop an index with the same analysers before anything is timed.

    A node restarted just before the run is cold; its first index and analysis would
    otherwise be charged to the rebuild.
    """
    from search.index_names import alias_name
    from search.indices import batch_client, create_index

    client = batch_client()
    name = f"{alias_name()}-warmup"
    started = time.perf_counter()
    create_index(client, name)
    client.indices.analyze(index=name, field="summary", text="Volunteers run cupboards")
    client.indices.delete(index=name)
    say(f"Node warmed up (index with the same analysers: {time.perf_counter() - started:.1f}s)")


def raw_ingest(documents, name, bulk):
    """Seconds for ``bulk`` to load ``documents`` into a new index ``name`` and refresh it."""
    from search.indices import batch_client, create_index
    from search.sync import BULK_CHUNK_SIZE

    client = batch_client()
    create_index(client, name, for_bulk=True)
    actions = ({"_index": name, "_id": doc["page_id"], "_source": doc} for doc in documents)
    started = time.perf_counter()
    try:
        for done, (ok, item) in enumerate(bulk(client, actions), start=1):
            if not ok:
                raise RuntimeError(f"Floor bulk failed: {item}")
            if done % (BULK_CHUNK_SIZE * 20) == 0:
                say(f"    {name}: {done:,}/{len(documents):,}")
        client.indices.put_settings(index=name, settings={"refresh_interval": "1s"})
        client.indices.refresh(index=name)
        return time.perf_counter() - started
    finally:
        client.indices.delete(index=name, ignore_unavailable=True)


class IndexingSteps:
    """Bench steps that time indexing into ``self.results["index"]``."""

    def rebuild(self):
        warm_node()
        say("Rebuilding the index: manage.py search_index --rebuild …")
        seconds, lines = manage("search_index", "--rebuild")
        index = {"command_seconds": round(seconds, 1)}
        reported = next(
            (
                match
                for line in lines
                if (match := re.search(r"Indexed ([\d,]+) .* in ([\d.]+)s", line))
            ),
            None,
        )
        if reported:
            documents = int(reported.group(1).replace(",", ""))
            bulk_seconds = float(reported.group(2))
            index.update(
                documents=documents,
                rebuild_seconds=bulk_seconds,
                rebuild_docs_per_s=round(documents / bulk_seconds, 1) if bulk_seconds else None,
            )
        self.results["index"] = index
        say(f"Rebuild command took {seconds:.1f}s in all")

    def floor_bulk(self):
        """Raw bulk loads of the same documents into throwaway indices: the indexing floors.

        The issue's floor is ``streaming_bulk`` (one request in flight). A stricter one sends as
        many requests at once as the rebuild (``parallel_bulk``), so its ratio shows only what
        the rebuild adds (reading the database, building documents, the force-merge).
        """
        from elasticsearch import helpers

        from casestudies.documents import case_studies_to_index
        from search.index_names import alias_name
        from search.indices import batch_client
        from search.sync import BULK_CHUNK_SIZE, BULK_SENDERS, iter_sources

        say("Preparing the same documents in process (for the floors) …")
        started = time.perf_counter()
        documents = list(iter_sources(case_studies_to_index()))
        prepare = time.perf_counter() - started
        index = self.results["index"]
        index["prepare_seconds"] = round(prepare, 2)
        index["prepare_docs_per_s"] = round(len(documents) / prepare, 1) if prepare else None
        say(f"Prepared {len(documents):,} documents in {prepare:.1f}s")

        floors = {
            "floor": (
                "raw streaming_bulk (1 request in flight)",
                lambda client, actions: helpers.streaming_bulk(
                    client, actions, chunk_size=BULK_CHUNK_SIZE
                ),
            ),
            "parallel_floor": (
                f"raw parallel_bulk ({BULK_SENDERS} requests in flight, as the rebuild)",
                lambda client, actions: helpers.parallel_bulk(
                    client, actions, thread_count=BULK_SENDERS, chunk_size=BULK_CHUNK_SIZE
                ),
            ),
        }
        for key, (label, bulk) in floors.items():
            seconds = raw_ingest(documents, f"{alias_name()}-{key.replace('_', '-')}", bulk)
            index[f"{key}_seconds"] = round(seconds, 2)
            index[f"{key}_docs_per_s"] = round(len(documents) / seconds, 1)
            if index.get("rebuild_seconds"):
                index[f"rebuild_vs_{key}"] = round(index["rebuild_seconds"] / seconds, 2)
            say(f"Floor, {label}: {len(documents):,} documents in {seconds:.1f}s")
        index["floor_senders"] = BULK_SENDERS
        stats = batch_client().indices.stats(index=alias_name(), metric="store")
        index["store_bytes"] = stats["_all"]["primaries"]["store"]["size_in_bytes"]
