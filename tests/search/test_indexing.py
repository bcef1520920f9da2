"""Rebuilds behind the alias, drift checks and repairs, against the real node."""

import threading
import time

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client, override_settings
from wagtail.models import Page

from casestudies.models import Approach, Theme
from search.client import get_search_client
from search.drift import find_drift
from search.index_names import alias_name
from search.indices import alias_targets, ensure_alias
from search.models import PendingSync
from search.rebuild import drain_queue, rebuild, rebuild_loaded
from search.sync import iter_sources, sync_pages
from search.tasks import drain_outbox
from tests.factories import CouncilPageFactory
from tests.helpers.pages import make_case_study
from tests.helpers.search import found

pytestmark = [pytest.mark.elasticsearch, pytest.mark.django_db]


def indexed_ids():
    client = get_search_client()
    client.indices.refresh(index=alias_name())
    hits = client.search(index=alias_name(), size=100, source=False)["hits"]["hits"]
    return {int(hit["_id"]) for hit in hits}


def test_rebuild_moves_the_alias_to_a_new_versioned_index(search_index, corpus, capsys):
    """--rebuild streams every visible case study into a new index and swaps the alias."""
    client = get_search_client()
    before = set(client.indices.get_alias(name=alias_name()))
    call_command("search_index", "--rebuild")
    after = set(client.indices.get_alias(name=alias_name()))
    assert len(after) == 1 and not after & before
    assert next(iter(after)).startswith(f"{alias_name()}-")
    assert not client.indices.exists(index=",".join(before), allow_no_indices=False)
    assert indexed_ids() == {page.pk for page in corpus.values()}
    out = capsys.readouterr().out
    assert "indexed 4/4" in out and "docs/s" in out


def test_rebuild_indexes_only_live_public_case_studies(search_index, corpus):
    """Drafts and private case studies never reach the index."""
    from wagtail.models import PageViewRestriction

    corpus["deal"].unpublish()
    PageViewRestriction.objects.create(
        page=corpus["vote"].get_parent(), restriction_type="password", password="secret"
    )
    rebuild(grace_seconds=0)
    assert indexed_ids() == {corpus["cupboard"].pk, corpus["champions"].pk}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_searches_keep_working_during_a_rebuild(search_index, corpus):
    """Threads searching while the alias is swapped all get answers from Elasticsearch."""
    sync_pages([page.pk for page in corpus.values()])
    failures, answers, stop = [], [], threading.Event()

    def search_repeatedly():
        client = Client()
        try:
            while not stop.is_set():
                response = client.get("/api/search/", {"q": "volunteers"})
                data = response.json()
                answers.append(data["total"])
                if response.status_code != 200 or data["backend"] != "elasticsearch":
                    failures.append((response.status_code, data.get("backend")))
        finally:
            connection.close()

    threads = [threading.Thread(target=search_repeatedly) for _ in range(3)]
    for thread in threads:
        thread.start()
    try:
        for _ in range(3):
            rebuild(grace_seconds=1)
    finally:
        stop.set()
        for thread in threads:
            thread.join()
    assert answers and not failures
    assert set(answers) == {2}


def test_check_reports_missing_extra_and_stale_and_repair_fixes_them(search_index, corpus, capsys):
    """Drift of every kind is reported by --check and cleared by --repair."""
    sync_pages([corpus["cupboard"].pk, corpus["deal"].pk, corpus["vote"].pk])
    get_search_client().index(
        index=alias_name(),
        id="999999",
        document={"page_id": 999999, "title": "Ghost"},
        refresh=True,
    )
    # A bulk update sends no signals: the Wigan Deal's document now shows an old name.
    Approach.objects.filter(slug="council-community-deal").update(name="The Deal")
    drift = find_drift()
    assert drift.missing == [corpus["champions"].pk]
    assert drift.extra == [999999]
    assert drift.stale == [corpus["deal"].pk]
    with pytest.raises(CommandError):
        call_command("search_index", "--check")
    call_command("search_index", "--repair")
    call_command("search_index", "--check")
    assert "No drift" in capsys.readouterr().out
    assert indexed_ids() == {page.pk for page in corpus.values()}


def test_repair_drains_the_queue(search_index, corpus):
    """--repair also applies queued changes."""
    PendingSync.objects.create(page_id=corpus["cupboard"].pk, reason="test")
    call_command("search_index", "--repair")
    assert PendingSync.objects.count() == 0
    assert corpus["cupboard"].pk in indexed_ids()


def test_commands_refuse_clearly_when_the_node_is_down(node_down, db):
    """With no node, the commands say so instead of failing half-way."""
    with pytest.raises(CommandError, match="not reachable"):
        call_command("search_index", "--check")
    PendingSync.objects.create(page_id=1, reason="test")
    with pytest.raises(CommandError, match="stay queued"):
        call_command("search_sync")


def test_document_building_costs_a_constant_number_of_queries(db, django_assert_num_queries):
    """Building documents does not query per page: a batch of 3 costs what a batch of 30 does."""
    from casestudies.documents import case_studies_to_index

    council = CouncilPageFactory()
    for number in range(3):
        make_case_study(council, f"Few {number}", partners=["NHS"], tags=["food"])
    list(iter_sources(case_studies_to_index()))  # warms the site root cache
    with django_assert_num_queries(7) as few:
        assert len(list(iter_sources(case_studies_to_index()))) == 3
    for number in range(27):
        make_case_study(council, f"More {number}", partners=["NHS"], tags=["food"])
    with django_assert_num_queries(len(few.captured_queries)):
        assert len(list(iter_sources(case_studies_to_index()))) == 30


def test_a_rebuild_failing_at_the_alias_swap_leaves_no_orphan_index(search_index, corpus):
    """The node refusing the alias swap (old index read-only) leaves the indices as they were."""
    from elasticsearch import ApiError

    client = get_search_client()
    before = set(client.indices.get(index=f"{alias_name()}-*"))
    (old,) = before
    client.indices.put_settings(index=old, settings={"index.blocks.read_only": True})
    try:
        with pytest.raises(ApiError) as refused:
            rebuild(grace_seconds=0)
        assert refused.value.meta.status == 403
        assert set(client.indices.get_alias(name=alias_name())) == before
        assert set(client.indices.get(index=f"{alias_name()}-*")) == before
    finally:
        client.indices.put_settings(index=old, settings={"index.blocks.read_only": None})


def test_a_rebuild_failing_at_catch_up_leaves_only_the_live_index(
    search_index, corpus, monkeypatch
):
    """When the catch-up fails after the swap, the new index is live and the old one removed."""
    from elastic_transport import ConnectionError as TransportConnectionError

    def unreachable(**kwargs):
        raise TransportConnectionError("node went away")

    monkeypatch.setattr("search.rebuild.repair", unreachable)
    client = get_search_client()
    with pytest.raises(TransportConnectionError):
        rebuild(grace_seconds=0)
    live = set(client.indices.get_alias(name=alias_name()))
    assert set(client.indices.get(index=f"{alias_name()}-*")) == live
    assert indexed_ids() == {page.pk for page in corpus.values()}


def test_an_index_behind_the_alias_is_never_removed_as_stale(search_index):
    """Stale-index removal reads the alias at delete time and keeps whatever it points at."""
    from search.indices import create_index, point_alias_at, remove_stale_indices

    client = get_search_client()
    other = f"{alias_name()}-other"
    create_index(client, other)
    client.indices.update_aliases(actions=point_alias_at(client, other))
    removed = remove_stale_indices(client, keep=f"{alias_name()}-unrelated", grace=0)
    assert other not in removed and client.indices.exists(index=other)
    assert set(client.indices.get(index=f"{alias_name()}-*")) == {other}


def test_an_index_the_alias_moved_to_during_the_grace_period_is_kept(search_index, corpus):
    """Cleanup re-reads the alias after its wait: an index it points at by then is not deleted."""
    from search.indices import create_index

    client = get_search_client()
    (old,) = client.indices.get_alias(name=alias_name())
    other = f"{alias_name()}-00000000000000000000"
    create_index(client, other)
    stop = threading.Event()

    def move_alias_once_swapped():
        while not stop.wait(0.02):
            if old not in client.indices.get_alias(name=alias_name()):
                actions = [{"remove": {"index": "*", "alias": alias_name()}}]
                actions.append({"add": {"index": other, "alias": alias_name()}})
                client.indices.update_aliases(actions=actions)
                return

    mover = threading.Thread(target=move_alias_once_swapped)
    mover.start()
    try:
        report = rebuild(grace_seconds=1.5)
    finally:
        stop.set()
        mover.join()
    assert set(client.indices.get_alias(name=alias_name())) == {other}
    assert client.indices.exists(index=other)
    assert other not in report.removed_indices and old in report.removed_indices


def test_a_second_rebuild_refuses_while_one_holds_the_lock(search_index, corpus):
    """A rebuild while another holds the lock stops with a clear message; the live index stays."""
    from search.indices import RebuildLock

    rebuild(grace_seconds=0)
    client = get_search_client()
    before = set(client.indices.get(index=f"{alias_name()}-*"))
    running = RebuildLock(get_search_client()).acquire()
    try:
        with pytest.raises(CommandError, match=r"A rebuild is already running \(.* pid \d+"):
            call_command("search_index", "--rebuild")
        assert set(client.indices.get(index=f"{alias_name()}-*")) == before
        assert set(client.indices.get_alias(name=alias_name())) == before
        assert indexed_ids() == {page.pk for page in corpus.values()}
    finally:
        running.release()
    call_command("search_index", "--rebuild")
    assert not set(client.indices.get_alias(name=alias_name())) & before


@override_settings(SEARCH_REBUILD_LOCK_SECONDS=1)
def test_the_lock_of_a_killed_rebuild_expires(search_index, corpus):
    """A lock whose holder stopped renewing it (killed) refuses rebuilds only until it expires."""
    from search.indices import RebuildLock, RebuildRunning, lock_index_name

    client = get_search_client()
    killed = RebuildLock(client).acquire()
    # What a killed process leaves: the document, and nobody renewing or releasing it.
    killed._stop.set()
    killed._thread.join()
    with pytest.raises(RebuildRunning):
        rebuild(grace_seconds=0)
    time.sleep(1.2)
    report = rebuild(grace_seconds=0)
    assert set(client.indices.get_alias(name=alias_name())) == {report.index}
    assert not client.exists(index=lock_index_name(), id=RebuildLock.LOCK_ID)


def test_a_move_and_a_rename_during_a_rebuild_reach_the_new_index(
    search_index, corpus, django_capture_on_commit_callbacks
):
    """A theme rename and a move made after the rebuild loaded its documents (so they went to
    the old index) are in the new index once the rebuild's content-hash catch-up has run."""
    drain_outbox.enqueue()
    moorlands = CouncilPageFactory(title="Moorlands Council", slug="moorlands")

    def change_during_build(sender, index, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            theme = Theme.objects.get(slug="food-poverty")
            theme.name = "Food insecurity"
            theme.save()
            Page.objects.get(pk=corpus["deal"].pk).move(moorlands, pos="last-child")

    rebuild_loaded.connect(change_during_build)
    try:
        rebuild(grace_seconds=0)
    finally:
        rebuild_loaded.disconnect(change_during_build)

    cupboard = found("q=insecurity")["Leek Community Cupboard"]
    assert cupboard["themes"] == [{"slug": "food-poverty", "name": "Food insecurity"}]
    deal = found("council=moorlands")["The Wigan Deal"]
    assert deal["url"].startswith("/councils/moorlands/")


@pytest.mark.parametrize("loss", ["index deleted", "index emptied"])
def test_after_the_node_lost_its_data_the_next_drain_rebuilds_everything(
    loss, search_index, random_corpus, django_capture_on_commit_callbacks
):
    """With the alias's index deleted (or replaced by an empty one), the drain after the next
    publish rebuilds the whole index instead of making one that holds only that page."""
    sync_pages(page.pk for page in random_corpus)
    client = get_search_client()
    assert client.count(index=alias_name())["count"] == len(random_corpus)
    client.indices.delete(index=",".join(alias_targets(client)))
    if loss == "index emptied":
        ensure_alias(client)

    with django_capture_on_commit_callbacks(execute=True):
        make_case_study(CouncilPageFactory(), "Published after the loss")

    client.indices.refresh(index=alias_name())
    assert client.count(index=alias_name())["count"] == len(random_corpus) + 1
    assert not PendingSync.objects.exists()


def indexed_title(page_id):
    """The title the index holds for ``page_id``."""
    return get_search_client().get(index=alias_name(), id=page_id)["_source"]["title"]


def change_title_unsynced(page, title):
    """Change ``page``'s title in the database and queue it, as a change whose drain is pending."""
    type(page).objects.filter(pk=page.pk).update(title=title)
    PendingSync.objects.create(page_id=page.pk, reason="test")


@pytest.fixture
def changes_around_a_rebuild(search_index, corpus):
    """A change queued before a rebuild and one queued once it has loaded its documents."""
    drain_queue()
    change_title_unsynced(corpus["cupboard"], "Queued before the rebuild")

    def change_during_build(sender, index, **kwargs):
        change_title_unsynced(corpus["deal"], "Queued during the rebuild")

    rebuild_loaded.connect(change_during_build)
    yield {
        corpus["cupboard"].pk: "Queued before the rebuild",
        corpus["deal"].pk: "Queued during the rebuild",
    }
    rebuild_loaded.disconnect(change_during_build)


def test_no_change_queued_before_or_during_a_rebuild_is_lost(changes_around_a_rebuild):
    """Changes queued before a rebuild and while it runs are all in the index after it."""
    rebuild(grace_seconds=0)
    drain_queue()
    for page_id, title in changes_around_a_rebuild.items():
        assert indexed_title(page_id) == title
    assert not PendingSync.objects.exists()


def test_a_failed_rebuild_keeps_the_queued_changes(changes_around_a_rebuild):
    """A rebuild the node stops at the alias swap leaves every queued change to the next drain."""
    from elasticsearch import ApiError

    client = get_search_client()
    (old,) = alias_targets(client)
    client.indices.put_settings(index=old, settings={"index.blocks.read_only": True})
    try:
        with pytest.raises(ApiError):
            rebuild(grace_seconds=0)
    finally:
        client.indices.put_settings(index=old, settings={"index.blocks.read_only": None})
    assert set(PendingSync.objects.values_list("page_id", flat=True)) == set(
        changes_around_a_rebuild
    )
    drain_queue()
    for page_id, title in changes_around_a_rebuild.items():
        assert indexed_title(page_id) == title
