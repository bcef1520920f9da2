"""The loopback guard shared by runserver and gunicorn."""

import pytest
from django.test import override_settings

from network_site.deployment.binding import PublicAddressRefused, is_loopback, refuse_public_address


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.2", "localhost", "::1"])
def test_loopback_addresses_are_recognised(host):
    """Loopback addresses, and names that resolve only to them, count as loopback."""
    assert is_loopback(host)


@pytest.mark.parametrize("host", ["0.0.0.0", "0", "::", "", "192.0.2.10", "no-such-host.invalid"])
def test_other_addresses_are_not_loopback(host):
    """Every-interface, routable and unresolvable addresses do not count as loopback."""
    assert not is_loopback(host)


@override_settings(DEBUG=True)
def test_debug_settings_refuse_a_public_address():
    """With DEBUG on, listening on every interface is refused with a message saying why."""
    with pytest.raises(
        PublicAddressRefused, match=r"Refusing to start gunicorn on 0\.0\.0\.0:8000 with DEBUG on"
    ):
        refuse_public_address("0.0.0.0", 8000, "gunicorn")


@override_settings(DEBUG=True)
def test_debug_settings_allow_loopback():
    """With DEBUG on, 127.0.0.1 is still allowed (what `make run` uses)."""
    assert refuse_public_address("127.0.0.1", 8000, "runserver") is None


@override_settings(DEBUG=False)
def test_production_like_settings_may_listen_anywhere():
    """With DEBUG off (production behind its proxy) any address is allowed."""
    assert refuse_public_address("0.0.0.0", 8000, "gunicorn") is None
