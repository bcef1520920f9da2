"""SQL queries per page stay constant: they do not grow with a page's content or the results."""

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from wagtail.documents.models import Document

from casestudies.models import (
    Approach,
    CaseStudyAttachment,
    CaseStudyLink,
    CaseStudyOutcome,
    Theme,
)
from search.rebuild import rebuild
from tests.factories import CouncilPageFactory
from tests.helpers.pages import make_case_study

pytestmark = [pytest.mark.elasticsearch, pytest.mark.django_db]

# A little above what the pages make today; the point is that the counts do not grow.
CASE_STUDY_MAX_QUERIES = 25
SEARCH_PAGE_MAX_QUERIES = 12


def case_study_with(council, title, size):
    """A live case study with ``size`` approaches, themes, partners, tags, outcomes, links and
    documents."""
    approaches = list(Approach.objects.order_by("slug").values_list("slug", flat=True))[:size]
    themes = list(Theme.objects.order_by("slug").values_list("slug", flat=True))[:size]
    page = make_case_study(
        council,
        title,
        approaches=approaches,
        themes=themes,
        partners=[f"Partner {number}" for number in range(size)],
        tags=[f"tag {number}" for number in range(size)],
        body="Residents and the council run it together.",
    )
    for number in range(size):
        CaseStudyOutcome.objects.create(page=page, statement=f"Outcome {number}")
        CaseStudyLink.objects.create(page=page, title=f"Link {number}", url="https://example.org/")
        document = Document(title=f"Report {number}")
        document.file.save(f"report-{number}.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
        document.save()
        CaseStudyAttachment.objects.create(page=page, document=document)
    return page


def test_case_study_page_queries_do_not_grow_with_its_content(
    search_index, django_assert_max_num_queries
):
    """A case study with four of everything and four related pages costs what one with one does."""
    council = CouncilPageFactory()
    small = case_study_with(council, "Small project", 1)
    large = case_study_with(council, "Large project", 4)
    for number in range(4):
        case_study_with(council, f"Related project {number}", 2)
    rebuild(grace_seconds=0)
    client = Client()
    assert client.get(small.url).status_code == 200  # fills the site root cache
    with django_assert_max_num_queries(CASE_STUDY_MAX_QUERIES) as few:
        assert client.get(small.url).status_code == 200
    with django_assert_max_num_queries(CASE_STUDY_MAX_QUERIES) as many:
        html = client.get(large.url).content.decode()
    assert html.count('class="network-card"') == 4
    assert "Report 3" in html and "Outcome 3" in html
    assert len(many.captured_queries) == len(few.captured_queries)


def test_search_page_queries_do_not_grow_with_results_or_facet_values(
    search_index, django_assert_max_num_queries
):
    """/search/ with 50 results, 12 councils and selected filters costs what one result does."""
    make_case_study(CouncilPageFactory(), "Only project", approaches=["volunteer-led"])
    rebuild(grace_seconds=0)
    client = Client()
    selected = {"approach": "volunteer-led", "page_size": "50"}
    assert client.get("/search/", selected).status_code == 200
    with django_assert_max_num_queries(SEARCH_PAGE_MAX_QUERIES) as few:
        assert "Only project" in client.get("/search/", selected).content.decode()
    councils = [CouncilPageFactory() for _ in range(12)]
    for number in range(50):
        make_case_study(councils[number % 12], f"Project {number}", approaches=["volunteer-led"])
    rebuild(grace_seconds=0)
    # New councils dropped the per-process label copies: fill them again, as before "few".
    assert client.get("/search/", selected).status_code == 200
    with django_assert_max_num_queries(SEARCH_PAGE_MAX_QUERIES) as many:
        html = client.get("/search/", selected).content.decode()
    assert "Project 49" in html
    assert len(many.captured_queries) == len(few.captured_queries)
