"""The search page's filters: options in a stable order, empty budget bands disabled."""

import re

from django.test import Client

from casestudies.models import CouncilIndexPage


def checkbox_values(html, name):
    return re.findall(rf'name="{name}" type="checkbox" value="([^"]+)"', html)


def test_ticking_a_box_moves_no_option(indexed_corpus):
    """Options keep their order when a box is ticked, even as the other counts change; only
    options left with nothing to find drop out (budget bands and evidence levels stay)."""
    before = Client().get("/search/").content.decode()
    after = Client().get("/search/", {"theme": "democracy-participation"}).content.decode()
    for name in ("approach", "theme", "status"):
        kept = checkbox_values(after, name)
        assert kept == [value for value in checkbox_values(before, name) if value in kept], name
    for name in ("budget", "evidence"):
        assert checkbox_values(after, name) == checkbox_values(before, name), name
    assert len(checkbox_values(after, "approach")) < len(checkbox_values(before, "approach"))
    approaches = checkbox_values(after, "approach")
    assert approaches == sorted(approaches), "the approaches' slugs follow their names here"
    assert 'name="theme" type="checkbox" value="democracy-participation" checked' in after


def test_a_budget_band_counting_nothing_is_shown_disabled(indexed_corpus):
    """A band that would find nothing stays in the list, disabled, with its zero count."""
    html = Client().get("/search/").content.decode()
    assert 'name="budget" type="checkbox" value="over-1m" disabled>' in html
    assert "£1m and over <span" in html and "(0<span" in html
    assert 'name="budget" type="checkbox" value="10k-50k">' in html


def test_the_evidence_facet_filters_the_page(indexed_corpus):
    """Ticking 'Independently evaluated' leaves the case study with an evaluated outcome."""
    html = Client().get("/search/", {"evidence": "evaluated"}).content.decode()
    assert "Strongest evidence</legend>" in html
    assert "1 case study" in html and "The Wigan Deal" in html
    assert "Remove filter </span>Strongest evidence: Independently evaluated" in html


def test_zero_results_keep_the_filters_and_say_what_removing_each_gives(indexed_corpus):
    """An empty page keeps every selected filter, each with a remove link and its count."""
    html = (
        Client()
        .get("/search/", {"theme": "democracy-participation", "status": "scaled-up"})
        .content.decode()
    )
    assert "No case studies match" in html
    assert 'name="theme" type="checkbox" value="democracy-participation" checked' in html
    assert "Remove theme: Democracy and participation (1 result)</a>" in html
    assert "Remove status: Scaled up (2 results)</a>" in html
    assert 'href="?theme=democracy-participation"' in html
    html = Client().get(
        "/search/", {"theme": "food-poverty", "status": "pilot", "budget": "over-1m"}
    )
    html = html.content.decode()
    assert "Remove budget: £1m and over" not in html
    assert "Removing budget: £1m and over alone still finds nothing" in html
    councils = CouncilIndexPage.objects.get()
    assert f'<a class="govuk-link" href="{councils.url}">browse member councils</a>' in html


def test_zero_results_without_filters_offer_only_words_and_browsing(indexed_corpus):
    """With no filter set there is nothing to remove: other words, or browse."""
    html = Client().get("/search/", {"q": "zzzzqqq"}).content.decode()
    assert "Removing one of them" not in html and "removing some filters" not in html
    assert '<a class="govuk-link" href="/search/">browse all case studies</a>' in html
