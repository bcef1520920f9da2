"""The cookies page lists every cookie the site sets; reading and searching set none."""

import pytest
from django.test import Client

from network_site.cookies import cookies
from tests.factories import CaseStudyPageFactory, ModeratorFactory

pytestmark = pytest.mark.django_db

PASSWORD = "plum-orchard-lantern-42"


def documented():
    return {name for name, *_ in cookies()}


def test_cookies_page_lists_each_cookie_and_is_in_the_footer(client):
    """/cookies/ names every documented cookie, and every page's footer links to it."""
    response = client.get("/cookies/")

    assert response.status_code == 200
    html = response.content.decode()
    for name in documented():
        assert f"<code>{name}</code></h3>" in html
    assert 'href="/cookies/">Cookies</a>' in client.get("/search/").content.decode()


def test_reading_and_searching_set_no_cookie(client):
    """An anonymous reader's home, search, filtered search, case study and notices set nothing."""
    page = CaseStudyPageFactory(slug="cookie-free-project")
    paths = [
        "/",
        "/search/",
        "/search/?q=food&sort=newest",
        "/search/?q=xylophone",
        "/search/suggest/?q=foo",
        page.url,
        f"/ask/{page.pk}/",
        f"/ask/{page.pk}/sent/",
        "/cookies/",
        "/no-such-page/",
        "/api/v2/pages/",
    ]
    for path in paths:
        response = client.get(path)
        assert response.status_code in (200, 404), path
        assert not response.cookies, (path, list(response.cookies))
    assert not client.cookies


def test_signing_in_and_working_in_the_admin_set_only_documented_cookies():
    """Signing in, an admin page and signing out set no cookie the cookies page leaves out."""
    user = ModeratorFactory(username="cookie-moderator")
    user.set_password(PASSWORD)
    user.save()
    client = Client(enforce_csrf_checks=True)
    set_names = set()

    def record(response):
        set_names.update(response.cookies)
        return response

    record(client.get("/admin/login/"))
    token = client.cookies["csrftoken"].value
    login = record(
        client.post(
            "/admin/login/",
            {"username": user.username, "password": PASSWORD, "csrfmiddlewaretoken": token},
        )
    )
    assert login.status_code == 302
    record(client.get("/admin/"))
    record(client.get("/admin/pages/"))
    token = client.cookies["csrftoken"].value
    record(client.post("/admin/logout/", {"csrfmiddlewaretoken": token}))

    assert {"csrftoken", "sessionid"} <= set_names
    assert set_names <= documented()
