"""The settings modules: what production requires and derives, what dev allows, admin avatars."""

import sys

import pytest

from tests.factories import AdministratorFactory
from tests.helpers.processes import DEPLOY_SECRET_KEY, dev_env, production_env, run, settings_values

SITE_SETTINGS = (
    "WAGTAILADMIN_BASE_URL",
    "WAGTAILAPI_BASE_URL",
    "SITE_HOSTNAME",
    "SITE_PORT",
    "ALLOWED_HOSTS",
)


def import_production(**variables):
    return run(
        [sys.executable, "-c", "import network_site.settings.production"],
        production_env(**variables),
    )


def test_production_refuses_to_import_without_a_site_address():
    """Without SITE_URL or WAGTAILADMIN_BASE_URL, production settings fail, naming both."""
    result = import_production(SECRET_KEY=DEPLOY_SECRET_KEY)

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SITE_URL" in result.stderr
    assert "WAGTAILADMIN_BASE_URL" in result.stderr


@pytest.mark.parametrize(
    "site_url", ["network.example.org", "ftp://network.example.org", "https://"]
)
def test_production_refuses_a_site_url_that_is_not_an_http_address(site_url):
    """A SITE_URL without an http(s) scheme and a host name is refused with a clear message."""
    result = import_production(SECRET_KEY=DEPLOY_SECRET_KEY, SITE_URL=site_url)

    assert result.returncode != 0
    assert f"SITE_URL ({site_url!r}) must be an absolute http(s) address" in result.stderr


def test_production_refuses_a_site_port_that_is_not_a_number():
    """SITE_PORT, when given, must be a port number."""
    result = import_production(
        SECRET_KEY=DEPLOY_SECRET_KEY, SITE_URL="https://network.example.org", SITE_PORT="https"
    )

    assert result.returncode != 0
    assert "SITE_PORT ('https') must be a port number" in result.stderr


def test_production_derives_the_admin_url_site_and_hosts_from_site_url():
    """SITE_URL alone sets the admin and API base URLs, the Site's host and port, ALLOWED_HOSTS."""
    env = production_env(SECRET_KEY=DEPLOY_SECRET_KEY, SITE_URL="https://network.example.org/")

    values = settings_values(env, *SITE_SETTINGS)

    assert values["WAGTAILADMIN_BASE_URL"] == "https://network.example.org"
    assert values["WAGTAILAPI_BASE_URL"] == "https://network.example.org"
    assert values["SITE_HOSTNAME"] == "network.example.org"
    assert values["SITE_PORT"] == "443"
    # Loopback stays allowed for the container's own health probe.
    assert values["ALLOWED_HOSTS"] == "['network.example.org', '127.0.0.1', 'localhost']"


def test_production_explicit_variables_win_over_site_url():
    """WAGTAILADMIN_BASE_URL, SITE_HOSTNAME, SITE_PORT and ALLOWED_HOSTS beat the derived."""
    env = production_env(
        SECRET_KEY=DEPLOY_SECRET_KEY,
        SITE_URL="https://network.example.org",
        WAGTAILADMIN_BASE_URL="https://admin.network.example.org",
        SITE_HOSTNAME="www.network.example.org",
        SITE_PORT="8443",
        ALLOWED_HOSTS="www.network.example.org",
    )

    values = settings_values(env, *SITE_SETTINGS)

    assert values["WAGTAILADMIN_BASE_URL"] == "https://admin.network.example.org"
    assert values["SITE_HOSTNAME"] == "www.network.example.org"
    assert values["SITE_PORT"] == "8443"
    assert values["ALLOWED_HOSTS"] == "['www.network.example.org']"


def test_production_reads_media_settings_from_the_environment(tmp_path):
    """MEDIA_ROOT, MEDIA_URL and SERVE_MEDIA come from the environment; SERVE_MEDIA defaults off."""
    base = {"SECRET_KEY": DEPLOY_SECRET_KEY, "SITE_URL": "https://network.example.org"}

    default = settings_values(production_env(**base), "SERVE_MEDIA", "MEDIA_URL")
    configured = settings_values(
        production_env(**base, MEDIA_ROOT=str(tmp_path), MEDIA_URL="/uploads/", SERVE_MEDIA="true"),
        "SERVE_MEDIA",
        "MEDIA_URL",
        "MEDIA_ROOT",
    )

    assert default == {"SERVE_MEDIA": "False", "MEDIA_URL": "/media/"}
    assert configured == {
        "SERVE_MEDIA": "True",
        "MEDIA_URL": "/uploads/",
        "MEDIA_ROOT": str(tmp_path),
    }


def test_dev_allowed_hosts_stay_loopback(tmp_path):
    """Dev settings (DEBUG on, fixed key) answer loopback host names only, whatever the env says."""
    values = settings_values(
        dev_env(tmp_path, ALLOWED_HOSTS="*,network.example.org"), "ALLOWED_HOSTS", "DEBUG"
    )

    assert values == {"DEBUG": "True", "ALLOWED_HOSTS": "['127.0.0.1', 'localhost', '[::1]']"}


def test_dev_site_address_is_where_make_run_serves(tmp_path):
    """Without SITE_URL the dev settings put the Site and admin links at http://127.0.0.1:8000."""
    values = settings_values(
        dev_env(tmp_path), "SITE_HOSTNAME", "SITE_PORT", "WAGTAILADMIN_BASE_URL"
    )

    assert values == {
        "SITE_HOSTNAME": "127.0.0.1",
        "SITE_PORT": "8000",
        "WAGTAILADMIN_BASE_URL": "http://127.0.0.1:8000",
    }


@pytest.mark.django_db
def test_the_admin_never_links_to_gravatar(client):
    """Admin pages show initials, never a Gravatar image telling gravatar.com who signed in."""
    client.force_login(AdministratorFactory())

    pages = [client.get(url) for url in ("/admin/", "/admin/account/", "/admin/users/")]

    assert [page.status_code for page in pages] == [200, 200, 200]
    for page in pages:
        assert "gravatar" not in page.content.decode().lower()


def test_replicas_default_to_one_when_several_nodes_are_named():
    """One node gets no replica, a comma-separated list of nodes one; SEARCH_REPLICAS wins."""
    base = {"SECRET_KEY": DEPLOY_SECRET_KEY, "SITE_URL": "https://network.example.org"}
    one = settings_values(production_env(**base), "SEARCH_REPLICAS", "SEARCH_SHARDS")
    three = settings_values(
        production_env(**base, ELASTICSEARCH_URL="http://a:9200,http://b:9200,http://c:9200"),
        "SEARCH_REPLICAS",
    )
    chosen = settings_values(production_env(**base, SEARCH_REPLICAS="2"), "SEARCH_REPLICAS")
    assert (one["SEARCH_REPLICAS"], one["SEARCH_SHARDS"]) == ("0", "1")
    assert three["SEARCH_REPLICAS"] == "1"
    assert chosen["SEARCH_REPLICAS"] == "2"
