"""Two onboarded councils, each with an officer and a draft, a moderator and an administrator."""

import pytest
from django.test import Client
from wagtail.blocks.base import BlockField
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from tests.factories import (
    AdministratorFactory,
    CaseStudyPageFactory,
    ModeratorFactory,
    OfficerFactory,
    OnboardedCouncilFactory,
)


def draft_case_study(council, owner, title):
    """An unpublished case study with one saved revision, as an officer's draft would be."""
    page = CaseStudyPageFactory(parent=council, title=title, live=False, owner=owner)
    page.save_revision(user=owner)
    return page


@pytest.fixture
def council_a(db):
    return OnboardedCouncilFactory(title="Ashford Example Council")


@pytest.fixture
def council_b(db):
    return OnboardedCouncilFactory(title="Brampton Example Council")


@pytest.fixture
def officer_a(council_a):
    return OfficerFactory(council=council_a, username="alice")


@pytest.fixture
def officer_b(council_b):
    return OfficerFactory(council=council_b, username="bob")


@pytest.fixture
def moderator(db):
    return ModeratorFactory(username="moira")


@pytest.fixture
def administrator(db):
    return AdministratorFactory(username="adam")


@pytest.fixture
def draft_a(council_a, officer_a):
    return draft_case_study(council_a, officer_a, "Alpha community fridge")


@pytest.fixture
def draft_b(council_b, officer_b):
    return draft_case_study(council_b, officer_b, "Bravo tenants panel")


@pytest.fixture
def live_b(council_b, officer_b):
    page = CaseStudyPageFactory(parent=council_b, title="Bravo repair cafe", owner=officer_b)
    page.save_revision(user=officer_b).publish()
    return page


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def client_a(officer_a):
    return signed_in(officer_a)


@pytest.fixture
def client_moderator(moderator):
    return signed_in(moderator)


@pytest.fixture
def client_administrator(administrator):
    return signed_in(administrator)


def edit_form_data(page, user, **changes):
    """What the page's edit form would post unchanged, plus ``changes`` (body left empty)."""
    form_class = page.specific_class.get_edit_handler().get_form_class()
    form = form_class(instance=page.specific, for_user=user)
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if isinstance(field, BlockField):
            data.update(nested_form_data({name: streamfield([])}))
        elif name == "tags":
            data[name] = ", ".join(tag.name for tag in value or [])
        elif isinstance(value, list | tuple):
            data[name] = [str(item) for item in value]
        elif value not in (None, False):
            # An unticked checkbox is posted by leaving it out.
            data[name] = value
    for prefix in form.formsets:
        data.update(nested_form_data({prefix: inline_formset([])}))
    data.update(changes)
    return data
