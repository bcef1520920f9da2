"""An approved case study becomes searchable on the real node; a submitted one does not."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.http import QueryDict
from django.test import override_settings
from django.urls import reverse

from casestudies.models import CaseStudyPage
from search import service
from search.models import PendingSync, RejectedDocument
from search.params import SearchParams
from tests.factories import CaseStudyPageFactory
from tests.helpers.workflow import act, submit

pytestmark = [pytest.mark.elasticsearch, pytest.mark.django_db]


def found_titles(words):
    results = service.search(SearchParams.from_querydict(QueryDict(f"q={words}")))
    assert results.backend == "elasticsearch"
    return [result["title"] for result in results.results]


def test_approval_puts_case_study_in_search_results(
    search_index,
    client_a,
    client_moderator,
    officer_a,
    draft_a,
    django_capture_on_commit_callbacks,
):
    """Submitted: not found. Approved by a moderator: live and found by the public search."""
    with django_capture_on_commit_callbacks(execute=True):
        task_state = submit(client_a, draft_a, officer_a)
    assert draft_a.title not in found_titles("fridge")

    with django_capture_on_commit_callbacks(execute=True):
        act(client_moderator, draft_a, task_state, "approve")
    draft_a.refresh_from_db()
    assert draft_a.live
    assert draft_a.title in found_titles("fridge")


def approve_through_admin(client_moderator, page, officer, capture):
    """The officer's latest revision goes to review; the moderator approves it in the admin."""
    page.get_workflow().start(page, officer)
    page.refresh_from_db()
    with capture(execute=True):
        response = act(client_moderator, page, page.current_workflow_task_state, "approve")
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live


def published(council, title, owner, capture):
    with capture(execute=True):
        page = CaseStudyPageFactory(parent=council, title=title, owner=owner)
        page.save_revision(user=owner).publish()
    return page


@override_settings(SEARCH_OLD_INDEX_GRACE=0)
def test_control_characters_in_an_approved_case_study_never_block_the_index(
    search_index,
    client_moderator,
    client_administrator,
    officer_a,
    officer_b,
    council_b,
    draft_a,
    draft_b,
    django_capture_on_commit_callbacks,
):
    """U+001E/U+001F in a title and summary are indexed cleaned; later changes and commands work."""
    capture = django_capture_on_commit_callbacks
    cafe = published(council_b, "Bravo repair cafe", officer_b, capture)
    assert "Bravo repair cafe" in found_titles("cafe")

    # Saved as a revision directly, past any form validation, as an older revision would be.
    draft_a.title = "Alpha\x1e community\x1f fridge"
    draft_a.summary = "Cold food\x1f shared\x1e by neighbours."
    draft_a.save_revision(user=officer_a, clean=False)
    approve_through_admin(client_moderator, draft_a, officer_a, capture)
    assert "Alpha community fridge" in found_titles("fridge")
    assert "Alpha community fridge" in found_titles("neighbours")

    approve_through_admin(client_moderator, draft_b, officer_b, capture)
    assert "Bravo tenants panel" in found_titles("tenants")

    with capture(execute=True):
        response = client_moderator.post(reverse("wagtailadmin_pages:unpublish", args=[cafe.pk]))
    assert response.status_code == 302
    assert "Bravo repair cafe" not in found_titles("cafe")

    with capture(execute=True):
        response = client_administrator.post(
            reverse("wagtailadmin_pages:delete", args=[draft_b.pk])
        )
    assert response.status_code == 302
    assert "Bravo tenants panel" not in found_titles("tenants")
    assert not PendingSync.objects.exists() and not RejectedDocument.objects.exists()

    for arguments in (["search_sync"], ["search_index", "--repair"], ["search_index", "--rebuild"]):
        call_command(*arguments, stdout=StringIO())
    assert found_titles("fridge") == ["Alpha community fridge"]
    assert "Bravo repair cafe" not in found_titles("cafe")


def widen_start_year():
    """Let the row hold a year past the index's integer, as an older or looser schema could.

    SQLite stores any integer already; PostgreSQL's smallint would refuse the value itself. The
    test's transaction rolls the change back.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # Deferred foreign-key checks of the rows just written would block the ALTER.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(
                "ALTER TABLE casestudies_casestudypage ALTER COLUMN start_year TYPE bigint"
            )


@override_settings(SEARCH_OLD_INDEX_GRACE=0)
def test_a_document_the_node_refuses_is_recorded_skipped_and_cleared_once_it_indexes(
    search_index,
    client_moderator,
    officer_a,
    officer_b,
    council_a,
    draft_b,
    django_capture_on_commit_callbacks,
):
    """A start year past the index's integer range: recorded with the reason, the rest indexed."""
    capture = django_capture_on_commit_callbacks
    fridge = published(council_a, "Alpha community fridge", officer_a, capture)
    library = published(council_a, "Alpha tool library", officer_a, capture)
    # Written past the model's validation, as a bad import or an old row would be.
    widen_start_year()
    CaseStudyPage.objects.filter(pk=fridge.pk).update(start_year=3_000_000_000)

    call_command("search_index", "--rebuild", stdout=StringIO())
    (rejected,) = RejectedDocument.objects.all()
    assert rejected.page_id == fridge.pk
    assert "start_year" in rejected.reason and rejected.reason.startswith("400 ")
    assert found_titles("library") == ["Alpha tool library"]
    assert "Alpha community fridge" not in found_titles("fridge")

    approve_through_admin(client_moderator, draft_b, officer_b, capture)
    assert "Bravo tenants panel" in found_titles("tenants")
    with capture(execute=True):
        response = client_moderator.post(reverse("wagtailadmin_pages:unpublish", args=[library.pk]))
    assert response.status_code == 302
    assert "Alpha tool library" not in found_titles("library")
    call_command("search_sync", stdout=StringIO())
    call_command("search_index", "--repair", stdout=StringIO())
    assert not PendingSync.objects.exists()
    assert RejectedDocument.objects.get().page_id == fridge.pk

    report = client_moderator.get(reverse("search_admin:rejected_documents")).content.decode()
    assert f'data-page-id="{fridge.pk}"' in report and "start_year" in report

    fridge.refresh_from_db()
    fridge.start_year = 2021
    with capture(execute=True):
        fridge.save_revision().publish()
    assert found_titles("fridge") == ["Alpha community fridge"]
    assert not RejectedDocument.objects.exists()
