"""Debug settings serve on loopback only: runserver and gunicorn refuse any other address.

DEBUG pages show tracebacks, settings and SQL to whoever can reach them, and the dev settings'
fixed key is public, so an address beyond 127.0.0.1 would hand both to the network.
"""

import ipaddress
import socket

from django.conf import settings


class PublicAddressRefused(RuntimeError):
    """Raised instead of listening on a non-loopback address with DEBUG on."""


def is_loopback(host):
    """True when every address ``host`` resolves to is a loopback address."""
    if not host:
        return False
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError):
        return False
    # Scoped IPv6 addresses carry "%interface", which ip_address does not accept.
    return all(ipaddress.ip_address(info[4][0].split("%")[0]).is_loopback for info in infos)


def refuse_public_address(host, port, server):
    """Raise ``PublicAddressRefused`` when ``server`` would listen beyond loopback with DEBUG on."""
    # Loopback first: settings are only read when the address could matter.
    if is_loopback(host) or not settings.DEBUG:
        return
    raise PublicAddressRefused(
        f"Refusing to start {server} on {host or 'every interface'}:{port} with DEBUG on "
        f"({settings.SETTINGS_MODULE}): debug pages and the dev key must stay on this machine. "
        "Serve on 127.0.0.1 (as `make run` does), or use network_site.settings.production "
        "for any other address."
    )
