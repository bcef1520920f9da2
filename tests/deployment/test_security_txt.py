"""/.well-known/security.txt names the deployment's security contact from the environment."""

from datetime import UTC, datetime

import pytest
from django.test import override_settings

from tests.helpers.processes import DEPLOY_SECRET_KEY, production_env, run, settings_values

URL = "/.well-known/security.txt"
pytestmark = pytest.mark.django_db


@override_settings(
    SECURITY_CONTACT="mailto:security@network.example.org", SITE_URL="https://network.example.org"
)
def test_security_txt_names_the_configured_contact(client):
    """With SECURITY_CONTACT set, security.txt gives it, a future expiry and its canonical URL."""
    response = client.get(URL)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    fields = dict(line.split(": ", 1) for line in response.content.decode().splitlines())
    assert fields["Contact"] == "mailto:security@network.example.org"
    assert fields["Canonical"] == "https://network.example.org/.well-known/security.txt"
    assert datetime.fromisoformat(fields["Expires"]) > datetime.now(UTC)


@override_settings(SECURITY_CONTACT="")
def test_without_a_contact_there_is_no_security_txt(client):
    """No SECURITY_CONTACT, no file: the site never names a contact nobody reads."""
    assert client.get(URL).status_code == 404


@pytest.mark.parametrize(
    ("value", "contact"),
    [
        ("security@network.example.org", "mailto:security@network.example.org"),
        ("https://network.example.org/report", "https://network.example.org/report"),
    ],
)
def test_the_contact_comes_from_the_environment(value, contact):
    """SECURITY_CONTACT takes an address (made a mailto: URI) or an https page."""
    env = production_env(
        SECRET_KEY=DEPLOY_SECRET_KEY, SITE_URL="https://network.example.org", SECURITY_CONTACT=value
    )

    assert settings_values(env, "SECURITY_CONTACT") == {"SECURITY_CONTACT": contact}


def test_a_contact_that_is_neither_is_refused():
    """A SECURITY_CONTACT that is not an email address or an https URL stops the settings."""
    import sys

    env = production_env(
        SECRET_KEY=DEPLOY_SECRET_KEY,
        SITE_URL="https://network.example.org",
        SECURITY_CONTACT="call Bob",
    )

    result = run([sys.executable, "-c", "import network_site.settings.production"], env)

    assert result.returncode != 0
    assert "SECURITY_CONTACT ('call Bob') must be an email address or an https URL" in result.stderr
