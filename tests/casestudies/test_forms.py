"""Validation of case studies through the admin page form and the model."""

import pytest
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from casestudies.forms import CONTROL_CHARACTER_MESSAGE, REFERENCE_MESSAGES, rich_text_references
from casestudies.models import CaseStudyPage
from casestudies.vocabulary import SectionHeading
from tests.factories import (
    ApproachFactory,
    CaseStudyPageFactory,
    CouncilDocumentFactory,
    CouncilImageFactory,
    CouncilPageFactory,
    ThemeFactory,
    UserFactory,
)
from tests.helpers.admin import edit_form_data

pytestmark = pytest.mark.django_db


def page_form(**overrides):
    """The admin form for a new case study under a council, filled in validly unless overridden."""
    council = CouncilPageFactory()
    fields = {
        "title": "Village food bags",
        "slug": "village-food-bags",
        "summary": "Volunteers sell low-cost bags of fruit and vegetables in villages.",
        "approaches": [ApproachFactory().pk],
        "themes": [ThemeFactory().pk],
        "budget": "2500",
        "funding_sources": ["councillor-funds"],
        "status": "running",
        "start_year": "2019",
        "start_month": "",
        "end_year": "",
        "end_month": "",
        "body": streamfield([]),
        "partners": inline_formset([]),
        "outcomes": inline_formset([]),
        "documents": inline_formset([]),
        "related_links": inline_formset([]),
        "comments": inline_formset([]),
        "tags": "",
    }
    fields.update(overrides)
    # Multiple choices travel as repeated keys, as a browser sends them.
    choices = {name: fields.pop(name) for name in ("approaches", "themes", "funding_sources")}
    data = QueryDict(mutable=True)
    data.update(nested_form_data(fields))
    for name, values in choices.items():
        data.setlist(name, [str(value) for value in values])
    form_class = CaseStudyPage.get_edit_handler().get_form_class()
    user = UserFactory(is_superuser=True)
    return form_class(data, instance=CaseStudyPage(), parent_page=council, for_user=user)


def test_valid_case_study_form_passes():
    """A fully filled-in case study validates, so the failures below are about one rule each."""
    form = page_form()
    assert form.is_valid(), form.errors


def test_negative_budget_is_a_form_error():
    """A negative budget gets a plain-English error on the budget field."""
    form = page_form(budget="-1")
    assert not form.is_valid()
    assert form.errors["budget"] == [
        "The budget cannot be negative. Leave it empty when it is not stated."
    ]


def test_budget_that_is_not_a_number_is_a_form_error():
    """A budget typed with a pound sign or words asks for whole pounds in numbers."""
    form = page_form(budget="£3k")
    assert not form.is_valid()
    assert "whole pounds" in form.errors["budget"][0]


def test_empty_budget_is_allowed_as_not_stated():
    """Leaving the budget empty is a legitimate answer: it is saved as not stated."""
    form = page_form(budget="")
    assert form.is_valid(), form.errors
    assert form.cleaned_data["budget"] is None


def test_end_before_start_is_a_form_error():
    """An end date before the start date is reported on the end year."""
    form = page_form(start_year="2020", start_month="6", end_year="2020", end_month="3")
    assert not form.is_valid()
    assert form.errors["end_year"] == ["The end date must not be before the start date."]


def test_end_in_the_start_month_is_allowed():
    """A project that starts and ends in the same month is valid."""
    form = page_form(start_year="2020", start_month="6", end_year="2020", end_month="6")
    assert form.is_valid(), form.errors


def test_end_year_without_start_year_is_a_form_error():
    """An end year needs a start year, so the dates can be compared."""
    form = page_form(start_year="", end_year="2021")
    assert not form.is_valid()
    assert form.errors["start_year"] == ["Give a start year when there is an end year."]


def test_summary_over_300_characters_is_a_form_error():
    """A 301-character summary is refused with the limit in the message."""
    form = page_form(summary="x" * 301)
    assert not form.is_valid()
    assert form.errors["summary"] == ["The summary must be 300 characters or fewer."]


def test_summary_of_exactly_300_characters_is_allowed():
    """The limit is inclusive: 300 characters are fine."""
    form = page_form(summary="x" * 300)
    assert form.is_valid(), form.errors


def test_missing_approach_is_a_form_error():
    """A case study with no approach asks for at least one."""
    form = page_form(approaches=[])
    assert not form.is_valid()
    assert form.errors["approaches"] == ["Choose at least one approach."]


def test_missing_theme_is_a_form_error():
    """A case study with no theme asks for at least one."""
    form = page_form(themes=[])
    assert not form.is_valid()
    assert form.errors["themes"] == ["Choose at least one theme."]


def test_new_story_starts_with_every_standard_heading(client_a, council_a):
    """A new case study's form offers "The story" prefilled with the five standard sections."""
    url = reverse("wagtailadmin_pages:add", args=["casestudies", "casestudypage", council_a.pk])
    html = client_a.get(url).content.decode()

    assert "The story" in html
    assert html.index("The story") < html.index("Partners") < html.index("Outcomes")
    form = CaseStudyPage.get_edit_handler().get_form_class()(
        instance=CaseStudyPage(), parent_page=council_a, for_user=None
    )
    headings = [child.value["heading"] for child in form.initial["body"]]
    assert headings == [heading.value for heading in SectionHeading]


def test_sections_left_empty_are_dropped_and_written_ones_kept():
    """Saving keeps the sections an officer wrote under and drops the headings left empty."""
    form = page_form(
        body=streamfield(
            [
                ("section", {"heading": "challenge", "text": rich_text("<p>Empty shelves.</p>")}),
                ("section", {"heading": "what-we-did", "text": rich_text("")}),
                ("section", {"heading": "lessons", "text": rich_text("<p> </p>")}),
                ("paragraph", rich_text("<p>A note.</p>")),
            ]
        )
    )

    assert form.is_valid(), form.errors
    body = form.cleaned_data["body"]
    assert [child.block_type for child in body] == ["section", "paragraph"]
    assert body[0].value["heading"] == "challenge"


def test_an_existing_story_is_not_prefilled(officer_a, draft_a):
    """Editing a case study shows its own body, with no standard sections added."""
    form = CaseStudyPage.get_edit_handler().get_form_class()(
        instance=draft_a, parent_page=draft_a.get_parent(), for_user=officer_a
    )

    assert len(form.initial["body"]) == len(draft_a.body)


def test_draft_save_defers_the_summary_but_not_approaches_or_themes():
    """Saving a draft may leave the summary for later, never the approaches and themes."""
    form = page_form(summary="", approaches=[], themes=[])
    form.defer_required_fields()
    assert not form.is_valid()
    assert set(form.errors) == {"approaches", "themes"}


def test_unknown_funding_source_is_a_form_error():
    """Funding sources come from the fixed list only."""
    form = page_form(funding_sources=["bitcoin"])
    assert not form.is_valid()
    assert "funding_sources" in form.errors


def test_model_refuses_negative_budget():
    """Code that bypasses the form still meets the budget rule through full_clean()."""
    page = CaseStudyPageFactory.build(budget=-5)
    with pytest.raises(ValidationError) as error:
        page.full_clean(exclude=["path", "depth"])
    assert error.value.message_dict["budget"] == [
        "The budget cannot be negative. Leave it empty when it is not stated."
    ]


def test_model_refuses_long_summary():
    """full_clean() enforces the 300-character summary, which a TextField alone would not."""
    page = CaseStudyPageFactory.build(summary="y" * 301)
    with pytest.raises(ValidationError) as error:
        page.full_clean(exclude=["path", "depth"])
    assert error.value.message_dict["summary"] == ["The summary must be 300 characters or fewer."]


def test_model_refuses_end_before_start():
    """full_clean() reports an end year before the start year on the end year."""
    page = CaseStudyPageFactory.build(start_year=2021, end_year=2020)
    with pytest.raises(ValidationError) as error:
        page.full_clean(exclude=["path", "depth"])
    assert "end_year" in error.value.message_dict


def test_saved_page_derives_budget_band():
    """The stored budget band follows the budget, including 'not stated' for no budget."""
    assert CaseStudyPageFactory(budget=None).budget_band == "not-stated"
    assert CaseStudyPageFactory(budget=9_999).budget_band == "under-10k"
    assert CaseStudyPageFactory(budget=10_000).budget_band == "10k-50k"
    assert CaseStudyPageFactory(budget=1_000_000).budget_band == "over-1m"


# C0 controls other than tab, newline and carriage return, DEL and the C1 controls.
# (Django's own validator already refuses U+0000 in single-line fields, with its own message.)
CONTROL_CHARACTERS = ["\x01", "\x1e", "\x1f", "\x7f", "\x85", "\x9f"]


def _edit(client, page, user, **changes):
    data = edit_form_data(page, user, **changes)
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)


@pytest.mark.parametrize("character", CONTROL_CHARACTERS)
def test_control_character_in_title_is_a_form_error(client_a, officer_a, draft_a, character):
    """A title holding a control character is refused in the admin edit form with a message."""
    response = _edit(client_a, draft_a, officer_a, title=f"Alpha{character}fridge")
    assert response.status_code == 200
    assert "title" in response.context["form"].errors
    assert CONTROL_CHARACTER_MESSAGE in response.content.decode()
    draft_a.refresh_from_db()
    assert "fridge" in draft_a.latest_revision.as_object().title
    assert character not in draft_a.latest_revision.as_object().title


@pytest.mark.parametrize("field", ["summary", "contact_name", "contact_role"])
def test_control_character_in_other_text_fields_is_a_form_error(
    client_a, officer_a, draft_a, field
):
    """Summary and the other text fields refuse control characters too."""
    response = _edit(client_a, draft_a, officer_a, **{field: "Tenants\x1fpanel"})
    assert response.status_code == 200
    assert field in response.context["form"].errors


def test_tab_newline_and_carriage_return_are_allowed(client_a, officer_a, draft_a):
    """Ordinary whitespace is not a control character for this rule: the edit saves."""
    response = _edit(client_a, draft_a, officer_a, summary="Line one\r\nLine\ttwo")
    assert response.status_code == 302, response.context["form"].errors
    draft_a.refresh_from_db()
    assert "Line\ttwo" in draft_a.latest_revision.as_object().summary


@pytest.mark.parametrize(
    "block",
    [
        ("paragraph", rich_text("<p>Food\x1ebags</p>")),
        ("quote", {"quote": "Good\x85work", "attribution": "A resident"}),
        ("section", {"heading": "challenge", "text": rich_text("<p>Start\x9fed</p>")}),
    ],
)
def test_control_character_in_body_is_a_form_error(client_a, officer_a, draft_a, block):
    """Rich text and plain text inside the StreamField body are checked as well."""
    data = edit_form_data(draft_a, officer_a)
    data.update(nested_form_data({"body": streamfield([block])}))
    response = client_a.post(reverse("wagtailadmin_pages:edit", args=[draft_a.pk]), data)
    assert response.status_code == 200
    assert "body" in response.context["form"].errors
    assert CONTROL_CHARACTER_MESSAGE in response.content.decode()


def test_control_character_in_partner_name_is_a_form_error(client_a, officer_a, draft_a):
    """Inline rows (partners) refuse control characters on their own field."""
    data = edit_form_data(draft_a, officer_a)
    data.update(
        nested_form_data({"partners": inline_formset([{"name": "Food\x1fbank", "kind": "other"}])})
    )
    response = client_a.post(reverse("wagtailadmin_pages:edit", args=[draft_a.pk]), data)
    assert response.status_code == 200
    partner_errors = response.context["form"].formsets["partners"].forms[0].errors
    assert partner_errors["name"] == [CONTROL_CHARACTER_MESSAGE]


def _edit_with(client, page, user, **nested):
    data = edit_form_data(page, user)
    data.update(nested_form_data(nested))
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)


def test_other_councils_document_posted_into_a_draft_is_refused(
    client_a, officer_a, draft_a, council_a, council_b
):
    """A document id of council B posted into A's draft is a form error; A's own is saved."""
    theirs = CouncilDocumentFactory(council=council_b, title="Brampton budget leak")
    response = _edit_with(
        client_a, draft_a, officer_a, documents=inline_formset([{"document": theirs.pk}])
    )
    assert response.status_code == 200
    row_errors = response.context["form"].formsets["documents"].forms[0].errors
    assert row_errors["document"] == [REFERENCE_MESSAGES["document"]]
    draft_a.refresh_from_db()
    assert not draft_a.latest_revision.as_object().documents.all()

    ours = CouncilDocumentFactory(council=council_a)
    response = _edit_with(
        client_a, draft_a, officer_a, documents=inline_formset([{"document": ours.pk}])
    )
    assert response.status_code == 302
    draft_a.refresh_from_db()
    saved = [row.document_id for row in draft_a.latest_revision.as_object().documents.all()]
    assert saved == [ours.pk]


def test_other_councils_hero_image_is_refused(client_a, officer_a, draft_a, council_b):
    """Council B's image id as A's hero image is a form error."""
    theirs = CouncilImageFactory(council=council_b)
    data = edit_form_data(draft_a, officer_a, hero_image=theirs.pk)
    response = client_a.post(reverse("wagtailadmin_pages:edit", args=[draft_a.pk]), data)
    assert response.status_code == 200
    assert response.context["form"].errors["hero_image"] == [REFERENCE_MESSAGES["image"]]


def test_other_councils_image_block_is_refused(client_a, officer_a, draft_a, council_a, council_b):
    """An image block in the body pointing at B's image is a form error; A's own is fine."""
    theirs = CouncilImageFactory(council=council_b)
    ours = CouncilImageFactory(council=council_a)

    def with_image(image):
        block = ("image", {"image": image.pk, "alt_text": "A photo", "decorative": ""})
        return _edit_with(client_a, draft_a, officer_a, body=streamfield([block]))

    refused = with_image(theirs)
    assert refused.status_code == 200
    assert refused.context["form"].errors["body"] == [REFERENCE_MESSAGES["image"]]
    assert with_image(ours).status_code == 302


def test_rich_text_link_to_other_councils_draft_is_refused(
    client_a, officer_a, draft_a, draft_b, live_b
):
    """A body link to B's draft is a form error; a link to B's published page is allowed."""

    def with_link(page):
        html = f'<p><a linktype="page" id="{page.pk}">see this</a></p>'
        return _edit_with(
            client_a, draft_a, officer_a, body=streamfield([("paragraph", rich_text(html))])
        )

    refused = with_link(draft_b)
    assert refused.status_code == 200
    assert refused.context["form"].errors["body"] == [REFERENCE_MESSAGES["page"]]
    assert with_link(live_b).status_code == 302


def test_rich_text_document_and_image_references_are_found():
    """Document links and image embeds in stored rich text are read as references."""
    html = (
        '<p><a linktype="document" id="7">report</a> <a id="9" linktype="page">page</a></p>'
        '<embed alt="x" embedtype="image" format="fullwidth" id="3"/>'
    )
    assert rich_text_references(html) == {"document": {7}, "page": {9}, "image": {3}}


def test_preview_never_shows_other_councils_document(client_a, officer_a, draft_a, council_b):
    """Previewing a draft with B's document posted in shows neither its title nor its URL."""
    theirs = CouncilDocumentFactory(council=council_b, title="Brampton budget leak")
    data = edit_form_data(draft_a, officer_a)
    data.update(nested_form_data({"documents": inline_formset([{"document": theirs.pk}])}))
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[draft_a.pk])
    posted = client_a.post(url, data)
    assert posted.json()["is_valid"] is False
    shown = client_a.get(url).content.decode()
    assert "Brampton budget leak" not in shown
    assert theirs.url not in shown
