"""Documents download only when attached to a live public page, or for those who manage them."""

import pytest
from django.test import Client
from wagtail.models import PageViewRestriction

from casestudies.models import CaseStudyAttachment
from tests.factories import CaseStudyPageFactory, CouncilDocumentFactory
from tests.helpers.admin import signed_in

pytestmark = pytest.mark.django_db


def attach(page, document):
    CaseStudyAttachment.objects.create(page=page, document=document)
    return document


def status(client, document):
    return client.get(document.url).status_code


def test_document_of_a_draft_is_not_publicly_downloadable(
    draft_a, council_a, officer_a, officer_b, moderator
):
    """Anonymous visitors and other councils get a 404; the owner and staff download it."""
    document = attach(draft_a, CouncilDocumentFactory(council=council_a))
    assert document.url.startswith("/documents/")
    assert status(Client(), document) == 404
    assert status(signed_in(officer_b), document) == 404
    assert status(signed_in(officer_a), document) == 200
    assert status(signed_in(moderator), document) == 200


def test_document_of_a_published_public_page_is_downloadable(draft_a, council_a, moderator):
    """Once the page is published, anyone may download its document."""
    document = attach(draft_a, CouncilDocumentFactory(council=council_a))
    draft_a.save_revision(user=moderator).publish()
    response = Client().get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 test"


def test_document_of_a_private_page_is_not_publicly_downloadable(council_a):
    """A live page behind a view restriction does not make its documents public."""
    page = CaseStudyPageFactory(parent=council_a)
    PageViewRestriction.objects.create(page=page, restriction_type="password", password="pw")
    document = attach(page, CouncilDocumentFactory(council=council_a))
    assert status(Client(), document) == 404


def test_document_linked_from_a_public_page_body_is_downloadable(council_a):
    """A document linked in a live public page's rich text counts as published."""
    document = CouncilDocumentFactory(council=council_a)
    assert status(Client(), document) == 404
    body = [
        {"type": "paragraph", "value": f'<p><a linktype="document" id="{document.pk}">r</a></p>'}
    ]
    page = CaseStudyPageFactory(parent=council_a, body=body)
    page.save()
    assert status(Client(), document) == 200


def test_media_path_of_a_document_is_not_served(draft_a, council_a):
    """The file's storage path under MEDIA_URL cannot be used to bypass the permission check."""
    document = attach(draft_a, CouncilDocumentFactory(council=council_a))
    assert status(Client(), document) == 404
    assert Client().get(document.file.url).status_code == 404
