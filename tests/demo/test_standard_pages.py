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
