"""The admin screens for the content model open and show the curated vocabulary."""

import pytest

from tests.factories import ApproachFactory, CouncilPageFactory, ThemeFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    return client


def test_approaches_are_listed_and_searchable(staff):
    """Network staff see approaches as snippets and can search them by name."""
    ApproachFactory(name="Participatory budgeting", slug="participatory-budgeting")
    ApproachFactory(name="Deliberative democracy", slug="deliberative-democracy")
    response = staff.get("/admin/snippets/casestudies/approach/", {"q": "participatory"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Participatory budgeting" in html
    assert "Deliberative democracy" not in html


def test_new_case_study_form_offers_approaches_and_themes_as_checkboxes(staff):
    """The add form under a council shows every approach and theme as a checkbox."""
    council = CouncilPageFactory()
    ApproachFactory(name="Volunteer-led", slug="volunteer-led")
    ThemeFactory(name="Housing", slug="housing")
    response = staff.get(f"/admin/pages/add/casestudies/casestudypage/{council.pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'type="checkbox" name="approaches"' in html
    assert 'type="checkbox" name="themes"' in html
    assert "Volunteer-led" in html and "Housing" in html
