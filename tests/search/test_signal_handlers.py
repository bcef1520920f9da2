"""Publishing, unpublishing, deleting, moving and renaming keep the index in step."""

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from casestudies.models import Theme
from search.models import PendingSync
from search.service import related
from search.tasks import drain_outbox
from tests.factories import CouncilPageFactory, ModeratorFactory, OnboardedCouncilFactory
from tests.helpers.admin import publish_in_admin
from tests.helpers.pages import draft_case_study, make_case_study
from tests.helpers.search import found

pytestmark = [pytest.mark.elasticsearch, pytest.mark.django_db]


@pytest.fixture
def published(search_index, django_capture_on_commit_callbacks):
    """A case study published through Wagtail and found in the index (the sync ran on commit),
    so a test that it leaves the index starts from it being there."""
    with django_capture_on_commit_callbacks(execute=True):
        page = make_case_study(
            CouncilPageFactory(title="Leekshire Council"),
            "Cupboard project",
            themes=["food-poverty"],
        )
    assert set(found()) == {"Cupboard project"}
    return page


def test_publish_makes_a_case_study_findable_at_once(published):
    """After publish (refresh wait_for) the next search finds it, with no manual refresh."""
    assert "Cupboard project" in found("q=cupboard")


def test_unpublish_removes_it(published, django_capture_on_commit_callbacks):
    """Unpublishing takes the case study out of the results."""
    with django_capture_on_commit_callbacks(execute=True):
        published.unpublish()
    assert "Cupboard project" not in found("q=cupboard")


def test_delete_removes_it(published, django_capture_on_commit_callbacks):
    """Deleting the page removes its document."""
    with django_capture_on_commit_callbacks(execute=True):
        published.delete()
    assert found() == {}


def test_deleting_a_council_removes_its_case_studies(published, django_capture_on_commit_callbacks):
    """Deleting a council cascades to its case studies, and so to their documents."""
    with django_capture_on_commit_callbacks(execute=True):
        published.get_parent().delete()
    assert found() == {}


def test_renaming_a_theme_shows_the_new_name(published, django_capture_on_commit_callbacks):
    """A theme renamed in the admin is re-indexed on its case studies, in results and facets."""
    theme = Theme.objects.get(slug="food-poverty")
    with django_capture_on_commit_callbacks(execute=True):
        theme.name = "Food insecurity"
        theme.save()
    result = found("q=insecurity")["Cupboard project"]
    assert result["themes"] == [{"slug": "food-poverty", "name": "Food insecurity"}]


def test_saving_a_theme_without_changes_does_not_reindex(
    published, django_capture_on_commit_callbacks
):
    """Only a change to what the index holds triggers work."""
    theme = Theme.objects.get(slug="food-poverty")
    with django_capture_on_commit_callbacks() as callbacks:
        theme.save()
    assert callbacks == []


def test_renaming_a_council_reindexes_its_case_studies(
    published, django_capture_on_commit_callbacks
):
    """A council's new name reaches its case studies' results and the council facet."""
    council = published.get_parent().specific
    with django_capture_on_commit_callbacks(execute=True):
        council.title = "Leek Town Council"
        council.save_revision().publish()
    assert found("q=cupboard")["Cupboard project"]["council"]["name"] == "Leek Town Council"


def test_flagging_a_council_as_a_fictional_example_reindexes_its_case_studies(
    published, django_capture_on_commit_callbacks
):
    """A council newly marked as a fictional example shows as one on its cards and results."""
    with django_capture_on_commit_callbacks(execute=True):
        neighbour = make_case_study(CouncilPageFactory(), "Pantry project", themes=["food-poverty"])
    [card] = related(neighbour)
    assert (card.id, card.council.is_example) == (published.pk, False)
    assert found("q=cupboard")["Cupboard project"]["council"]["is_example"] is False
    council = published.get_parent().specific
    with django_capture_on_commit_callbacks(execute=True):
        council.is_example = True
        council.save_revision().publish()
    [card] = related(neighbour)
    assert (card.id, card.council.is_example) == (published.pk, True)
    assert found("q=cupboard")["Cupboard project"]["council"]["is_example"] is True


def test_moving_a_case_study_reindexes_council_and_url(
    published, django_capture_on_commit_callbacks
):
    """A case study moved to another council shows that council and its new URL."""
    other = CouncilPageFactory(title="Moorlands Council", slug="moorlands")
    with django_capture_on_commit_callbacks(execute=True):
        published.move(other, pos="last-child")
    result = found("council=moorlands")["Cupboard project"]
    assert result["council"] == {
        "slug": "moorlands",
        "name": "Moorlands Council",
        "is_example": False,
    }
    assert result["url"].startswith("/councils/moorlands/")


def test_making_a_section_private_removes_it(published, django_capture_on_commit_callbacks):
    """A view restriction on the council hides its case studies from the index."""
    from wagtail.models import PageViewRestriction

    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(
            page=published.get_parent(), restriction_type="password", password="secret"
        )
    assert found() == {}


def test_node_down_publishing_works_and_queues(
    search_index, node_down, django_capture_on_commit_callbacks
):
    """With the node unreachable, publishing succeeds and the change waits in the queue."""
    with django_capture_on_commit_callbacks(execute=True):
        page = make_case_study(CouncilPageFactory(), "Published while down")
    page.refresh_from_db()
    assert page.live
    assert set(PendingSync.objects.values_list("page_id", flat=True)) == {page.pk}


def test_node_back_the_queue_drains_and_check_finds_no_drift(
    search_index, closed_port, django_capture_on_commit_callbacks, capsys, settings
):
    """Changes queued while down are applied by search_sync; --check then reports no drift."""
    from search import breaker
    from search.client import get_search_client

    real_url = settings.ELASTICSEARCH_URL
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{closed_port}"
    get_search_client.cache_clear()
    with django_capture_on_commit_callbacks(execute=True):
        page = make_case_study(CouncilPageFactory(), "Published while down")
    down = Client().get("/api/search/").json()
    assert (down["backend"], down["total"]) == ("database", 1)
    assert PendingSync.objects.count() == 1

    settings.ELASTICSEARCH_URL = real_url
    get_search_client.cache_clear()
    breaker.reset()
    with pytest.raises(CommandError, match="drifted"):
        call_command("search_index", "--check")
    call_command("search_sync")
    assert PendingSync.objects.count() == 0
    call_command("search_index", "--check")
    assert "No drift" in capsys.readouterr().out
    assert page.title in found()


def test_next_successful_sync_drains_the_queue_first(
    search_index, django_capture_on_commit_callbacks
):
    """A queued change is applied by the next publish that reaches the node."""
    from search.sync import queue

    council = CouncilPageFactory()
    waiting = make_case_study(council, "Waiting in the queue")
    queue([waiting.pk], "test")
    with django_capture_on_commit_callbacks(execute=True):
        make_case_study(council, "Published later")
    assert set(found()) == {"Waiting in the queue", "Published later"}
    assert PendingSync.objects.count() == 0


def test_a_publish_whose_commit_hooks_never_ran_is_indexed_by_the_drain(
    search_index, django_capture_on_commit_callbacks
):
    """A publish committed without its after-commit work (a killed process) leaves an outbox row,
    and the drain task indexes the page from it and removes the row."""
    with django_capture_on_commit_callbacks(execute=False):
        page = make_case_study(CouncilPageFactory(), "Orchard share scheme")
    assert set(PendingSync.objects.values_list("page_id", flat=True)) == {page.pk}
    assert "Orchard share scheme" not in found()

    drain_outbox.enqueue()

    assert not PendingSync.objects.exists()
    assert "Orchard share scheme" in found("q=orchard")


def test_an_admin_publish_never_talks_to_the_node(
    search_index, search_proxy, task_worker, django_capture_on_commit_callbacks
):
    """A moderator's publish in the admin commits, writes its outbox row and queues the drain for
    the worker without opening a single connection to the (slow) node; the worker indexes it."""
    council = OnboardedCouncilFactory(title="Slowmoor Council")
    moderator = ModeratorFactory()
    draft = draft_case_study(council, moderator, "Slowmoor tool library")
    search_proxy.delay = 3
    before = search_proxy.accepted

    with django_capture_on_commit_callbacks(execute=True):
        response = publish_in_admin(moderator, draft)

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.live
    assert search_proxy.accepted == before
    assert set(PendingSync.objects.values_list("page_id", flat=True)) == {draft.pk}
    assert DBTaskResult.objects.filter(
        task_path=drain_outbox.module_path, status=TaskResultStatus.READY
    ).exists()

    search_proxy.delay = 0
    task_worker()
    assert not PendingSync.objects.exists()
    assert "Slowmoor tool library" in found("q=slowmoor")
