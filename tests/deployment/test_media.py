"""Uploaded media: renditions served under MEDIA_URL when SERVE_MEDIA is on, never originals."""

import sys

import pytest
from django.core.files.base import ContentFile
from django.test import override_settings
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from tests.helpers.processes import dev_env, run

pytestmark = pytest.mark.django_db


@pytest.fixture
def media_root(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def rendition(media_root):
    image = get_image_model().objects.create(title="Fridge", file=get_test_image_file())
    return image.get_rendition("fill-40x40")


@pytest.fixture
def document(media_root):
    return get_document_model().objects.create(
        title="Evaluation", file=ContentFile(b"%PDF-1.4\nreport\n", name="evaluation.pdf")
    )


def body(response):
    return b"".join(response.streaming_content)


@override_settings(SERVE_MEDIA=True)
def test_serve_media_on_serves_image_renditions(client, rendition):
    """With SERVE_MEDIA on, a rendition's URL answers with the image's bytes."""
    response = client.get(rendition.url)

    assert rendition.url.startswith("/media/images/")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    with rendition.file.open("rb") as stored:
        assert body(response) == stored.read()


@override_settings(SERVE_MEDIA=False)
def test_serve_media_off_leaves_renditions_to_the_proxy(client, rendition):
    """With SERVE_MEDIA off, the app does not answer for media: the proxy serves MEDIA_ROOT."""
    assert client.get(rendition.url).status_code == 404


@pytest.mark.parametrize("serve_media", [True, False])
def test_document_files_are_never_served_from_media(client, admin_client, document, serve_media):
    """A document's stored file is a 404 under MEDIA_URL, even to staff; Wagtail's serve view
    still serves it to those allowed (this one is on no public page, so to staff only)."""
    with override_settings(SERVE_MEDIA=serve_media):
        direct = client.get(f"/media/{document.file.name}")
        as_staff = admin_client.get(f"/media/{document.file.name}")
        served = admin_client.get(document.url)

    assert document.file.name.startswith("documents/")
    assert direct.status_code == 404
    assert as_staff.status_code == 404
    assert served.status_code == 200
    assert body(served) == b"%PDF-1.4\nreport\n"


@override_settings(SERVE_MEDIA=True)
def test_original_images_are_not_served(client, rendition):
    """Only renditions are public: an uploaded original under original_images/ is a 404."""
    original = rendition.image.file.name

    assert original.startswith("original_images/")
    assert client.get(f"/media/{original}").status_code == 404


@override_settings(SERVE_MEDIA=True)
@pytest.mark.parametrize("escape", ["images/../", "images/%2e%2e/", "images//../"])
def test_a_path_climbing_out_of_images_is_refused(client, document, escape):
    """A rendition path that climbs back out of images/ cannot reach a document's file."""
    response = client.get(f"/media/{escape}{document.file.name}")

    assert response.status_code == 404


def test_dev_settings_serve_renditions_but_never_document_files(tmp_path):
    """Under the dev settings (DEBUG on) documents' files stay behind the serve view."""
    media = tmp_path / "media"
    (media / "documents").mkdir(parents=True)
    (media / "images").mkdir()
    (media / "documents" / "draft-only.pdf").write_bytes(b"%PDF-1.4\n")
    (media / "images" / "photo.fill-40x40.png").write_bytes(b"\x89PNG\r\n")
    probe = (
        "import django; django.setup(); from django.core.management import call_command; "
        "call_command('migrate', verbosity=0); "
        "from django.test import Client; c = Client(HTTP_HOST='127.0.0.1'); "
        "print(c.get('/media/documents/draft-only.pdf').status_code, "
        "c.get('/media/images/photo.fill-40x40.png').status_code)"
    )

    result = run([sys.executable, "-c", probe], dev_env(tmp_path))

    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-2:] == ["404", "200"]
