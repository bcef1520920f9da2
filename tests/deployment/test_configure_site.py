"""`manage.py configure_site`: the default Site's host and port from the deployment's settings."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from network_site.deployment.site_address import replace_placeholder

pytestmark = pytest.mark.django_db


def configure_site(*args):
    out = StringIO()
    call_command("configure_site", *args, stdout=out)
    return out.getvalue()


def default_site():
    return Site.objects.get(is_default_site=True)


def test_migrate_replaces_the_seeded_placeholder_with_the_configured_address():
    """After migrate the default site is at SITE_HOSTNAME:SITE_PORT, not the seeded localhost:80."""
    assert default_site().root_url == "https://network.test"


@override_settings(SITE_HOSTNAME="network.example.org", SITE_PORT=443)
def test_migrate_leaves_a_site_already_moved_elsewhere_alone():
    """Only the placeholder is replaced on migrate: an address someone chose stays."""
    replace_placeholder()
    assert default_site().root_url == "https://network.test"

    Site.objects.filter(is_default_site=True).update(hostname="localhost", port=80)
    replace_placeholder()
    assert default_site().root_url == "https://network.example.org"


@override_settings(SITE_HOSTNAME="network.example.org", SITE_PORT=443)
def test_the_default_site_takes_hostname_and_port_from_settings():
    """The default site is moved to SITE_HOSTNAME:SITE_PORT, saying from where."""
    output = configure_site()

    site = default_site()
    assert (site.hostname, site.port) == ("network.example.org", 443)
    assert site.root_url == "https://network.example.org"
    assert "moved from network.test:443 to network.example.org:443" in output


@override_settings(SITE_HOSTNAME="network.example.org", SITE_PORT=443)
def test_running_it_again_writes_nothing():
    """A second run on every deploy finds the site in place and issues no write."""
    configure_site()

    with CaptureQueriesContext(connection) as queries:
        output = configure_site()

    assert "already at network.example.org:443" in output
    assert not [
        query for query in queries if not query["sql"].lstrip().upper().startswith("SELECT")
    ]
    assert (default_site().hostname, default_site().port) == ("network.example.org", 443)


def test_the_options_override_the_settings():
    """--hostname and --port (what `make run` passes for its own port) win over the settings."""
    configure_site("--hostname", "127.0.0.1", "--port", "8123")

    assert (default_site().hostname, default_site().port) == ("127.0.0.1", 8123)


def test_the_test_settings_address_is_already_in_place():
    """Run with the test settings' own address, the command finds the site there already."""
    assert "already at network.test:443" in configure_site()


def test_a_port_out_of_range_is_refused():
    """A port beyond 65535 is a clear command error and leaves the site alone."""
    with pytest.raises(CommandError, match="70000 is not a port number"):
        configure_site("--port", "70000")

    assert default_site().port == 443


def test_a_host_and_port_taken_by_another_site_is_refused():
    """Another site already on that host and port is named instead of a database error."""
    Site.objects.create(
        hostname="other.example.org",
        port=443,
        root_page=default_site().root_page,
        site_name="Other",
    )

    with pytest.raises(CommandError, match=r"Site 'Other' already uses other\.example\.org:443"):
        configure_site("--hostname", "other.example.org", "--port", "443")

    assert default_site().hostname == "network.test"


def test_without_a_default_site_it_says_what_to_do():
    """With no default site the command says to migrate instead of failing obscurely."""
    Site.objects.all().delete()

    with pytest.raises(CommandError, match=r"run `manage\.py migrate` first"):
        configure_site()
