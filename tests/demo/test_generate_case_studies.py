"""generate_case_studies: bulk, repeatable, and the pages it makes are real, reachable pages."""

import html
import io

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from wagtail.models import Page

from casestudies.models import CaseStudyPage, CouncilPage

pytestmark = pytest.mark.django_db


def generate(**options):
    out = io.StringIO()
    call_command("generate_case_studies", stdout=out, **options)
    return out.getvalue()


def snapshot():
    """What a generated run contains, without ids or paths that depend on earlier rows."""
    return [
        (
            page.title,
            page.council.title,
            page.summary,
            page.budget,
            page.status,
            page.start_year,
            sorted(page.approaches.values_list("slug", flat=True)),
            sorted(page.themes.values_list("slug", flat=True)),
            page.first_published_at,
        )
        for page in CaseStudyPage.objects.select_related("council").order_by("path")
    ]


def test_creates_the_requested_number_across_fictional_councils():
    """--count 25 --councils 3 makes 25 live case studies under 3 example councils."""
    output = generate(count=25, seed=3, councils=3)
    assert CaseStudyPage.objects.live().count() == 25
    councils = CouncilPage.objects.filter(slug__endswith="-g3")
    assert councils.count() == 3
    assert all(council.is_example for council in councils)
    assert sorted(council.get_children().count() for council in councils) == [8, 8, 9]
    assert "25 / 25 case studies" in output
    assert "Created 25 case studies across 3 councils" in output


def test_pages_form_a_valid_tree_and_are_reachable(client):
    """Treebeard finds no problem in the tree and every generated page answers at its URL."""
    generate(count=12, seed=5, councils=2)
    assert all(not problems for problems in Page.find_problems())
    for page in CaseStudyPage.objects.all():
        assert page.url_path == f"{page.get_parent().url_path}{page.slug}/"
        assert page.council_id == page.get_parent().pk
        assert page.approaches.exists() and page.themes.exists()
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        assert html.escape(page.title) in response.content.decode()


def test_council_place_names_never_repeat():
    """Every council gets its own place name, past the 100 plain names (100,000 case studies
    need 500 councils)."""
    from demo.management.commands.generate_case_studies import Command

    names = [Command().place_name(index) for index in range(2_000)]
    assert len(set(names)) == len(names)


def test_same_seed_gives_the_same_content():
    """Two runs with one seed produce identical case studies; another seed differs."""
    with transaction.atomic():
        generate(count=15, seed=11)
        first = snapshot()
        transaction.set_rollback(True)
    generate(count=15, seed=11)
    assert snapshot() == first
    assert len(first) == 15
    with transaction.atomic():
        CaseStudyPage.objects.all().delete()
        generate(count=15, seed=12)
        assert snapshot() != first
        transaction.set_rollback(True)


def test_generated_pages_are_published_and_valid():
    """Generated case studies pass the model's validation and derive their budget band."""
    generate(count=20, seed=8)
    for page in CaseStudyPage.objects.all():
        page.full_clean()
        assert page.live and page.first_published_at is not None


def test_repeating_a_seed_is_refused():
    """A seed that has already been generated is refused, rather than clashing on slugs."""
    generate(count=2, seed=9)
    with pytest.raises(CommandError, match="seed 9 already exist"):
        generate(count=2, seed=9)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"count": 0, "seed": 1}, "--count must be at least 1"),
        ({"count": 5, "seed": -1}, "--seed must be zero or more"),
        ({"count": 5, "seed": 1, "councils": 6}, "--councils must be from 1 to --count"),
    ],
)
def test_bad_options_are_clear_errors(options, message):
    """Impossible options stop with a message saying what to change."""
    with pytest.raises(CommandError, match=message):
        generate(**options)
