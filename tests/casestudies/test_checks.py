"""The system check that GOV.UK Frontend is installed for the public pages."""

from django.test import override_settings

from casestudies.checks import govuk_frontend_installed


def test_installed_frontend_passes():
    """With node_modules in place (make install), the check is quiet."""
    assert govuk_frontend_installed(None) == []


def test_missing_frontend_is_a_clear_error(tmp_path):
    """Without node_modules the check is an error that says to run npm ci."""
    with override_settings(STATICFILES_DIRS=[("govuk", tmp_path / "govuk")]):
        errors = govuk_frontend_installed(None)
    assert [error.id for error in errors] == ["casestudies.E001"]
    assert "npm ci" in errors[0].hint
