"""Searches in the admin's page, document and image choosers never fail on odd characters."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from tests.factories import AdministratorFactory, CaseStudyPageFactory
from tests.helpers.admin import signed_in

pytestmark = pytest.mark.django_db
ODD = ['"', "\x00", 'fridge"', " ", "\x00fridge\u200b"]


@pytest.fixture
def content(db):
    """One page, one document and one image titled 'Community fridge'."""
    CaseStudyPageFactory(title="Community fridge")
    get_document_model().objects.create(
        title="Community fridge", file=SimpleUploadedFile("fridge.pdf", b"%PDF-1.4\n")
    )
    get_image_model().objects.create(title="Community fridge", file=get_test_image_file())


@pytest.fixture
def admin_client_safe(db):
    """A network administrator's client that returns server errors instead of raising them."""
    client = signed_in(AdministratorFactory(username="adam"))
    client.raise_request_exception = False
    return client


@pytest.mark.parametrize(
    "url_name",
    [
        "wagtailadmin_choose_page_search",
        "wagtaildocs_chooser:choose_results",
        "wagtailimages_chooser:choose_results",
    ],
)
@pytest.mark.parametrize("q", ODD)
def test_chooser_searches_answer_odd_characters(admin_client_safe, content, url_name, q):
    """A quote, NUL or blank in a chooser's search is a normal answer, not a server error."""
    response = admin_client_safe.get(reverse(url_name), {"q": q})
    assert response.status_code == 200, response.content[:300]


@pytest.mark.parametrize(
    "url_name",
    [
        "wagtailadmin_choose_page_search",
        "wagtaildocs_chooser:choose_results",
        "wagtailimages_chooser:choose_results",
    ],
)
def test_chooser_search_with_a_stray_quote_still_finds(admin_client_safe, content, url_name):
    """The words beside a stray quote still find the item."""
    response = admin_client_safe.get(reverse(url_name), {"q": 'fridge"'})
    assert "Community fridge" in response.content.decode()
