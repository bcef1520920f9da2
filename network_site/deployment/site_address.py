"""The default Wagtail Site's host and port, taken from the SITE_HOSTNAME and SITE_PORT settings.

Full URLs (the sitemap, the API's ``html_url``, links in email) are built from the Site record,
so it must name the public address, never the ``localhost:80`` the seed migration writes.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connections
from wagtail.models import Site

# What casestudies' seed migration writes before any address is known.
PLACEHOLDER = ("localhost", 80)


class SiteAddressError(Exception):
    """The address cannot be applied; the message says why."""


def configured_address():
    return settings.SITE_HOSTNAME.strip().lower(), settings.SITE_PORT


def move_default_site(hostname, port):
    """Point the default site at ``hostname:port``; returns its old address, None if unchanged."""
    if not 0 < port < 65536:
        raise SiteAddressError(f"{port} is not a port number.")
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        raise SiteAddressError("There is no default site: run `manage.py migrate` first.")
    if (site.hostname, site.port) == (hostname, port):
        return None
    clash = Site.objects.filter(hostname=hostname, port=port).exclude(pk=site.pk).first()
    if clash:
        raise SiteAddressError(
            f"Site {clash.site_name or clash.pk!r} already uses {hostname}:{port}."
        )
    before = f"{site.hostname}:{site.port}"
    site.hostname, site.port = hostname, port
    try:
        site.full_clean()
    except ValidationError as error:
        raise SiteAddressError("; ".join(error.messages)) from None
    site.save(update_fields=["hostname", "port"])
    return before


def replace_placeholder(using="default", **kwargs):
    """After migrate: a default site still at the seeded placeholder takes the configured address.

    A site someone has already pointed elsewhere is left alone (`configure_site` moves it).
    """
    if Site._meta.db_table not in connections[using].introspection.table_names():
        return  # wagtailcore migrated back to zero
    site = Site.objects.using(using).filter(is_default_site=True).first()
    if site is not None and (site.hostname, site.port) == PLACEHOLDER:
        move_default_site(*configured_address())
