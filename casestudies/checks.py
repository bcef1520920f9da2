"""System checks for what the public pages need at run time."""

from pathlib import Path

from django.conf import settings
from django.core.checks import Error, Tags, register

GOVUK_FRONTEND_CSS = "govuk-frontend.min.css"


@register(Tags.staticfiles)
def govuk_frontend_installed(app_configs, **kwargs):
    """The public pages are styled by GOV.UK Frontend, installed from npm into node_modules."""
    dirs = [
        Path(entry[1]) for entry in settings.STATICFILES_DIRS if isinstance(entry, (list, tuple))
    ]
    govuk = [path for path in dirs if path.name == "govuk"]
    if govuk and all((path / GOVUK_FRONTEND_CSS).is_file() for path in govuk):
        return []
    return [
        Error(
            "GOV.UK Frontend is not installed, so the public pages would have no styles.",
            hint="Run 'npm ci' (or 'make install') in the project folder.",
            id="casestudies.E001",
        )
    ]
