"""Assertions on the admin's answer to a forbidden request."""

from django.urls import reverse


def assert_denied(response):
    """Wagtail answers a forbidden admin view with 403 or a redirect home with a message."""
    if response.status_code == 403:
        return
    assert response.status_code == 302, response.status_code
    assert response["Location"] == reverse("wagtailadmin_home")
