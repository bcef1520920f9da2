"""The address of the client behind a request, for login lockouts and search rate limits.

Behind the production proxy ``REMOTE_ADDR`` is the proxy for everyone. Its
``X-Forwarded-For`` is believed only when the request comes from a trusted proxy
(``TRUSTED_PROXIES``); anyone else could write any address into it.
"""

import ipaddress
from functools import cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


@cache
def _networks(values):
    networks = []
    for value in values:
        try:
            networks.append(ipaddress.ip_network(value, strict=False))
        except ValueError as error:
            raise ImproperlyConfigured(
                f"TRUSTED_PROXIES: {value!r} is not an IP address or network"
            ) from error
    return tuple(networks)


def _address(value):
    try:
        return ipaddress.ip_address(value.strip())
    except ValueError:
        return None


def _trusted(address, networks):
    return any(address in network for network in networks)


def client_address(request):
    """The right-most address in X-Forwarded-For that no trusted proxy added, else REMOTE_ADDR."""
    remote = request.META.get("REMOTE_ADDR", "")
    networks = _networks(tuple(settings.TRUSTED_PROXIES))
    address = _address(remote)
    if address is None or not _trusted(address, networks):
        return remote
    hops = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    for hop in reversed(hops):
        hop_address = _address(hop)
        if hop_address is None:
            # A trusted proxy passed on something that is not an address: stop there.
            break
        address = hop_address
        if not _trusted(address, networks):
            break
    return str(address)
