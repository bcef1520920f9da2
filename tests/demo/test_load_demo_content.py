"""The demo loader: real projects with only their seed facts, fictional examples, accounts."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import override_settings
from wagtail.models import Page, Revision

from casestudies.models import Approach, CaseStudyPage, CouncilPage, StandardPage, Theme
from casestudies.vocabulary import BUDGET_BANDS, Status
from members.roles import MODERATORS


def load(**options):
    out = io.StringIO()
    call_command("load_demo_content", stdout=out, **options)
    return out.getvalue()


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo content loaded once for this module, inside a transaction rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        first_output = load()
        yield first_output
        transaction.set_rollback(True)


@pytest.fixture
def loaded(demo, db):
    return demo


def test_loader_reports_progress(loaded):
    """The first run says what it created, section by section."""
    assert "Councils" in loaded and "Case studies" in loaded
    assert "created  Leek Community Cupboard (Staffordshire County Council)" in loaded


def test_second_run_changes_nothing_and_says_so(loaded):
    """Running the loader again creates no page, revision or account, and reports that."""
    before = (Page.objects.count(), Revision.objects.count(), get_user_model().objects.count())
    output = load()
    after = (Page.objects.count(), Revision.objects.count(), get_user_model().objects.count())
    assert after == before
    assert "Nothing to do" in output
    assert "created " not in output


def test_counts_reach_the_issue_minimums(loaded):
    """At least 20 published case studies across at least 8 councils."""
    case_studies = CaseStudyPage.objects.live()
    assert case_studies.count() >= 20
    assert CouncilPage.objects.filter(own_case_studies__in=case_studies).distinct().count() >= 8


def test_every_approach_theme_budget_band_and_status_is_covered(loaded):
    """The demo covers the whole vocabulary, so every facet value has something to find."""
    live = CaseStudyPage.objects.live()
    for model in (Approach, Theme):
        used = model.objects.filter(case_studies__in=live).values_list("slug", flat=True)
        assert set(used) == set(model.objects.values_list("slug", flat=True)), model

    assert set(live.values_list("budget_band", flat=True)) == {band.slug for band in BUDGET_BANDS}
    assert set(live.values_list("status", flat=True)) == set(Status.values)


def test_pages_are_published_through_revisions(loaded):
    """Every demo page has a live revision, so publishing signals ran for it."""
    assert not CaseStudyPage.objects.filter(live_revision__isnull=True).exists()
    assert not CaseStudyPage.objects.filter(has_unpublished_changes=True).exists()


def test_page_tree_stays_valid(loaded):
    """Treebeard finds no problem after loading (a stale parent once corrupted numchild)."""
    assert all(not problems for problems in Page.find_problems())


def test_real_projects_keep_only_seed_facts(loaded):
    """Real councils' case studies carry the seed's figures and leave the unknown ones empty."""
    leek = CaseStudyPage.objects.get(slug="leek-community-cupboard")
    assert leek.budget is None
    assert leek.budget_band == "not-stated"
    assert leek.start_year is None
    assert leek.people_reached is None
    assert leek.funding_sources == ["councillor-funds"]
    assert "£3" in leek.summary and "60 villages" in leek.summary

    york = CaseStudyPage.objects.get(slug="volunteer-health-champions")
    assert york.volunteers == 76
    assert york.budget is None
    assert york.people_reached is None

    for slug in ("the-wigan-deal", "participatory-city-every-one-every-day", "big-local"):
        assert CaseStudyPage.objects.get(slug=slug).budget is None, slug
    barking = CaseStudyPage.objects.get(slug="participatory-city-every-one-every-day")
    assert barking.people_reached == 5000
    wigan = CaseStudyPage.objects.get(slug="the-wigan-deal")
    assert "40%" in wigan.summary
    assert {partner.kind for partner in wigan.partners.all()} == {"nhs", "voluntary"}


def test_real_and_fictional_councils_are_told_apart(loaded):
    """The five real bodies are not examples; every other council is a marked fictional example."""
    real = {
        "Staffordshire County Council",
        "City of York Council",
        "Wigan Council",
        "London Borough of Barking and Dagenham",
        "Local Trust",
    }
    councils = CouncilPage.objects.all()
    assert {council.title for council in councils if not council.is_example} == real
    for council in councils.filter(is_example=False):
        assert (council.website, council.gss_code, council.population) == ("", "", None)
    assert all(council.population is None for council in councils if not council.is_example)
    local_trust = CouncilPage.objects.get(title="Local Trust")
    assert local_trust.council_type == "partner"
    assert CaseStudyPage.objects.get(slug="big-local").get_parent().pk == local_trust.pk


def test_summaries_fit_the_limit(loaded):
    """Every demo summary meets the 300-character rule the admin form enforces."""
    for page in CaseStudyPage.objects.all():
        page.full_clean()


def test_site_pages_exist_with_real_content(loaded, client):
    """About, the accessibility statement and the privacy notice are published with content."""
    statement = StandardPage.objects.get(slug="accessibility-statement")
    assert "Public Sector Bodies (Websites and Mobile Applications)" in statement.body
    assert "WCAG" in statement.body or "Web Content Accessibility Guidelines" in statement.body
    privacy = StandardPage.objects.get(slug="privacy")
    assert "UK GDPR" in privacy.body and "Information Commissioner" in privacy.body
    for path in ("/about/", "/accessibility-statement/", "/privacy/"):
        assert client.get(path).status_code == 200, path


def test_leek_page_shows_council_approaches_themes_and_key_facts(loaded, client):
    """The Leek Community Cupboard page shows its council, approaches, themes and key facts."""
    response = client.get("/councils/staffordshire-county-council/leek-community-cupboard/")
    assert response.status_code == 200
    html = response.content.decode()
    for text in (
        "<title>Leek Community Cupboard \u2013 Co-operative Councils Knowledge Network</title>",
        ">Staffordshire County Council</a>",
        "County council",
        "West Midlands",
        "Volunteer-led",
        "Community ownership and asset transfer",
        "Food and poverty",
        "Children and young people",
        "Councillors&#x27; community funds",
        "Scaled up",
        "Run entirely by volunteers across 60 villages",
        "Self-reported",
    ):
        assert text in html, text
    key_facts = html[html.index("Key facts") : html.index("</dl>")]
    assert "Budget" in key_facts and "Not stated" in key_facts


def test_demo_accounts_exist_with_their_roles(loaded):
    """admin is a superuser, moderator moderates, and each council has its officer account."""
    User = get_user_model()
    assert User.objects.get(username="admin").is_superuser
    assert User.objects.get(username="moderator").groups.filter(name=MODERATORS).exists()
    for council in CouncilPage.objects.all():
        assert User.objects.filter(username=f"officer-{council.slug}").exists(), council.slug
    assert User.objects.get(username="officer-wigan-council").check_password("network-demo-2026")


@pytest.mark.django_db
def test_refuses_demo_accounts_under_production_settings():
    """Under production settings the loader stops with a clear error before changing anything."""
    before = (Page.objects.count(), get_user_model().objects.count())
    production = override_settings(SETTINGS_MODULE="network_site.settings.production")
    with production, pytest.raises(CommandError, match="production"):
        load()
    assert (Page.objects.count(), get_user_model().objects.count()) == before
