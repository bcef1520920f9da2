"""The client's address: X-Forwarded-For counts only when a trusted proxy sent the request."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory

from network_site.clients import client_address


def request_from(remote, forwarded=None):
    headers = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **headers)


@pytest.mark.parametrize(
    ("remote", "forwarded", "expected"),
    [
        # No trusted proxy in front: the header is whatever the client wrote.
        ("203.0.113.7", "1.2.3.4", "203.0.113.7"),
        # Through the proxy: the right-most hop it did not add itself.
        ("10.0.0.2", "203.0.113.7", "203.0.113.7"),
        ("10.0.0.2", "1.2.3.4, 203.0.113.7", "203.0.113.7"),
        # Hops inside the trusted range (a second proxy) are skipped.
        ("10.0.0.2", "1.2.3.4, 203.0.113.7, 10.0.5.1", "203.0.113.7"),
        ("10.0.0.2", " 2001:db8::1 ", "2001:db8::1"),
        # Through the proxy without a usable header: the proxy is all we know.
        ("10.0.0.2", None, "10.0.0.2"),
        ("10.0.0.2", "", "10.0.0.2"),
        ("10.0.0.2", "not-an-address", "10.0.0.2"),
        ("10.0.0.2", "10.0.5.1", "10.0.5.1"),
    ],
)
def test_client_address(settings, remote, forwarded, expected):
    """Only a trusted proxy's header counts, read from the right past trusted hops."""
    settings.TRUSTED_PROXIES = ["10.0.0.0/16", "192.168.1.1"]
    assert client_address(request_from(remote, forwarded)) == expected


def test_no_trusted_proxies_means_the_header_is_ignored(settings):
    """With TRUSTED_PROXIES empty (the default) the socket's address is used."""
    settings.TRUSTED_PROXIES = []
    assert client_address(request_from("10.0.0.2", "203.0.113.7")) == "10.0.0.2"


def test_a_malformed_trusted_proxy_is_a_clear_configuration_error(settings):
    """A value that is not an address or network names itself in the error."""
    settings.TRUSTED_PROXIES = ["10.0.0.0/33"]
    with pytest.raises(ImproperlyConfigured, match=r"10\.0\.0\.0/33"):
        client_address(request_from("10.0.0.2"))
