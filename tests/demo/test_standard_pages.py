"""The privacy notice says what the code records: the request log, sign-ins, no search history."""

import runpy
from pathlib import Path

import pytest
from axes.models import AccessLog
from django.apps import apps
from django.conf import settings
from django.test import Client
from gunicorn.config import AccessLogFormat

from demo.standard_pages import PRIVACY_NOTICE
from enquiries.models import Enquiry
from tests.factories import CaseStudyPageFactory, ModeratorFactory

PASSWORD = "plum-orchard-lantern-42"


def row_counts():
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


def test_the_request_log_holds_what_the_notice_says():
    """gunicorn logs each request's address, time, path with query, referrer and browser."""
    config = runpy.run_path(str(Path(settings.BASE_DIR) / "gunicorn.conf.py"))
    assert config["accesslog"] == "-"
    for field in ("%(h)s", "%(t)s", "%(r)s", '"%(f)s"', '"%(a)s"'):
        assert field in AccessLogFormat.default
    for claim in ("IP address", "the words you searched for", "browser's name"):
        assert claim in PRIVACY_NOTICE


@pytest.mark.django_db
def test_a_search_stores_nothing():
    """An anonymous search writes no row anywhere: there is no search history to disclose."""
    CaseStudyPageFactory(title="Food hub")
    before = row_counts()

    for query in ("food", "xylophone"):
        assert Client().get("/search/", {"q": query}).status_code == 200

    assert row_counts() == before
    assert "We do not store your searches anywhere else" in PRIVACY_NOTICE


@pytest.mark.django_db
def test_a_sign_in_is_recorded_with_address_and_browser_as_the_notice_says():
    """Signing in records the time, IP address and browser (django-axes' access log)."""
    user = ModeratorFactory(username="logged-moderator")
    user.set_password(PASSWORD)
    user.save()

    Client(HTTP_USER_AGENT="TestBrowser/1.0").post(
        "/admin/login/", {"username": user.username, "password": PASSWORD}
    )

    entry = AccessLog.objects.get(username=user.username)
    assert entry.ip_address and entry.user_agent == "TestBrowser/1.0" and entry.attempt_time
    assert "each sign-in and sign-out" in PRIVACY_NOTICE


@pytest.mark.django_db
def test_a_question_to_an_author_stores_what_the_notice_says_for_as_long_as_it_says():
    """Asking stores name, email, organisation and text (no IP), kept ENQUIRY_KEEP_DAYS."""
    page = CaseStudyPageFactory(title="Food hub")
    Client().post(
        f"/ask/{page.pk}/",
        {"name": "Priya", "email": "p@example.org", "organisation": "Org", "message": "Hi?"},
    )

    stored = Enquiry.objects.values().get()
    assert not any("ip" in name.split("_") or name == "address" for name in stored)
    assert (stored["sender_name"], stored["sender_email"], stored["sender_organisation"]) == (
        "Priya",
        "p@example.org",
        "Org",
    )
    text = " ".join(PRIVACY_NOTICE.split())
    assert "your name, email address, organisation if you give it, and your question" in text
    assert f"deleted from it {settings.ENQUIRY_KEEP_DAYS} days after you send it" in text
    assert "we do not store your IP address with the question" in text
    assert "shown only to people signed in" not in text
