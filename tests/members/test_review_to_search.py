"""An approved case study becomes searchable on the real node; a submitted one does not."""

import pytest
from django.http import QueryDict

from search import service
from search.params import SearchParams
from tests.members.test_workflow import act, submit
from tests.search.conftest import search_index  # noqa: F401 (fixture)

pytestmark = [pytest.mark.elasticsearch, pytest.mark.django_db]


def found_titles(words):
    results = service.search(SearchParams.from_querydict(QueryDict(f"q={words}")))
    assert results.backend == "elasticsearch"
    return [result["title"] for result in results.results]


def test_approval_puts_case_study_in_search_results(
    search_index,  # noqa: F811
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
