"""Image and document uploads: alt text asked once on the image, documents titled for readers."""

import json
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection

from casestudies.media_forms import (
    ALT_TEXT_REQUIRED,
    FILE_NAME_TITLE_MESSAGE,
    looks_like_file_name,
)
from casestudies.models.case_study import HERO_WITHOUT_ALT_TEXT
from tests.factories import CouncilDocumentFactory, CouncilImageFactory
from tests.helpers.admin import edit_form_data

pytestmark = pytest.mark.django_db


def upload_image(client, council, **fields):
    return client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Village hall",
            "file": SimpleUploadedFile("hall.png", get_test_image_file().file.getvalue()),
            "collection": Collection.objects.get(name=council.title).pk,
            **fields,
        },
    )


def upload_document(client, title, name="evaluation_report-2024.pdf"):
    return client.post(
        reverse("wagtaildocs:add"),
        {"title": title, "file": SimpleUploadedFile(name, b"%PDF-1.4\n")},
    )


def test_an_image_asks_for_its_alt_text(client_a, council_a):
    """The image upload form labels the description "Alt text" and refuses an image without it."""
    form_html = client_a.get(reverse("wagtailimages:add")).content.decode()
    assert "Alt text" in form_html

    response = upload_image(client_a, council_a, description="")

    assert response.status_code == 200
    assert response.context["form"].errors["description"] == [ALT_TEXT_REQUIRED]
    assert not get_image_model().objects.filter(title="Village hall").exists()


def test_an_image_with_alt_text_is_stored(client_a, council_a):
    """An upload that describes the image is saved with that description."""
    upload_image(client_a, council_a, description="Volunteers sorting food in a village hall")

    image = get_image_model().objects.get(title="Village hall")
    assert image.description == "Volunteers sorting food in a village hall"


def test_the_case_study_form_does_not_ask_for_alt_text_again(client_a, draft_a):
    """The editor offers the hero image chooser and no second alt text field."""
    html = client_a.get(reverse("wagtailadmin_pages:edit", args=[draft_a.pk])).content.decode()

    assert 'name="hero_image"' in html
    assert "hero_alt" not in html


def test_the_hero_uses_the_images_own_alt_text(client, council_a, draft_a):
    """A published hero image is shown with the image's description as its alt text."""
    image = CouncilImageFactory(council=council_a, description="A fridge in a market hall")
    draft_a.hero_image = image
    draft_a.save_revision().publish()

    html = client.get(draft_a.url).content.decode()

    assert draft_a.hero_alt == "A fridge in a market hall"
    assert 'alt="A fridge in a market hall"' in html
    assert '<meta property="og:image:alt" content="A fridge in a market hall">' in html


def test_a_hero_image_without_alt_text_is_a_form_error(client_a, officer_a, council_a, draft_a):
    """Choosing an old image that has no description asks the officer to describe it."""
    image = CouncilImageFactory(council=council_a, description="")
    data = edit_form_data(draft_a, officer_a, hero_image=image.pk)

    response = client_a.post(reverse("wagtailadmin_pages:edit", args=[draft_a.pk]), data)

    assert response.status_code == 200
    assert response.context["form"].errors["hero_image"] == [HERO_WITHOUT_ALT_TEXT]


@pytest.mark.parametrize(
    "title",
    [
        "evaluation_report-2024.pdf",
        "evaluation_report-2024",
        "Evaluation report 2024",
        " EVALUATION  REPORT 2024 ",
    ],
)
def test_a_document_titled_with_its_file_name_is_refused(client_a, title):
    """The file name, with or without extension or punctuation, is not a title."""
    response = upload_document(client_a, title)

    assert response.status_code == 200
    assert response.context["form"].errors["title"] == [FILE_NAME_TITLE_MESSAGE]
    assert not get_document_model().objects.exists()


def test_a_document_with_a_real_title_is_stored(client_a):
    """A title that says what the document is saves the upload."""
    upload_document(client_a, "How the pilot went: an evaluation")

    assert get_document_model().objects.get().title == "How the pilot went: an evaluation"


def test_renaming_a_document_to_its_file_name_is_refused(client_a, council_a):
    """Editing only the title is checked against the stored file's name."""
    document = CouncilDocumentFactory(council=council_a, title="Evaluation")
    stored_name = os.path.splitext(os.path.basename(document.file.name))[0]

    response = client_a.post(
        reverse("wagtaildocs:edit", args=[document.pk]),
        {"title": stored_name, "collection": document.collection_id},
    )

    assert response.context["form"].errors["title"] == [FILE_NAME_TITLE_MESSAGE]
    document.refresh_from_db()
    assert document.title == "Evaluation"


def test_a_multiple_upload_waits_for_a_real_title(client_a):
    """Uploading several files keeps each one pending until the officer titles it."""
    response = client_a.post(
        reverse("wagtaildocs:add_multiple"),
        {"title": "minutes", "files[]": SimpleUploadedFile("minutes.pdf", b"%PDF-1.4\n")},
    )

    assert response.status_code == 200
    assert json.loads(response.content)["success"]
    assert not get_document_model().objects.exists()


def test_file_names_are_recognised_and_titles_are_not():
    """Only the name itself, spelled with or without separators, counts as a file name."""
    assert looks_like_file_name("annual-report", "documents/annual-report.pdf")
    assert not looks_like_file_name("Annual report for councillors", "annual-report.pdf")
    assert not looks_like_file_name("Report", "")
