"""The per-process copy of Wagtail's site lookup."""

import pytest
from django.test import RequestFactory
from wagtail.models import Site

from network_site.sites import site_for

pytestmark = pytest.mark.django_db


def request_for(host):
    return RequestFactory().get("/", HTTP_HOST=host)


def test_the_site_is_looked_up_once_per_host(django_assert_num_queries):
    """A second request for the same host finds its site without a query."""
    expected = Site.objects.get(is_default_site=True)
    with django_assert_num_queries(1):
        first = site_for(request_for("localhost"))
    with django_assert_num_queries(0):
        second = site_for(request_for("localhost"))
    assert first.pk == second.pk == expected.pk
    assert first is not second


def test_each_request_reads_the_root_page_afresh(django_assert_num_queries):
    """The copy keeps the site's fields only: an edited home page is never served stale."""
    site_for(request_for("localhost"))
    with django_assert_num_queries(1):
        root = site_for(request_for("localhost")).root_page
    assert root.pk == Site.objects.get(is_default_site=True).root_page_id


def test_saving_a_site_is_seen_by_the_next_request():
    """A Site save drops the copy, so a new site name shows at once."""
    site_for(request_for("localhost"))
    site = Site.objects.get(is_default_site=True)
    site.site_name = "Renamed network"
    site.save()
    assert site_for(request_for("localhost")).site_name == "Renamed network"


def test_the_middleware_hands_wagtail_the_copy(client, django_assert_max_num_queries):
    """Pages still resolve through the middleware, and a repeat costs no site query."""
    client.get("/")
    with django_assert_max_num_queries(50) as captured:
        assert client.get("/").status_code == 200
    assert not any("wagtailcore_site" in query["sql"] for query in captured.captured_queries)
