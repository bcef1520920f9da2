"""The case study's admin views: no autosave while a new page is written, autosave on edits."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_new_case_study_is_not_autosaved(client_a, council_a):
    """The create form has no autosave controller, so nothing validates it while typing."""
    url = reverse("wagtailadmin_pages:add", args=["casestudies", "casestudypage", council_a.pk])
    html = client_a.get(url).content.decode()

    assert "w-unsaved" in html
    assert "data-w-autosave-interval-value" not in html


def test_an_existing_case_study_is_still_autosaved(client_a, draft_a):
    """Editing a case study keeps Wagtail's autosave."""
    html = client_a.get(reverse("wagtailadmin_pages:edit", args=[draft_a.pk])).content.decode()

    assert "data-w-autosave-interval-value" in html


def tab_labels(client, page):
    html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    return re.findall(r'id="tab-label-([\w-]+)"', html)


def test_an_officer_sees_only_the_tabs_they_can_use(client_a, draft_a):
    """An officer gets Content and Promote (the page's address), no Settings tab of scheduling."""
    assert tab_labels(client_a, draft_a) == ["content", "promote"]
