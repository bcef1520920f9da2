"""The fallback's stored vectors follow what visitors may see: live, public case studies."""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from wagtail.models import PageViewRestriction

from casestudies.models import CaseStudyPage
from search.models import SearchText
from tests.factories import CouncilPageFactory
from tests.helpers.database import on_postgresql, on_sqlite
from tests.helpers.pages import make_case_study

pytestmark = pytest.mark.django_db


def lexemes(page):
    """{lexeme: weights} of the page's stored vector (empty when it has none)."""
    row = SearchText.objects.filter(page=page).first()
    if row is None:
        return {}
    with connection.cursor() as cursor:
        cursor.execute("SELECT lexeme, weights FROM unnest(%s::tsvector)", [row.vector])
        return {lexeme: set(weights) for lexeme, weights in cursor.fetchall()}


@pytest.fixture
def council():
    return CouncilPageFactory(title="Leekshire Council")


@on_postgresql
def test_publish_stores_weighted_english_vector(council):
    """Title words weigh A, summary B, body C and names D, stemmed by the english config."""
    page = make_case_study(
        council, "Allotment share", summary="Gardeners growing.", body="Shared tools."
    )
    words = lexemes(page)
    assert words["allot"] == {"A"}
    assert words["garden"] == {"B"}
    assert words["tool"] == {"C"}
    assert words["leekshir"] == {"D"}


@on_postgresql
def test_unpublish_removes_the_vector(council):
    """An unpublished case study has no vector left to be found by."""
    page = make_case_study(council, "Allotment share")
    page.unpublish()
    assert not SearchText.objects.filter(page=page).exists()


@on_postgresql
def test_a_private_case_study_has_no_vector_until_public_again(council):
    """A view restriction removes the vectors beneath it; lifting it brings them back."""
    page = make_case_study(council, "Allotment share")
    restriction = PageViewRestriction.objects.create(
        page=council, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    assert not SearchText.objects.filter(page=page).exists()
    restriction.delete()
    assert "allot" in lexemes(page)


@on_postgresql
def test_a_saved_live_page_gets_its_new_words(council):
    """A plain save of a live case study rewrites its vector from the saved row."""
    page = make_case_study(council, "Allotment share")
    page.title = "Orchard share"
    page.save()
    words = lexemes(page)
    assert "orchard" in words
    assert "allot" not in words


@on_postgresql
def test_a_draft_does_not_leak_into_the_vector(council):
    """Words only in an unpublished draft of a live page are not searchable."""
    page = make_case_study(council, "Allotment share")
    page.title = "Secret merger"
    page.save_revision()
    words = lexemes(page)
    assert "allot" in words
    assert "secret" not in words


@on_postgresql
def test_a_moved_case_study_carries_its_new_council(council):
    """After a move to another council the vector names that council, not the old one."""
    page = make_case_study(council, "Allotment share")
    other = CouncilPageFactory(title="Yorkton Council")
    page.move(other, pos="last-child")
    words = lexemes(page)
    assert "yorkton" in words
    assert "leekshir" not in words


@on_postgresql
def test_a_deleted_case_study_takes_its_vector_with_it(council):
    """Deleting the page deletes its vector."""
    page = make_case_study(council, "Allotment share")
    page_id = page.pk
    page.delete()
    assert not SearchText.objects.filter(page_id=page_id).exists()


@on_postgresql
def test_bulk_generated_case_studies_get_vectors():
    """generate_case_studies inserts without signals, and still leaves every vector filled."""
    call_command("generate_case_studies", "--count", "5", "--seed", "7", verbosity=0)
    pages = CaseStudyPage.objects.live().public()
    assert pages.count() == 5
    assert SearchText.objects.filter(page__in=pages).count() == 5


@on_postgresql
def test_search_text_command_rebuilds_every_vector(council):
    """manage.py search_text fills missing vectors and drops those of hidden pages."""
    shown = make_case_study(council, "Allotment share")
    hidden = make_case_study(council, "Orchard rota")
    SearchText.objects.filter(page=shown).delete()
    CaseStudyPage.objects.filter(pk=hidden.pk).update(live=False)
    call_command("search_text", verbosity=0)
    assert "allot" in lexemes(shown)
    assert not SearchText.objects.filter(page=hidden).exists()


@on_postgresql
def test_migrate_fills_vectors_of_existing_pages(council):
    """Pages that predate the table get their vectors when migrate runs."""
    page = make_case_study(council, "Allotment share")
    SearchText.objects.all().delete()
    call_command("migrate", "search", verbosity=0)
    assert "allot" in lexemes(page)


@on_sqlite
def test_sqlite_stores_no_vectors(council):
    """On SQLite the fallback matches words with LIKE: publishing writes no vector."""
    make_case_study(council, "Allotment share")
    call_command("search_text", verbosity=0)
    assert not SearchText.objects.exists()


@on_postgresql
def test_demo_content_gets_vectors():
    """Every case study the demo loader publishes has its vector, found by its words."""
    call_command("load_demo_content", skip_accounts=True, stdout=io.StringIO())
    visible = CaseStudyPage.objects.live().public()
    assert visible.exists()
    assert SearchText.objects.filter(page__in=visible).count() == visible.count()
    cupboard = visible.get(title="Leek Community Cupboard")
    assert "cupboard" in lexemes(cupboard)


def stored_columns(page):
    """(facet tokens, budget, publication date) stored beside the page's vector."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT facets, budget, published_at FROM search_searchtext WHERE page_id = %s",
            [page.pk],
        )
        return cursor.fetchone()


@on_postgresql
def test_facet_tokens_and_sort_columns_are_stored_with_the_vector(council):
    """Every facet value is stored as a name:value token, with the budget and first publication."""
    page = make_case_study(council, "Allotment share", budget=12_000, start_year=2019)
    page.refresh_from_db()
    tokens, budget, published_at = stored_columns(page)
    approach = page.approaches.first().slug
    assert {
        f"council:{council.slug}",
        "budget:10k-50k",
        "year:2019",
        f"approach:{approach}",
    } <= set(tokens)
    assert (budget, published_at) == (12_000, page.first_published_at)


@on_postgresql
def test_a_council_change_rewrites_its_case_studies_tokens(council):
    """A council moved to another region is counted under the new region by the fallback."""
    page = make_case_study(council, "Allotment share")
    region = "north-east" if council.region == "south-west" else "south-west"
    council.region = region
    council.save_revision().publish()
    tokens, _, _ = stored_columns(page)
    assert [token for token in tokens if token.startswith("region:")] == [f"region:{region}"]
